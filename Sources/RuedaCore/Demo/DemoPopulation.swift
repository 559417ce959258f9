/// A generated population read back through the same validation as the import files, ready for in-memory work
/// (benchmarks, calibration) without a database.
public struct DemoPopulation: Sendable {
    /// One round with its enrolment and requests.
    public struct Round: Sendable {
        public var spec: EventSpec
        public var slots: [EventSlot]
        public var participants: [Participant]
        public var requests: [MeetingRequest]
    }

    public var companies: [NIT: Company]
    public var rounds: [Round]

    /// Generates the files and reads them back; a generator bug that makes an invalid row is an error here.
    public init(_ parameters: DemoGenerator.Parameters, reference: ReferenceData) throws(InputError) {
        let files = DemoGenerator(parameters).generate()
        func file(_ name: String) -> String { files.files.first { $0.name == name }?.text ?? "" }
        func table(_ name: String, _ columns: [CSVColumn]) throws(InputError) -> CSVTable {
            do {
                return try CSVTable(reader: try CSVReader(text: file(name)), columns: columns)
            } catch let error as InputError {
                throw error
            } catch {
                throw InputError([ValidationIssue(field: name, reason: "\(error)")])
            }
        }
        func accepted<Value>(_ result: RowImport<Value>) throws(InputError) -> [Value] {
            guard result.rejected.isEmpty else { throw InputError(result.rejected.flatMap(\.issues)) }
            return result.accepted.map(\.value)
        }

        let companyList = try accepted(
            RowImport.companies(table: try table("companies.csv", CompanyFields.columns), reference: reference))
        companies = Dictionary(companyList.map { ($0.nit, $0) }, uniquingKeysWith: { first, _ in first })
        let eventTable = try table("events.csv", EventFields.columns)
        let specs = try accepted(
            RowImport(table: eventTable) { row in EventFields(row: row).validate(row: row.number) })
        rounds = []
        for (index, spec) in specs.enumerated() {
            let code = index < files.eventCodes.count ? files.eventCodes[index] : spec.code
            let slots: [EventSlot]
            do { slots = try spec.slots() } catch {
                throw InputError([ValidationIssue(row: index + 2, field: "dates", reason: "\(error)")])
            }
            let validator = EnrolmentValidator(reference: reference, event: spec, slots: slots, companies: companies)
            let participants = try accepted(
                RowImport.enrolment(
                    table: try table("participants-\(code).csv", EnrolmentValidator.columns),
                    validator: validator))
            let requestValidator = MeetingRequestValidator(enrolled: Set(participants.map(\.nit)))
            let requests = try accepted(
                RowImport.requests(
                    table: try table("requests-\(code).csv", MeetingRequestValidator.columns),
                    validator: requestValidator))
            rounds.append(Round(spec: spec, slots: slots, participants: participants, requests: requests))
        }
    }
}
