/// Tabu search over Kempe-chain moves for small problems where holes matter: at each step it evaluates moves of
/// the meetings of a few companies with holes to every slot they may use, applies the best one that is not tabu
/// (even if it is worse), and forbids moving that meeting back for a while. It keeps the best state seen.
/// It complements the large neighbourhood search on the plateaus of hole-only problems.
struct TabuSearch {
    var random: SolverRandom
    /// Moves during which a meeting may not return to the slot it left.
    let tenure: Int

    init(seed: UInt64, tenure: Int = 12) {
        random = SolverRandom(seed: seed)
        self.tenure = tenure
    }

    mutating func improve(_ state: inout ScheduleState, iterations: Int, isDone: (ScheduleState) -> Bool) -> Int {
        let model = state.model
        guard model.candidateCount > 0, model.gapPenalty > 0 else { return 0 }
        var best = state
        var tabu: [Int: Int] = [:]
        var done = 0
        while done < iterations {
            if done % 16 == 0 && isDone(state) { break }
            done += 1
            state.commit()
            // Up to three companies with holes, and a random partner of the first, as the sources of moves.
            let holed = (0..<model.companyCount).filter { state.holesOf[$0] > 0 }
            guard !holed.isEmpty else { break }
            var companies = (0..<min(3, holed.count)).map { _ in holed[random.below(holed.count)] }
            let partners = state.meetingsOf[companies[0]]
            if !partners.isEmpty {
                companies.append(model.other(Int(partners[random.below(partners.count)]), companies[0]))
            }
            var bestMove: (meeting: Int, target: Int, key: (Int, Int))?
            var ties = 0
            for company in Set(companies).sorted() {
                for meeting in state.meetingsOf[company].map(Int.init) where model.fixed[meeting] < 0 {
                    let current = Int(state.slotOf[meeting])
                    for target in SlotMask.slots(model.allowed[meeting]) where target != current {
                        if let until = tabu[meeting &* 64 &+ target], until > done { continue }
                        let mark = state.mark
                        if state.moveByKempeChain(meeting, to: target) {
                            let key = state.scoreKey
                            if let chosen = bestMove, key < chosen.key {
                                // Worse than the best so far.
                            } else if let chosen = bestMove, key == chosen.key {
                                ties += 1
                                if random.below(ties) == 0 { bestMove = (meeting, target, key) }
                            } else {
                                bestMove = (meeting, target, key)
                                ties = 1
                            }
                        }
                        state.rollback(to: mark)
                    }
                }
            }
            guard let move = bestMove else { continue }
            let left = Int(state.slotOf[move.meeting])
            if state.moveByKempeChain(move.meeting, to: move.target) {
                state.commit()
                tabu[move.meeting &* 64 &+ left] = done + tenure + random.below(tenure)
                if state.scoreKey > best.scoreKey { best = state }
            }
        }
        state.commit()
        if best.scoreKey > state.scoreKey { state = best }
        return done
    }
}
