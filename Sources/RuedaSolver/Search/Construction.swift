/// Building a first schedule.
extension ScheduleState {
    /// The greedy baseline: required candidates first, then by weight, each at the earliest common free slot.
    static func greedy(_ model: SolverModel) -> ScheduleState {
        var state = ScheduleState(model: model)
        for candidate in Self.priorityOrder(model) {
            let slots = state.directSlots(candidate)
            if slots != 0 { state.assign(candidate, to: slots.trailingZeroBitCount) }
        }
        state.commit()
        return state
    }

    /// Required candidates (fixed slots first), then the rest by weight; ties by position in the file.
    static func priorityOrder(_ model: SolverModel) -> [Int] {
        (0..<model.candidateCount).sorted { lhs, rhs in
            if model.required[lhs] != model.required[rhs] { return model.required[lhs] }
            let lhsFixed = model.fixed[lhs] >= 0
            let rhsFixed = model.fixed[rhs] >= 0
            if lhsFixed != rhsFixed { return lhsFixed }
            if model.weight[lhs] != model.weight[rhs] { return model.weight[lhs] > model.weight[rhs] }
            return lhs < rhs
        }
    }

    /// A better start: required candidates, then the relaxation's selection, then everything else, each placed in
    /// a free slot or after a Kempe-chain recolouring.
    static func constructed(_ model: SolverModel, selection: [Int]) -> ScheduleState {
        var state = ScheduleState(model: model)
        let order = priorityOrder(model)
        var tried = [Bool](repeating: false, count: model.candidateCount)
        func place(_ candidate: Int) {
            guard state.slotOf[candidate] < 0 else { return }
            state.tryInsert(candidate)
        }
        for candidate in order where model.required[candidate] {
            place(candidate)
            tried[candidate] = true
        }
        for candidate in selection where !tried[candidate] {
            place(candidate)
            tried[candidate] = true
        }
        for candidate in order where !tried[candidate] { place(candidate) }
        return state
    }
}
