/// Explanations, naming companies and slots, of why required meetings could not be placed.
enum Infeasibility {
    static func explain(state: ScheduleState, problem: ScheduleProblem) -> [String] {
        var lines = capacity(state.model)
        lines += unplaced(state: state, problem: problem)
        return lines
    }

    /// Companies with more required meetings than they can hold: each line is a proof of infeasibility.
    static func capacity(_ model: SolverModel) -> [String] {
        var lines: [String] = []
        var requiredBy = [Int](repeating: 0, count: model.companyCount)
        for candidate in 0..<model.candidateCount where model.required[candidate] {
            requiredBy[Int(model.first[candidate])] += 1
            requiredBy[Int(model.second[candidate])] += 1
        }
        for company in 0..<model.companyCount where requiredBy[company] > 0 {
            var union: UInt64 = 0
            for candidate in model.incident[company] where model.required[Int(candidate)] {
                union |= model.allowed[Int(candidate)]
            }
            let capacity = min(model.maxMeetings[company], model.delegates[company] * union.nonzeroBitCount)
            if requiredBy[company] > capacity {
                lines.append(
                    "\(model.ids[company]) has \(requiredBy[company]) required meetings but can hold at most "
                        + "\(capacity) (maxMeetings \(model.maxMeetings[company]), delegates "
                        + "\(model.delegates[company]), usable slots \(SlotMask.slots(union)))")
                continue
            }
            let masks = model.incident[company].filter { model.required[Int($0)] }.map { model.allowed[Int($0)] }
            if let (slots, count) = overbooked(masks, capacityPerSlot: model.delegates[company]) {
                lines.append(
                    "\(model.ids[company]) has \(count) required meetings that may only use slots \(slots), where it "
                        + "can hold at most \(model.delegates[company] * slots.count)")
            }
        }
        if model.tables != Int.max {
            let masks = (0..<model.candidateCount).filter { model.required[$0] }.map { model.allowed[$0] }
            if let (slots, count) = overbooked(masks, capacityPerSlot: model.tables) {
                lines.append(
                    "\(count) required meetings may only use slots \(slots), whose \(model.tables) tables seat at most "
                        + "\(model.tables * slots.count)")
            }
        }
        return lines
    }

    /// A set of slots that more meetings must use than it can seat (Hall's condition), among the sets of slots the
    /// meetings may use and their union: the slots and the number of meetings, if there is one.
    private static func overbooked(_ masks: [UInt64], capacityPerSlot: Int) -> ([Int], Int)? {
        var candidates = Array(Set(masks).sorted().prefix(64))
        candidates.append(masks.reduce(0, |))
        for set in candidates.sorted() {
            let count = masks.filter { $0 & ~set == 0 }.count
            if count > capacityPerSlot * set.nonzeroBitCount {
                return (SlotMask.slots(set), count)
            }
        }
        return nil
    }

    /// Why each required meeting left out of `state` did not fit there.
    static func unplaced(state: ScheduleState, problem: ScheduleProblem) -> [String] {
        let model = state.model
        var lines: [String] = []
        for candidate in 0..<model.candidateCount where model.required[candidate] && state.slotOf[candidate] < 0 {
            let a = Int(model.first[candidate])
            let b = Int(model.second[candidate])
            let names = "\(model.ids[a])–\(model.ids[b])"
            let source = problem.candidates[candidate]
            if model.allowed[candidate] == 0 {
                var reason =
                    "\(model.ids[a]) is available at \(SlotMask.slots(model.available[a])), "
                    + "\(model.ids[b]) at \(SlotMask.slots(model.available[b]))"
                if let slots = source.slots { reason += ", the meeting may use \(slots)" }
                if let fixed = source.fixedSlot { reason += ", and it is fixed at \(fixed)" }
                lines.append("required meeting \(names) has no slot both can use: \(reason)")
                continue
            }
            var blocked: [String] = []
            for slot in SlotMask.slots(model.allowed[candidate]) {
                var why: [String] = []
                for company in [a, b] where state.full[company] & (1 << UInt64(slot)) != 0 {
                    let with = state.meetings(of: company, at: slot).map { model.ids[model.other(Int($0), company)] }
                    why.append("\(model.ids[company]) meets \(with.joined(separator: ", "))")
                }
                if state.tablesFull & (1 << UInt64(slot)) != 0 { why.append("all \(model.tables) tables are taken") }
                for company in [a, b] where state.degree[company] >= model.maxMeetings[company] {
                    why.append("\(model.ids[company]) is at its limit of \(model.maxMeetings[company]) meetings")
                }
                blocked.append("slot \(slot): " + (why.isEmpty ? "free" : why.joined(separator: "; ")))
            }
            lines.append("required meeting \(names) could not be placed; " + blocked.joined(separator: " | "))
        }
        return lines
    }
}
