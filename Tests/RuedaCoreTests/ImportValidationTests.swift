import Testing

@testable import RuedaCore

@Suite("Import validation")
struct ImportValidationTests {
    let reference: ReferenceData

    init() throws {
        reference = try ReferenceData.bundled()
    }

    func table(_ text: String, _ columns: [CSVColumn]) throws -> CSVTable {
        try CSVTable(reader: try CSVReader(text: text), columns: columns)
    }

    @Test("every bad field of every row is reported with its row and column")
    func companyIssues() throws {
        let csv = """
            nit;nombre;departamento;tamaño;ciiu;certificaciones;correo
            890900608-9;Éxito;Antioquia;grande;4711;ISO 9001;compras@exito.co
            890900608-1;;Narnia;gigante;9999;ISO 0;no-es-correo
            900123456;Duplicado;05;micro;1011;;
            """
        let result = RowImport.companies(table: try table(csv, CompanyFields.columns), reference: reference)
        #expect(result.accepted.map(\.row) == [2, 4])
        let issues = result.issues.filter { $0.row == 3 }
        #expect(Set(issues.map(\.field)) == ["nit", "name", "department", "size", "ciiu", "certifications", "email"])
    }

    @Test("a NIT repeated in the file is refused on its second row")
    func duplicateNIT() throws {
        let csv = "nit,name,department,size,ciiu\n900123456,A,11,micro,1011\n900.123.456,B,11,micro,1011\n"
        let result = RowImport.companies(table: try table(csv, CompanyFields.columns), reference: reference)
        #expect(result.accepted.count == 1)
        #expect(result.rejected.first?.row == 3)
        #expect(result.issues.first?.reason.contains("row 2") == true)
    }

    @Test("rejected rows are written back with a reason column")
    func rejectedFile() throws {
        let csv = "nit,name,department,size,ciiu\n900123456,A,11,micro,1011\n1,B,11,micro,1011\n"
        let result = RowImport.companies(table: try table(csv, CompanyFields.columns), reference: reference)
        let written = try CSVReader(text: result.rejectedCSV())
        #expect(written.records[0].fields.last == "reason")
        #expect(written.records[1].fields.first == "1")
        #expect(written.records[1].fields.last?.hasPrefix("nit:") == true)
    }

    @Test("a company's update keeps the fields not given and re-validates the ones given")
    func update() throws {
        let validator = CompanyValidator(reference: reference)
        var fields = CompanyFields()
        (fields.nit, fields.name, fields.department, fields.size, fields.activities) = (
            "900123456", "A", "11", "micro", "1011"
        )
        let company = try validator.validate(fields).get()
        var change = CompanyFields()
        change.size = "mediana"
        let updated = try validator.validate(change, existing: company).get()
        #expect(updated.size == .mediana)
        #expect(updated.activities == ["1011"])
        change.email = "mal"
        #expect(throws: InputError.self) { try validator.validate(change, existing: company).get() }
    }

    func enrolmentValidator() throws -> EnrolmentValidator {
        let event = EventSlotTests.round
        let buyer = try CompanyValidator(reference: reference).validate(
            {
                var f = CompanyFields()
                (f.nit, f.name, f.department, f.size, f.activities) = ("890900608", "Éxito", "05", "grande", "4711")
                return f
            }()
        ).get()
        let supplier = try CompanyValidator(reference: reference).validate(
            {
                var f = CompanyFields()
                (f.nit, f.name, f.department, f.size, f.activities, f.products) = (
                    "900123456", "Café", "41", "micro", "1062", "café tostado"
                )
                return f
            }()
        ).get()
        return EnrolmentValidator(
            reference: reference, event: event, slots: try event.slots(),
            companies: [buyer.nit: buyer, supplier.nit: supplier])
    }

    @Test("a company's rows merge into one participant with several demands; conflicting limits are refused")
    func enrolmentMerge() throws {
        let csv = """
            nit,role,availability,max_meetings,ciiu,products,budget_cop,capacity
            890900608,comprador,am,10,1061|1062,café,"5.000.000",
            890900608,buyer,,,101,arepas,,
            900123456,proveedor,pm,5,,,,300
            890900608,buyer,,12,10,otra cosa,,
            """
        let result = RowImport.enrolment(
            table: try table(csv, EnrolmentValidator.columns), validator: try enrolmentValidator())
        #expect(result.accepted.count == 2)
        let buyer = try #require(result.accepted.first { $0.value.role == .buyer }?.value)
        #expect(buyer.demands.count == 2)
        #expect(buyer.availableSlots.count == 16)
        #expect(buyer.demands[0].budget == COP(5_000_000))
        let supplier = try #require(result.accepted.first { $0.value.role == .supplier }?.value)
        #expect(supplier.offers.first?.ciiu == ["1062"])
        #expect(supplier.offers.first?.products == "café tostado")
        #expect(result.rejected.map(\.row) == [5])
        #expect(result.issues.first?.field == "max_meetings")
    }

    @Test("unregistered companies, wrong-side columns, impossible minimums and empty demands are refused")
    func enrolmentErrors() throws {
        let csv = """
            nit,role,max_meetings,min_meetings,ciiu,capacity,budget_cop
            800197268,buyer,,,1011,,
            890900608,buyer,,,1011,300,
            900123456,supplier,2,5,,,1000
            890900608,buyer,,,,,
            """
        let result = RowImport.enrolment(
            table: try table(csv, EnrolmentValidator.columns), validator: try enrolmentValidator())
        #expect(result.accepted.isEmpty)
        let fields = result.issues.map { "\($0.row ?? 0):\($0.field)" }
        #expect(fields.contains("2:nit"))
        #expect(fields.contains("3:capacity"))
        #expect(fields.contains("4:budget_cop"))
        #expect(fields.contains("4:min_meetings"))
        #expect(fields.contains("5:ciiu"))
    }

    @Test("requests need enrolled companies, a known level and distinct sides; repeats are refused")
    func requests() throws {
        let validator = MeetingRequestValidator(enrolled: [
            try NIT(parsing: "890900608"), try NIT(parsing: "900123456"),
        ])
        let csv = """
            from_nit,to_nit,level,note
            900123456,890900608,must,
            900123456,890900608,like,
            900123456,800197268,like,
            890900608,890900608,no,
            890900608,900123456,quizás,
            890900608,900123456,veto,ya es proveedor
            """
        let result = RowImport.requests(table: try table(csv, MeetingRequestValidator.columns), validator: validator)
        #expect(result.accepted.map(\.row) == [2, 7])
        #expect(result.accepted.last?.value.level == InterestLevel.no)
        #expect(result.rejected.map(\.row) == [3, 4, 5, 6])
    }
}

@Suite("Demo generator")
struct DemoGeneratorTests {
    @Test("the same seed gives the same files; another seed gives others")
    func deterministic() {
        let small = DemoGenerator.Parameters(buyers: 30, suppliers: 90, events: 2, seed: 7)
        let first = DemoGenerator(small).generate().files.map(\.text)
        let second = DemoGenerator(small).generate().files.map(\.text)
        var other = small
        other.seed = 8
        #expect(first == second)
        #expect(first != DemoGenerator(other).generate().files.map(\.text))
    }

    @Test("every generated file passes the import validation with no rejected row")
    func generatedFilesValidate() throws {
        let reference = try ReferenceData.bundled()
        let files = DemoGenerator(.init(buyers: 60, suppliers: 180, events: 3, seed: 11)).generate()
        let text = Dictionary(uniqueKeysWithValues: files.files.map { ($0.name, $0.text) })
        let companies = RowImport.companies(
            table: try CSVTable(
                reader: try CSVReader(text: text["companies.csv"] ?? ""), columns: CompanyFields.columns),
            reference: reference)
        #expect(companies.rejected.isEmpty, "\(companies.issues.prefix(3))")
        #expect(companies.accepted.count == 240)
        let byNIT = Dictionary(uniqueKeysWithValues: companies.accepted.map { ($0.value.nit, $0.value) })
        let events = RowImport(
            table: try CSVTable(reader: try CSVReader(text: text["events.csv"] ?? ""), columns: EventFields.columns)
        ) { EventFields(row: $0).validate(row: $0.number) }
        #expect(events.rejected.isEmpty)
        for (index, event) in events.accepted.map(\.value).enumerated() {
            #expect(try event.slots().count == 16)
            let validator = EnrolmentValidator(
                reference: reference, event: event, slots: try event.slots(), companies: byNIT)
            let enrolment = RowImport.enrolment(
                table: try CSVTable(
                    reader: try CSVReader(text: text["participants-\(files.eventCodes[index]).csv"] ?? ""),
                    columns: EnrolmentValidator.columns),
                validator: validator)
            #expect(enrolment.rejected.isEmpty, "\(enrolment.issues.prefix(3))")
            #expect(enrolment.accepted.count == 80)
            let requests = RowImport.requests(
                table: try CSVTable(
                    reader: try CSVReader(text: text["requests-\(files.eventCodes[index]).csv"] ?? ""),
                    columns: MeetingRequestValidator.columns),
                validator: MeetingRequestValidator(enrolled: Set(enrolment.accepted.map(\.value.nit))))
            #expect(requests.rejected.isEmpty, "\(requests.issues.prefix(3))")
            #expect(!requests.accepted.isEmpty)
        }
    }
}
