import Foundation
import RuedaCore

/// What a report is computed from: one event's enrolment, published schedule, outcomes and solver figures.
public struct ReportInput: Sendable {
    public var agenda: Agenda
    public var requests: [MeetingRequest]
    /// The latest outcome of each appointment.
    public var outcomes: [Outcome]
    public var solver: SolverFigures?
    /// The match run's verdict on requests that did not become candidates, in words.
    public var requestReasons: [RequestKey: String] = [:]
    /// Requests the match run kept as candidates.
    public var requestCandidates: Set<RequestKey> = []

    public init(agenda: Agenda, requests: [MeetingRequest], outcomes: [Outcome], solver: SolverFigures?) {
        self.agenda = agenda
        self.requests = requests
        self.outcomes = outcomes
        self.solver = solver
    }
}

/// The scheduling quality the report repeats.
public struct SolverFigures: Sendable, Hashable, Codable {
    public var status: String
    public var objective: Int64
    public var upperBound: Int64
    public var gap: Double
    public var holes: Int
    public var shortfall: Int

    public init(status: String, objective: Int64, upperBound: Int64, gap: Double, holes: Int, shortfall: Int) {
        self.status = status
        self.objective = objective
        self.upperBound = upperBound
        self.gap = gap
        self.holes = holes
        self.shortfall = shortfall
    }
}

/// One line of a breakdown: a group, its meetings, the value expected before and reported after the event.
public struct ReportGroup: Sendable, Hashable, Codable {
    public var key: String
    public var label: String
    public var meetings: Int
    public var held: Int
    public var expectedCOP: Int64
    public var reportedCOP: Int64
}

/// The figures of one event.
public struct EventReport: Sendable, Hashable, Codable {
    public struct Pair: Sendable, Hashable, Codable {
        public var buyer: String
        public var buyerName: String
        public var supplier: String
        public var supplierName: String
        public var expectedCOP: Int64
        public var reportedCOP: Int64?
        public var status: String
    }

    public var format = "rueda.report/1"
    public var event: String
    public var name: String
    public var dates: [String]
    public var scheduleVersion: Int
    public var buyers: Int
    public var suppliers: Int
    public var requestsMust: Int
    public var requestsLike: Int
    public var vetoes: Int
    public var meetingsRequested: Int
    public var meetingsScheduled: Int
    public var held: Int
    public var noShows: Int
    public var cancelled: Int
    public var unreported: Int
    public var buyersWithoutMeetings: Int
    public var suppliersWithoutMeetings: Int
    public var slots: Int
    public var tables: Int?
    public var meetingsPerSlot: [Int]
    /// Meetings over table-slots, when tables are limited.
    public var tableUtilisation: Double?
    /// Meetings over the slots companies said they were available, both sides counted.
    public var availabilityUtilisation: Double
    public var expectedCOP: Int64
    public var reportedCOP: Int64
    public var reportedByHorizon: [String: Int64]
    public var bySection: [ReportGroup]
    public var byDivision: [ReportGroup]
    public var byBuyerDepartment: [ReportGroup]
    public var bySupplierDepartment: [ReportGroup]
    public var byBuyerSize: [ReportGroup]
    public var bySupplierSize: [ReportGroup]
    public var topPairs: [Pair]
    public var solver: SolverFigures?
    /// Requests honoured: must and like, for each side, made, scheduled, and why the others were not.
    public var requests: [RequestTally]

    /// Computes the figures.
    public init(_ input: ReportInput, ciiu: CIIUCatalog) {
        let agenda = input.agenda
        event = agenda.event.code
        name = agenda.event.name
        dates = agenda.event.dates.map(\.description)
        scheduleVersion = agenda.version
        let roles = agenda.participants.values
        buyers = roles.filter { $0.role == .buyer }.count
        suppliers = roles.filter { $0.role == .supplier }.count
        requestsMust = input.requests.filter { $0.level == .must }.count
        requestsLike = input.requests.filter { $0.level == .like }.count
        vetoes = input.requests.filter { $0.level == .no }.count
        // A requested meeting: a pair with at least one must or like request, whichever side asked.
        meetingsRequested =
            Set(
                input.requests.filter { $0.level != .no }.map { request in
                    agenda.participants[request.from]?.role == .buyer
                        ? MeetingPair(buyer: request.from, supplier: request.to)
                        : MeetingPair(buyer: request.to, supplier: request.from)
                }
            ).count
        let scheduled = agenda.appointments.count
        meetingsScheduled = scheduled
        let outcomes = Dictionary(input.outcomes.map { ($0.pair, $0) }, uniquingKeysWith: { a, _ in a })
        func outcome(_ appointment: Agenda.Appointment) -> Outcome? { outcomes[appointment.pair] }
        held = agenda.appointments.filter { outcome($0)?.status == .held }.count
        noShows = agenda.appointments.filter { outcome($0)?.status == .noShow }.count
        cancelled = agenda.appointments.filter { outcome($0)?.status == .cancelled }.count
        unreported = scheduled - held - noShows - cancelled
        var meetingsOf: [NIT: Int] = [:]
        for appointment in agenda.appointments {
            meetingsOf[appointment.buyer, default: 0] += 1
            meetingsOf[appointment.supplier, default: 0] += 1
        }
        buyersWithoutMeetings = roles.filter { $0.role == .buyer && meetingsOf[$0.nit] == nil }.count
        suppliersWithoutMeetings = roles.filter { $0.role == .supplier && meetingsOf[$0.nit] == nil }.count
        slots = agenda.slots.count
        tables = agenda.event.tables
        var perSlot = [Int](repeating: 0, count: agenda.slots.count)
        for appointment in agenda.appointments where perSlot.indices.contains(appointment.slot) {
            perSlot[appointment.slot] += 1
        }
        meetingsPerSlot = perSlot
        tableUtilisation = agenda.event.tables.map { tables in
            Double(scheduled) / Double(max(1, tables * agenda.slots.count))
        }
        let availableSlots = roles.reduce(0) { $0 + $1.availableSlots.count }
        availabilityUtilisation = Double(2 * scheduled) / Double(max(1, availableSlots))
        // Money adds up saturating: no stored amount can make a report trap.
        expectedCOP = agenda.appointments.saturatingSum(\.expectedValue)
        let reported = input.outcomes.filter { $0.status == .held }
        reportedCOP = reported.saturatingSum { $0.expected?.pesos ?? 0 }
        var horizons: [String: Int64] = [:]
        for outcome in reported {
            if let horizon = outcome.horizon {
                horizons[horizon.rawValue, default: 0] =
                    horizons[horizon.rawValue, default: 0].addingSaturating(outcome.expected?.pesos ?? 0)
            }
        }
        reportedByHorizon = horizons

        func group(_ key: (Agenda.Appointment) -> (String, String)) -> [ReportGroup] {
            var groups: [String: ReportGroup] = [:]
            for appointment in agenda.appointments {
                let (id, label) = key(appointment)
                var entry =
                    groups[id]
                    ?? ReportGroup(key: id, label: label, meetings: 0, held: 0, expectedCOP: 0, reportedCOP: 0)
                entry.meetings += 1
                entry.expectedCOP = entry.expectedCOP.addingSaturating(appointment.expectedValue)
                if let result = outcome(appointment), result.status == .held {
                    entry.held += 1
                    entry.reportedCOP = entry.reportedCOP.addingSaturating(result.expected?.pesos ?? 0)
                }
                groups[id] = entry
            }
            return groups.values.sorted {
                $0.expectedCOP != $1.expectedCOP ? $0.expectedCOP > $1.expectedCOP : $0.key < $1.key
            }
        }
        // Sectors are what is traded: the supplier's main activity.
        func activity(_ appointment: Agenda.Appointment) -> String {
            agenda.companies[appointment.supplier]?.activities.first ?? ""
        }
        bySection = group { appointment in
            let section = ciiu[activity(appointment)]?.section ?? ""
            return (section, ciiu[section]?.title ?? "sin sección")
        }
        byDivision = group { appointment in
            let division = ciiu[activity(appointment)]?.division ?? ""
            return (division, ciiu[division]?.title ?? "sin división")
        }
        byBuyerDepartment = group { appointment in
            let code = agenda.companies[appointment.buyer]?.departmentCode ?? ""
            return (code, agenda.departmentNames[code] ?? code)
        }
        bySupplierDepartment = group { appointment in
            let code = agenda.companies[appointment.supplier]?.departmentCode ?? ""
            return (code, agenda.departmentNames[code] ?? code)
        }
        byBuyerSize = group { appointment in
            let size = agenda.companies[appointment.buyer]?.size
            return (size?.rawValue ?? "", size?.label ?? "")
        }
        bySupplierSize = group { appointment in
            let size = agenda.companies[appointment.supplier]?.size
            return (size?.rawValue ?? "", size?.label ?? "")
        }
        topPairs = agenda.appointments.sorted {
            $0.expectedValue != $1.expectedValue
                ? $0.expectedValue > $1.expectedValue : ($0.slot, $0.table) < ($1.slot, $1.table)
        }.prefix(10).map { appointment in
            let result = outcome(appointment)
            return Pair(
                buyer: appointment.buyer.description, buyerName: agenda.companies[appointment.buyer]?.name ?? "",
                supplier: appointment.supplier.description,
                supplierName: agenda.companies[appointment.supplier]?.name ?? "",
                expectedCOP: appointment.expectedValue,
                reportedCOP: result?.expected?.pesos, status: result?.status.rawValue ?? "unreported")
        }
        solver = input.solver
        requests = Self.tallies(
            requests: input.requests, roles: agenda.participants.mapValues(\.role),
            scheduled: Set(agenda.appointments.map(\.pair)), reasons: input.requestReasons,
            candidates: input.requestCandidates)
    }
}
