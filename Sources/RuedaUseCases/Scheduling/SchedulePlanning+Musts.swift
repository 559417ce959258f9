import RuedaCore
import RuedaSolver

extension SchedulePlanning {
    /// Releases must-meet requirements that cannot all be held, so that the rest stay required: a pair with no slot
    /// where both are available, a company with more must-meet meetings than it can hold, a round with more than its
    /// tables can seat. A released meeting keeps its weight (a strong preference) and gets one line saying why.
    /// Meetings kept from the published schedule (fixed slots) are never released. Pure and deterministic: the
    /// lowest-weight requirements go first, ties by pair.
    static func releaseImpossibleMusts(
        _ candidates: inout [ScheduleProblem.Candidate], companies: [ScheduleProblem.Company], slots: Int, tables: Int?
    ) -> [String] {
        let byID = Dictionary(companies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var notes: [String] = []
        func releasable(_ index: Int) -> Bool { candidates[index].required && candidates[index].fixedSlot == nil }

        for index in candidates.indices where releasable(index) {
            let candidate = candidates[index]
            guard let buyer = byID[candidate.buyer], let supplier = byID[candidate.supplier] else { continue }
            if Set(buyer.available).isDisjoint(with: supplier.available) {
                candidates[index].required = false
                notes.append(
                    "must-meet \(candidate.buyer)–\(candidate.supplier) not required: no slot where both are available")
            }
        }

        // Lowest weight first, so that the most valuable requirements are the last to go.
        func releaseOrder(_ indices: [Int]) -> [Int] {
            indices.sorted {
                let (a, b) = (candidates[$0], candidates[$1])
                if a.weight != b.weight { return a.weight < b.weight }
                return (a.buyer, a.supplier) < (b.buyer, b.supplier)
            }
        }
        var changed = true
        while changed {
            changed = false
            for company in companies {
                let capacity = min(company.maxMeetings, company.available.count * max(company.delegates, 1))
                let mine = candidates.indices.filter {
                    candidates[$0].required
                        && (candidates[$0].buyer == company.id || candidates[$0].supplier == company.id)
                }
                guard mine.count > capacity else { continue }
                let excess = mine.count - capacity
                for index in releaseOrder(mine.filter(releasable)).prefix(excess) {
                    candidates[index].required = false
                    changed = true
                    notes.append(
                        "must-meet \(candidates[index].buyer)–\(candidates[index].supplier) not required: "
                            + "\(company.id) has \(mine.count) must-meet meetings but can hold at most \(capacity) "
                            + "(\(company.available.count) slots × \(company.delegates) delegates, "
                            + "at most \(company.maxMeetings) meetings)")
                }
            }
        }

        if let tables {
            let seats = tables * slots
            let required = candidates.indices.filter { candidates[$0].required }
            if required.count > seats {
                for index in releaseOrder(required.filter(releasable)).prefix(required.count - seats) {
                    candidates[index].required = false
                    notes.append(
                        "must-meet \(candidates[index].buyer)–\(candidates[index].supplier) not required: the round "
                            + "seats \(seats) meetings (\(tables) tables × \(slots) slots) and has \(required.count) "
                            + "must-meet meetings")
                }
            }
        }
        return notes
    }
}
