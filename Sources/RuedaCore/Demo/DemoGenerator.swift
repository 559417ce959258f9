/// Generates a realistic Colombian business-round population as import files: companies, events, enrolments and
/// meeting requests. The same parameters and seed give the same files, byte for byte.
public struct DemoGenerator: Sendable {
    /// How big a population to make.
    public struct Parameters: Sendable {
        public var buyers: Int
        public var suppliers: Int
        public var events: Int
        public var seed: UInt64
        /// The first round's date; later rounds follow a week apart.
        public var firstDate: LocalDate

        /// The 2022 Compra Lo Nuestro scale: 2,303 buyers, 6,990 suppliers, 15 rounds.
        public init(
            buyers: Int = 2_303, suppliers: Int = 6_990, events: Int = 15, seed: UInt64 = 2022,
            firstDate: LocalDate = LocalDate(year: 2027, month: 2, day: 16)
        ) {
            self.buyers = buyers
            self.suppliers = suppliers
            self.events = events
            self.seed = seed
            self.firstDate = firstDate
        }
    }

    /// The generated files: name to CSV text.
    public struct Files: Sendable {
        public var files: [(name: String, text: String)] = []
        public var eventCodes: [String] = []
    }

    public let parameters: Parameters

    public init(_ parameters: Parameters) {
        self.parameters = parameters
    }

    struct Member {
        var company: Company
        var sector: Int
        var isBuyer: Bool
        var event: Int
    }

    /// Builds every file.
    public func generate() -> Files {
        var random = SeededGenerator(seed: parameters.seed)
        let sectors = DemoSector.all
        let sectorWeights = sectors.map(\.weight)
        var usedNITs = Set<String>()
        var members: [Member] = []
        let eventCount = max(1, parameters.events)
        for index in 0..<(parameters.buyers + parameters.suppliers) {
            let isBuyer = index < parameters.buyers
            let sector = random.weightedIndex(sectorWeights)
            let company = makeCompany(sector: sectors[sector], isBuyer: isBuyer, usedNITs: &usedNITs, random: &random)
            let ordinal = isBuyer ? index : index - parameters.buyers
            members.append(Member(company: company, sector: sector, isBuyer: isBuyer, event: ordinal % eventCount))
        }
        var files = Files()
        let writer = CSVWriter(lineEnding: "\n")
        files.files.append(
            (
                "companies.csv",
                writer.document(
                    header: CompanyFields.columns.map(\.name), rows: members.map { CompanyFields.csvRow($0.company) })
            ))
        var eventRows: [[String]] = []
        var date = parameters.firstDate
        var byEvent = [[Member]](repeating: [], count: eventCount)
        for member in members { byEvent[member.event].append(member) }
        for event in 0..<eventCount {
            let code = "demo-\(event + 1 < 10 ? "0" : "")\(event + 1)"
            files.eventCodes.append(code)
            eventRows.append([
                code, "Rueda de negocios Compra Lo Nuestro \(event + 1)", date.description, "08:00", "17:00", "30",
                "12:00-13:00", "100", "America/Bogota", "virtual", "https://meet.example.org/\(code)-sala-{room}",
            ])
            for _ in 0..<7 { date = date.next }
            let inEvent = byEvent[event]
            files.files.append(
                ("participants-\(code).csv", participantsCSV(inEvent, sectors: sectors, random: &random)))
            files.files.append(("requests-\(code).csv", requestsCSV(inEvent, random: &random)))
        }
        files.files.insert(
            ("events.csv", writer.document(header: EventFields.columns.map(\.name), rows: eventRows)), at: 1)
        return files
    }

    func makeCompany(
        sector: DemoSector, isBuyer: Bool, usedNITs: inout Set<String>, random: inout SeededGenerator
    )
        -> Company
    {
        var nit: NIT
        repeat {
            let base = 800_000_000 + Int(random.next() % 200_000_000)
            nit = (try? NIT(base: String(base))) ?? NIT.fallback
        } while !usedNITs.insert(nit.base).inserted
        let department = DemoSector.departmentWeights[random.weightedIndex(DemoSector.departmentWeights.map(\.weight))]
            .code
        let sizes: [Double] = isBuyer ? [0.03, 0.12, 0.30, 0.55] : [0.45, 0.33, 0.16, 0.06]
        let size = CompanySize.allCases[random.weightedIndex(sizes)]
        let activity = isBuyer ? random.pick(sector.buyerClasses) : random.pick(sector.supplierClasses)
        var activities = [activity]
        if !isBuyer && random.chance(0.25) {
            let second = random.pick(sector.supplierClasses)
            if second != activity { activities.append(second) }
        }
        let certifications =
            isBuyer
            ? (random.chance(0.5) ? ["iso-9001"] : [])
            : sector.certifications.filter { random.chance($0.probability) }.map(\.code)
        let products = isBuyer ? [] : random.sample(sector.products, 1 + Int(random.next() % 3))
        let word =
            isBuyer
            ? random.pick([
                "Almacenes", "Grupo", "Comercializadora", "Distribuidora", "Inversiones", "Hoteles", "Supertiendas",
            ]) : random.pick(sector.nameWords)
        let name = "\(word) \(random.pick(DemoSector.places)) \(random.pick(DemoSector.legalForms))"
        let slug = name.normalizedKey().split(separator: "_").prefix(2).joined()
        return Company(
            nit: nit, name: name, departmentCode: department, city: "", size: size,
            description: isBuyer
                ? "Comprador de \(sector.name.lowercased())" : "\(sector.name): " + products.joined(separator: ", "),
            contactName: random.pick(["Ana", "Luis", "María", "Carlos", "Diana", "Jorge", "Paola", "Andrés"]) + " "
                + random.pick(["Gómez", "Rodríguez", "Martínez", "López", "García", "Pérez", "Sánchez", "Ramírez"]),
            email: "comercial@\(slug)\(nit.base.suffix(4)).com.co",
            phone: "+57 60\(1 + random.next() % 8) \(1_000_000 + random.next() % 8_999_999)",
            website: "", activities: activities, certifications: certifications, products: products)
    }

    func participantsCSV(_ members: [Member], sectors: [DemoSector], random: inout SeededGenerator) -> String {
        let header = EnrolmentValidator.columns.map(\.name)
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        var rows: [[String]] = []
        for member in members {
            let sector = sectors[member.sector]
            var base = Array(repeating: "", count: header.count)
            func set(_ name: String, _ value: String) { if let index = column[name] { base[index] = value } }
            set("nit", member.company.nit.description)
            set("role", member.isBuyer ? "buyer" : "supplier")
            let availability = random.weightedIndex([0.8, 0.1, 0.1])
            set("availability", ["", "am", "pm"][availability])
            if member.isBuyer {
                set("max_meetings", String(10 + random.next() % 7))
                if member.company.size == .grande && random.chance(0.1) { set("delegates", "2") }
                let demands = random.chance(0.3) ? 2 : 1
                for position in 0..<demands {
                    var row = base
                    if position > 0 {
                        for name in ["availability", "max_meetings", "delegates"] { row[column[name] ?? 0] = "" }
                    }
                    let demandSector = position == 0 ? sector : sectors[random.weightedIndex(sectors.map(\.weight))]
                    func put(_ name: String, _ value: String) { if let index = column[name] { row[index] = value } }
                    let classes = random.sample(demandSector.supplierClasses, 1 + Int(random.next() % 2))
                    put("ciiu", (random.chance(0.2) ? [String(classes[0].prefix(3))] : classes).joined(separator: "|"))
                    put("products", random.sample(demandSector.products, 2).joined(separator: ", "))
                    let strict = demandSector.certifications.filter { $0.probability >= 0.5 }.map(\.code)
                    if !strict.isEmpty && random.chance(0.35) { put("required_certifications", strict[0]) }
                    let preferred = random.sample(demandSector.certifications.map(\.code), Int(random.next() % 3))
                    put("preferred_certifications", preferred.joined(separator: "|"))
                    if random.chance(0.2) {
                        put("preferred_departments", member.company.departmentCode)
                        if random.chance(0.2) { put("departments_required", "si") }
                    }
                    if random.chance(0.15) {
                        put("preferred_sizes", random.pick(["micro|pequena", "pequena|mediana", "mediana|grande"]))
                    }
                    let quantity = Int(random.logNormal(median: 400, sigma: 1.0)) + 1
                    let budget =
                        Double(quantity) * demandSector.medianUnitPrice * random.logNormal(median: 1, sigma: 0.5)
                    put("budget_cop", String(Int64(budget / 1_000) * 1_000))
                    put("quantity", String(quantity))
                    if random.chance(0.1) { put("requires_export", "si") }
                    rows.append(row)
                }
            } else {
                set("max_meetings", String(6 + random.next() % 5))
                set("min_meetings", random.chance(0.5) ? "1" : "0")
                let capacity = Int(random.logNormal(median: 500, sigma: 1.1)) + 1
                set("capacity", String(capacity))
                let low = random.logNormal(median: sector.medianUnitPrice, sigma: 0.4)
                set("price_min_cop", String(Int64(low)))
                set("price_max_cop", String(Int64(low * (1.2 + random.unit()))))
                set("export_experience", random.chance(0.2) ? "si" : "no")
                rows.append(base)
            }
        }
        return CSVWriter(lineEnding: "\n").document(header: header, rows: rows)
    }

    /// Suppliers ask to meet buyers of their sector, drawn towards popular buyers (a Zipf-like pull); some buyers
    /// ask for suppliers too; a few vetoes.
    func requestsCSV(_ members: [Member], random: inout SeededGenerator) -> String {
        let buyers = members.filter(\.isBuyer)
        let suppliers = members.filter { !$0.isBuyer }
        var rows: [[String]] = []
        var seen = Set<String>()
        guard !buyers.isEmpty, !suppliers.isEmpty else {
            return CSVWriter(lineEnding: "\n").document(header: ["from_nit", "to_nit", "level", "note"], rows: [])
        }
        let popularity = buyers.indices.map { 1.0 / Double($0 + 1).squareRoot() }
        func add(_ from: Member, _ to: Member, _ level: String, _ note: String) {
            let key = "\(from.company.nit)>\(to.company.nit)"
            guard seen.insert(key).inserted else { return }
            rows.append([from.company.nit.description, to.company.nit.description, level, note])
        }
        // Pools per sector and their popularity weights, built once: the draws are the same as filtering the
        // buyers for every request, without the cost that grew with buyers × suppliers.
        var buyersBySector: [Int: [Int]] = [:]
        for index in buyers.indices { buyersBySector[buyers[index].sector, default: []].append(index) }
        let weightsBySector = buyersBySector.mapValues { pool in pool.map { popularity[$0] } }
        let allBuyers = Array(buyers.indices)
        var suppliersBySector: [Int: [Member]] = [:]
        for supplier in suppliers { suppliersBySector[supplier.sector, default: []].append(supplier) }
        for supplier in suppliers {
            let count = random.weightedIndex([0.3, 0.3, 0.25, 0.15])
            for _ in 0..<count {
                let sameSector = buyersBySector[supplier.sector] ?? []
                let everyone = sameSector.isEmpty || random.chance(0.2)
                let pool = everyone ? allBuyers : sameSector
                let weights = everyone ? popularity : (weightsBySector[supplier.sector] ?? [])
                let target = buyers[pool[random.weightedIndex(weights)]]
                add(supplier, target, random.chance(0.15) ? "must" : "like", "")
            }
        }
        for buyer in buyers where random.chance(0.3) {
            guard let sameSector = suppliersBySector[buyer.sector], !sameSector.isEmpty else { continue }
            add(buyer, random.pick(sameSector), random.chance(0.4) ? "must" : "like", "Proveedor de interés")
            if random.chance(0.1) { add(buyer, random.pick(suppliers), "no", "Ya es proveedor actual") }
        }
        return CSVWriter(lineEnding: "\n").document(header: ["from_nit", "to_nit", "level", "note"], rows: rows)
    }
}

extension NIT {
    /// A valid NIT used only if base generation ever fails (it cannot for nine-digit bases).
    static let fallback: NIT = {
        do { return try NIT(base: "900000001") } catch { preconditionFailure("900000001 is a valid NIT base") }
    }()
}
