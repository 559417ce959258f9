/// A sector of the demo population: who sells in it, who buys from it, what is traded and what buyers ask for.
struct DemoSector: Sendable {
    let name: String
    /// Share of suppliers (and of buyers' demands) in this sector.
    let weight: Double
    let supplierClasses: [String]
    let buyerClasses: [String]
    let products: [String]
    /// Certifications a supplier of the sector may hold, with the probability it does.
    let certifications: [(code: String, probability: Double)]
    let nameWords: [String]
    /// Median unit price in pesos, to spread prices and budgets around.
    let medianUnitPrice: Double

    /// Sector weights follow the make-up of Colombia Productiva's Compra Lo Nuestro rounds: food and agro first,
    /// then fashion, construction, software, cosmetics, packaging, BPO, furniture and health.
    static let all: [DemoSector] = [
        DemoSector(
            name: "Alimentos procesados", weight: 0.21,
            supplierClasses: [
                "1011", "1012", "1020", "1040", "1051", "1061", "1062", "1081", "1082", "1084", "1089", "1104",
            ],
            buyerClasses: ["4711", "4719", "5611", "5511", "4631"],
            products: [
                "café tostado", "cafés especiales", "panela orgánica", "arepas", "snacks de plátano", "galletas",
                "chocolate de mesa", "mermeladas", "salsas", "quesos", "embutidos", "pulpa de fruta", "miel",
                "bebidas naturales", "yogur",
            ],
            certifications: [
                ("invima", 0.7), ("bpm", 0.5), ("haccp", 0.25), ("iso-22000", 0.1), ("fssc-22000", 0.05),
                ("organico", 0.08), ("halal", 0.03), ("compra-lo-nuestro", 0.2),
            ],
            nameWords: ["Alimentos", "Delicias", "Sabores", "Productos", "Café", "Lácteos"], medianUnitPrice: 12_000),
        DemoSector(
            name: "Agro", weight: 0.14,
            supplierClasses: ["0111", "0113", "0121", "0122", "0123", "0124", "0125", "0127", "0141", "0143", "0321"],
            buyerClasses: ["4711", "4620", "1089", "5611"],
            products: [
                "aguacate hass", "banano", "café verde", "cacao en grano", "flores", "hortalizas", "frutas tropicales",
                "ganado en pie", "tilapia", "limón tahití", "mango", "papa",
            ],
            certifications: [
                ("globalgap", 0.2), ("bpa-ica", 0.4), ("bpg-ica", 0.1), ("rainforest-alliance", 0.08),
                ("fairtrade", 0.06), ("organico", 0.08),
            ],
            nameWords: ["Agropecuaria", "Finca", "Cultivos", "Hacienda", "Agrícola"], medianUnitPrice: 4_000),
        DemoSector(
            name: "Moda y confección", weight: 0.14,
            supplierClasses: ["1410", "1313", "1392", "1512", "1521", "1522", "1420"],
            buyerClasses: ["4771", "4642", "4711"],
            products: [
                "camisas", "jeans", "ropa deportiva", "calzado de cuero", "bolsos de cuero", "ropa interior",
                "uniformes", "vestidos de baño", "chaquetas", "tejidos de punto",
            ],
            certifications: [("iso-9001", 0.1), ("compra-lo-nuestro", 0.25)],
            nameWords: ["Confecciones", "Textiles", "Moda", "Calzado", "Diseños"], medianUnitPrice: 60_000),
        DemoSector(
            name: "Construcción", weight: 0.10,
            supplierClasses: ["2392", "2395", "2511", "2221", "4330", "4290"],
            buyerClasses: ["4111", "4112", "4752"],
            products: [
                "bloques de concreto", "tejas", "ladrillos", "perfilería metálica", "tubería pvc", "pinturas",
                "puertas metálicas", "ventanas de aluminio", "acabados", "estructuras metálicas",
            ],
            certifications: [
                ("iso-9001", 0.35), ("iso-14001", 0.15), ("iso-45001", 0.15), ("sg-sst", 0.5), ("retie", 0.1),
                ("ruc", 0.15),
            ],
            nameWords: ["Construcciones", "Materiales", "Ingeniería", "Prefabricados", "Metálicas"],
            medianUnitPrice: 80_000),
        DemoSector(
            name: "Software y TI", weight: 0.10,
            supplierClasses: ["6201", "6202", "6209", "6311"],
            buyerClasses: ["6412", "8411", "4711", "8610"],
            products: [
                "desarrollo de software", "aplicaciones móviles", "ciberseguridad", "computación en la nube",
                "analítica de datos", "software erp", "comercio electrónico", "inteligencia artificial",
            ],
            certifications: [("iso-27001", 0.2), ("cmmi", 0.1), ("iso-9001", 0.3)],
            nameWords: ["Soluciones", "Tecnología", "Software", "Digital", "Sistemas"], medianUnitPrice: 3_000_000),
        DemoSector(
            name: "Cosméticos y aseo", weight: 0.08,
            supplierClasses: ["2023", "2021"],
            buyerClasses: ["4772", "4645", "4711"],
            products: [
                "jabones artesanales", "champú", "cremas corporales", "perfumes", "detergentes",
                "gel antibacterial", "maquillaje", "productos capilares",
            ],
            certifications: [("invima", 0.7), ("bpm", 0.4), ("iso-9001", 0.15), ("sello-ambiental-colombiano", 0.05)],
            nameWords: ["Cosméticos", "Laboratorios", "Belleza", "Naturales"], medianUnitPrice: 18_000),
        DemoSector(
            name: "Empaques y logística", weight: 0.08,
            supplierClasses: ["1702", "2221", "4923", "5210", "5229"],
            buyerClasses: ["1011", "1081", "4711", "1089"],
            products: [
                "empaques de cartón", "bolsas plásticas", "envases", "transporte de carga", "almacenamiento",
                "cadena de frío", "etiquetas", "estibas",
            ],
            certifications: [("iso-9001", 0.35), ("basc", 0.15), ("oea", 0.05), ("brcgs", 0.05), ("fsc", 0.05)],
            nameWords: ["Empaques", "Logística", "Transportes", "Envases"], medianUnitPrice: 900),
        DemoSector(
            name: "BPO y servicios", weight: 0.06,
            supplierClasses: ["8220", "8211", "7310", "8121", "8010"],
            buyerClasses: ["6412", "4711", "8610", "8411"],
            products: [
                "contact center", "cobranza", "publicidad digital", "aseo institucional", "vigilancia",
                "servicios administrativos", "mercadeo",
            ],
            certifications: [("iso-9001", 0.35), ("sg-sst", 0.4), ("iso-45001", 0.1)],
            nameWords: ["Servicios", "Gestión", "Outsourcing", "Consultores"], medianUnitPrice: 1_500_000),
        DemoSector(
            name: "Muebles y madera", weight: 0.05,
            supplierClasses: ["3110", "1610", "1630"],
            buyerClasses: ["5511", "4754", "4111"],
            products: [
                "muebles de oficina", "muebles para hotel", "estibas de madera", "carpintería", "cocinas integrales",
            ],
            certifications: [("fsc", 0.1), ("iso-9001", 0.1)],
            nameWords: ["Muebles", "Maderas", "Carpintería", "Diseño"], medianUnitPrice: 700_000),
        DemoSector(
            name: "Salud", weight: 0.04,
            supplierClasses: ["2100", "3250"],
            buyerClasses: ["8610", "4645"],
            products: [
                "medicamentos genéricos", "dispositivos médicos", "insumos hospitalarios", "material quirúrgico",
            ],
            certifications: [("invima", 0.8), ("bpm", 0.5), ("iso-13485", 0.2)],
            nameWords: ["Farma", "Laboratorios", "Insumos Médicos", "Salud"], medianUnitPrice: 40_000),
    ]

    /// Departments weighted roughly by their share of Colombia's registered businesses.
    static let departmentWeights: [(code: String, weight: Double)] = [
        ("11", 30), ("05", 15), ("76", 11), ("08", 6), ("68", 6), ("25", 6), ("13", 3), ("66", 2.5), ("17", 2),
        ("54", 2), ("73", 2), ("15", 2), ("63", 1.5), ("41", 1.5), ("47", 1.5), ("50", 1.5), ("52", 1.5), ("19", 1.2),
        ("23", 1.2), ("20", 1), ("70", 0.6), ("44", 0.5), ("18", 0.3), ("85", 0.3), ("81", 0.2), ("27", 0.2),
        ("86", 0.2), ("88", 0.2), ("91", 0.1), ("94", 0.05), ("95", 0.05), ("97", 0.05), ("99", 0.05),
    ]

    static let places = [
        "Andina", "del Valle", "del Caribe", "de Colombia", "del Pacífico", "Santandereana",
        "Paisa", "del Llano", "Capital", "del Sur", "Boyacense", "Costeña", "del Eje",
    ]
    static let legalForms = ["S.A.S.", "S.A.S.", "S.A.S.", "Ltda.", "S.A."]
}
