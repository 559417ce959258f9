import RuedaSolver

/// An independent check of a schedule against its problem: every hard constraint, and the objective recomputed
/// from the definition. Uses nothing of the solver's own bookkeeping.
enum ScheduleChecker {
    struct Report {
        var violations: [String] = []
        var weight = 0
        var holes = 0
        var shortfall = 0
        var objective = 0
    }

    static func check(_ schedule: Schedule, against problem: ScheduleProblem) -> Report {
        var report = Report()
        func fail(_ message: String) { report.violations.append(message) }
        let companies = Dictionary(problem.companies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var candidates: [Set<String>: ScheduleProblem.Candidate] = [:]
        for candidate in problem.candidates { candidates[[candidate.buyer, candidate.supplier]] = candidate }
        var held = Set<Set<String>>()
        var perSlot = [Int: Int]()
        var tablesUsed = Set<[Int]>()
        var slotsOf: [String: [Int]] = [:]
        for meeting in schedule.meetings {
            let key: Set<String> = [meeting.buyer, meeting.supplier]
            guard let candidate = candidates[key] else {
                fail("\(meeting.buyer)–\(meeting.supplier) is not a candidate")
                continue
            }
            if !held.insert(key).inserted { fail("\(meeting.buyer)–\(meeting.supplier) is scheduled twice") }
            if !(0..<problem.slots).contains(meeting.slot) { fail("slot \(meeting.slot) out of range") }
            for id in key where !(companies[id]?.available.contains(meeting.slot) ?? false) {
                fail("\(id) is not available at slot \(meeting.slot)")
            }
            if let slots = candidate.slots, !slots.contains(meeting.slot) {
                fail("\(meeting.buyer)–\(meeting.supplier) may not use slot \(meeting.slot)")
            }
            if let fixed = candidate.fixedSlot, fixed != meeting.slot {
                fail("\(meeting.buyer)–\(meeting.supplier) is fixed at \(fixed), not \(meeting.slot)")
            }
            perSlot[meeting.slot, default: 0] += 1
            if let tables = problem.tables, !(0..<tables).contains(meeting.table) {
                fail("table \(meeting.table) out of range at slot \(meeting.slot)")
            }
            if !tablesUsed.insert([meeting.slot, meeting.table]).inserted {
                fail("table \(meeting.table) used twice at slot \(meeting.slot)")
            }
            for id in key { slotsOf[id, default: []].append(meeting.slot) }
            report.weight += candidate.weight
        }
        if let tables = problem.tables {
            for (slot, count) in perSlot where count > tables { fail("\(count) meetings at slot \(slot) > \(tables)") }
        }
        for company in problem.companies {
            let slots = (slotsOf[company.id] ?? []).sorted()
            if slots.count > company.maxMeetings {
                fail("\(company.id) has \(slots.count) meetings, more than \(company.maxMeetings)")
            }
            var perSlotCount: [Int: Int] = [:]
            for slot in slots { perSlotCount[slot, default: 0] += 1 }
            for (slot, count) in perSlotCount where count > company.delegates {
                fail("\(company.id) has \(count) meetings at slot \(slot), more than \(company.delegates) delegates")
            }
            for (lower, upper) in zip(slots, slots.dropFirst()) where upper - lower > 1 {
                if ((lower + 1)..<upper).contains(where: company.available.contains) { report.holes += 1 }
            }
            report.shortfall += max(0, company.minMeetings - slots.count)
        }
        if schedule.status.holdsEveryRequired {
            for candidate in problem.candidates where candidate.required {
                if !held.contains([candidate.buyer, candidate.supplier]) {
                    fail("required \(candidate.buyer)–\(candidate.supplier) is not scheduled")
                }
            }
        }
        report.objective =
            report.weight - problem.gapPenalty * report.holes - problem.shortfallPenalty * report.shortfall
        if report.objective != schedule.objective {
            fail("objective \(schedule.objective) reported, \(report.objective) recomputed")
        }
        if schedule.status.holdsEveryRequired && schedule.objective > schedule.upperBound {
            fail("objective \(schedule.objective) above the upper bound \(schedule.upperBound)")
        }
        return report
    }
}
