/// Words for an unsatisfiable core: the meetings, the companies' one-meeting-at-a-time (or delegates) rule and the
/// table limits that cannot all be honoured together, each meeting with the slots it may use and why.
struct CoreExplanation {
    let encoding: PlacementEncoding

    func lines(_ core: [Int32]) -> [String] {
        let model = encoding.model
        let inCore = Set(core)
        let meetings = encoding.meetingSelectors.indices.filter { inCore.contains(encoding.meetingSelectors[$0]) }
        let companies = (0..<model.companyCount).filter {
            encoding.companySelectors[$0] != 0 && inCore.contains(encoding.companySelectors[$0])
        }
        let slots = (0..<model.slots).filter {
            encoding.slotSelectors[$0] != 0 && inCore.contains(encoding.slotSelectors[$0])
        }
        var parts: [String] = ["\(meetings.count) required meeting\(meetings.count == 1 ? "" : "s")"]
        if !companies.isEmpty {
            parts.append(
                "the one-meeting-at-a-time rule of \(companies.count) compan\(companies.count == 1 ? "y" : "ies")")
        }
        if !slots.isEmpty {
            parts.append("the limit of \(model.tables) tables at slot\(slots.count == 1 ? "" : "s") \(slots)")
        }
        var lines = [
            "proved infeasible: no schedule holds every required meeting. These cannot all be honoured together: "
                + parts.joined(separator: ", ") + " (a minimal conflict found by the SAT solver)"
        ]
        for company in companies {
            let delegates = model.delegates[company]
            let rule = delegates == 1 ? "one meeting at a time" : "at most \(delegates) meetings at a time (delegates)"
            let involved = meetings.filter { index in
                let candidate = encoding.candidates[index]
                return Int(model.first[candidate]) == company || Int(model.second[candidate]) == company
            }
            lines.append(
                "\(model.ids[company]) holds \(rule), is available at \(SlotMask.slots(model.available[company])) "
                    + "and has \(involved.count) of these meetings")
        }
        for index in meetings {
            let candidate = encoding.candidates[index]
            let a = Int(model.first[candidate])
            let b = Int(model.second[candidate])
            var line = "required meeting \(model.ids[a])–\(model.ids[b]) may only use slots \(encoding.slots[index])"
            if model.fixed[candidate] >= 0 { line += " (fixed at slot \(model.fixed[candidate]))" }
            lines.append(line)
        }
        return lines
    }
}
