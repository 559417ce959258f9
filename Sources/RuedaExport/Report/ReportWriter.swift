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
    public var events: [EventReport]

    public init(events: [EventReport], distinctBuyers: Int, distinctSuppliers: Int) {
        self.events = events
        rounds = events.count
        buyers = distinctBuyers
        suppliers = distinctSuppliers
        appointments = events.reduce(0) { $0 + $1.meetingsScheduled }
        held = events.reduce(0) { $0 + $1.held }
        expectedCOP = events.saturatingSum(\.expectedCOP)
        reportedCOP = events.saturatingSum(\.reportedCOP)
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
    static func requestLines(_ tallies: [RequestTally]) -> [String] {
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
