import Foundation
import RuedaCore

/// Figures across events, as Colombia Productiva reports a year of rounds.
public struct ProgrammeReport: Sendable, Hashable, Codable {
    public var format = "rueda.programme-report/1"
    public var rounds: Int
    /// Distinct companies that took part as buyers, and as suppliers.
    public var buyers: Int
    public var suppliers: Int
    public var appointments: Int
    public var held: Int
    public var expectedCOP: Int64
    public var reportedCOP: Int64
    public var noShows: Int
    public var events: [EventReport]
    /// Requests honoured across rounds, must and like for each side.
    public var requests: [RequestTally]
    /// Expected and reported business across rounds by the supplier's CIIU section, department and size, and by
    /// the buyer's size.
    public var bySection: [ReportGroup]
    public var bySupplierDepartment: [ReportGroup]
    public var bySupplierSize: [ReportGroup]
    public var byBuyerSize: [ReportGroup]
    /// The supplier gap report across rounds, when it was computed.
    public var gaps: GapReport?

    public init(events: [EventReport], distinctBuyers: Int, distinctSuppliers: Int, gaps: GapReport? = nil) {
        self.events = events
        rounds = events.count
        buyers = distinctBuyers
        suppliers = distinctSuppliers
        appointments = events.reduce(0) { $0 + $1.meetingsScheduled }
        held = events.reduce(0) { $0 + $1.held }
        expectedCOP = events.saturatingSum(\.expectedCOP)
        reportedCOP = events.saturatingSum(\.reportedCOP)
        noShows = events.reduce(0) { $0 + $1.noShows }
        requests = Self.merged(events.map(\.requests))
        bySection = Self.merged(events.map(\.bySection))
        bySupplierDepartment = Self.merged(events.map(\.bySupplierDepartment))
        bySupplierSize = Self.merged(events.map(\.bySupplierSize))
        byBuyerSize = Self.merged(events.map(\.byBuyerSize))
        self.gaps = gaps
    }

    /// Groups of several rounds added up by key, most expected business first.
    static func merged(_ lists: [[ReportGroup]]) -> [ReportGroup] {
        var groups: [String: ReportGroup] = [:]
        for group in lists.joined() {
            guard var entry = groups[group.key] else {
                groups[group.key] = group
                continue
            }
            entry.meetings += group.meetings
            entry.held += group.held
            entry.expectedCOP = entry.expectedCOP.addingSaturating(group.expectedCOP)
            entry.reportedCOP = entry.reportedCOP.addingSaturating(group.reportedCOP)
            groups[group.key] = entry
        }
        return groups.values.sorted { ($1.expectedCOP, $0.key) < ($0.expectedCOP, $1.key) }
    }

    /// Request tallies of several rounds added up by level and side, reasons merged.
    static func merged(_ lists: [[RequestTally]]) -> [RequestTally] {
        var tallies: [[String]: (made: Int, scheduled: Int, reasons: [String: Int])] = [:]
        for tally in lists.joined() {
            var entry = tallies[[tally.level, tally.requestedBy]] ?? (0, 0, [:])
            entry.made += tally.made
            entry.scheduled += tally.scheduled
            for reason in tally.notScheduled { entry.reasons[reason.reason, default: 0] += reason.count }
            tallies[[tally.level, tally.requestedBy]] = entry
        }
        return tallies.keys.sorted { ($0[0] == "must" ? 0 : 1, $0[1]) < ($1[0] == "must" ? 0 : 1, $1[1]) }.compactMap {
            key in
            guard let entry = tallies[key] else { return nil }
            return RequestTally(
                level: key[0], requestedBy: key[1], made: entry.made, scheduled: entry.scheduled,
                notScheduled: entry.reasons.map { RequestTally.Reason(reason: $0.key, count: $0.value) }.sorted {
                    ($1.count, $0.reason) < ($0.count, $1.reason)
                })
        }
    }
}

/// Writes reports as text for the terminal, JSON, or a self-contained HTML page with inline SVG charts.
public enum ReportWriter {
    static func money(_ value: Int64) -> String { "COP " + COP.grouped(value) }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    /// The event report for the terminal.
    public static func text(_ report: EventReport) -> String {
        var lines = [
            "\(report.name) (\(report.event), \(report.dates.joined(separator: ", ")), schedule version \(report.scheduleVersion))",
            "participants: \(report.buyers) buyers, \(report.suppliers) suppliers",
            "requests: \(report.requestsMust) must, \(report.requestsLike) like, \(report.vetoes) vetoes; "
                + "\(report.meetingsRequested) meetings requested",
            "meetings: \(report.meetingsScheduled) scheduled, \(report.held) held, \(report.noShows) no-shows, "
                + "\(report.cancelled) cancelled, \(report.unreported) not reported",
            "without meetings: \(report.buyersWithoutMeetings) buyers, \(report.suppliersWithoutMeetings) suppliers",
            "utilisation: " + (report.tableUtilisation.map { "tables \(percent($0)), " } ?? "")
                + "available company-slots \(percent(report.availabilityUtilisation)); meetings per slot "
                + report.meetingsPerSlot.map(String.init).joined(separator: " "),
            "expected business before the event: \(money(report.expectedCOP)); reported after it: "
                + "\(money(report.reportedCOP))"
                + (report.reportedByHorizon.isEmpty
                    ? ""
                    : " ("
                        + report.reportedByHorizon.sorted { $0.key < $1.key }.map { "\($0.key) \(money($0.value))" }
                        .joined(separator: ", ") + ")"),
        ]
        if let solver = report.solver {
            lines.append(
                "schedule quality: \(solver.status), objective \(solver.objective), upper bound \(solver.upperBound), "
                    + "gap \(percent(solver.gap)), \(solver.holes) holes, shortfall \(solver.shortfall)")
        }
        lines += requestLines(report.requests)
        func block(_ title: String, _ groups: [ReportGroup], limit: Int = 10) {
            lines.append("")
            lines.append(title)
            for group in groups.prefix(limit) {
                lines.append(
                    "  " + "\(group.key) \(group.label)".padding(toLength: 46, withPad: " ", startingAt: 0)
                        + String(group.meetings).leftPadded(6) + " meetings  expected "
                        + money(group.expectedCOP).leftPadded(22) + "  reported " + money(group.reportedCOP))
            }
            if groups.count > limit { lines.append("  … \(groups.count - limit) more") }
        }
        block("by CIIU section (supplier's activity)", report.bySection)
        block("by CIIU division", report.byDivision)
        block("by supplier department", report.bySupplierDepartment)
        block("by buyer department", report.byBuyerDepartment)
        block("by supplier size", report.bySupplierSize)
        block("by buyer size", report.byBuyerSize)
        lines.append("")
        lines.append("top pairs by expected value")
        for pair in report.topPairs {
            lines.append(
                "  \(pair.buyerName) – \(pair.supplierName): \(money(pair.expectedCOP))"
                    + (pair.reportedCOP.map { ", reported \(money($0))" } ?? "") + " (\(pair.status))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Requests honoured, must and like for each side, with the reasons the others were not scheduled.
    public static func requestLines(_ tallies: [RequestTally]) -> [String] {
        guard !tallies.isEmpty else { return [] }
        var lines = ["", "requests honoured"]
        for tally in tallies {
            lines.append(
                "  \(tally.level == "must" ? "must-meet" : "would-like") from \(tally.requestedBy)s: \(tally.made) made, "
                    + "\(tally.scheduled) scheduled (\(percent(tally.honoured)))")
            for reason in tally.notScheduled {
                lines.append("    \(String(reason.count).leftPadded(6))  \(reason.reason)")
            }
        }
        return lines
    }

    /// The programme report for the terminal: one line per round and the totals.
    public static func text(_ report: ProgrammeReport) -> String {
        var lines = [
            "rounds: \(report.rounds); buyers: \(report.buyers); suppliers: \(report.suppliers); appointments: "
                + "\(report.appointments) (\(report.held) held)",
            "expected business: \(money(report.expectedCOP)); reported after the rounds: \(money(report.reportedCOP))",
            "",
        ]
        for event in report.events {
            lines.append(
                "  \(event.event.padding(toLength: 10, withPad: " ", startingAt: 0)) \(event.dates.first ?? "")  "
                    + "\(String(event.buyers).leftPadded(5)) buyers \(String(event.suppliers).leftPadded(5)) suppliers "
                    + "\(String(event.meetingsScheduled).leftPadded(6)) meetings  \(money(event.expectedCOP))")
        }
        lines += requestLines(report.requests)
        if let gaps = report.gaps, !gaps.requirements.isEmpty {
            lines += ["", "top supplier gaps (rueda report gaps --all-events for the whole report)"]
            for requirement in gaps.requirements.prefix(6) {
                lines.append(
                    "  " + requirement.label.padding(toLength: 26, withPad: " ", startingAt: 0)
                        + "\(requirement.suppliers) suppliers short of \(requirement.buyers) buyers' demand, "
                        + "\(money(requirement.expectedCOP)) expected if closed")
            }
            for supplier in gaps.suppliers.prefix(3) {
                lines.append(
                    "  \(supplier.name): with \(GapReport.lacksPhrase(supplier)), \(supplier.buyers) more "
                        + "\(supplier.buyers == 1 ? "buyer" : "buyers"), \(money(supplier.expectedCOP)) expected")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A report as pretty, key-sorted JSON, written like the agendas' JSON.
    public static func json<Value: Encodable>(_ value: Value) -> String { AgendaWriter.json(value) }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
