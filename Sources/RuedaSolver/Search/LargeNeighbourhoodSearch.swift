import Foundation

/// Large neighbourhood search: remove the meetings around a company (or make room for one candidate by ejection),
/// re-insert the freed candidates in a new order with direct placement and Kempe chains, and keep the result when
/// it is no worse. Moving single meetings into holes handles the gap penalty.
struct LargeNeighbourhoodSearch {
    var random: SolverRandom

    init(seed: UInt64) {
        random = SolverRandom(seed: seed)
    }

    /// Runs `iterations` moves on `state`, keeping each move that does not make the state worse (so the search can
    /// drift across plateaus); stops early when `isDone` says so (checked every 64 moves).
    ///
    /// With a `temperature` range (simulated annealing, cooling geometrically from the first value to the second
    /// over the moves) a worse move is also kept with probability `exp(-loss / temperature)`, and the best state
    /// seen is returned.
    mutating func improve(
        _ state: inout ScheduleState, iterations: Int, temperature: (Double, Double)? = nil,
        isDone: (ScheduleState) -> Bool
    ) -> Int {
        guard state.model.candidateCount > 0 else { return 0 }
        var best = state
        var done = 0
        let cooling = temperature.map { pow($0.1 / $0.0, 1 / Double(max(iterations, 1))) } ?? 1
        var current = temperature?.0 ?? 0
        while done < iterations {
            if done % 64 == 0 && isDone(state) { break }
            done += 1
            current *= cooling
            let before = state.scoreKey
            step(&state)
            let after = state.scoreKey
            if after >= before {
                state.commit()
                if temperature != nil && after > best.scoreKey { best = state }
                continue
            }
            if temperature != nil && after.0 == before.0 && current > 0 {
                let loss = Double(before.1 - after.1)
                if Double(random.next() >> 11) / 9_007_199_254_740_992 < exp(-loss / current) {
                    state.commit()
                    continue
                }
            }
            state.rollback()
        }
        if temperature != nil && best.scoreKey > state.scoreKey { state = best }
        return done
    }

    /// One move of a kind drawn at random, weighted by what the objective rewards.
    private mutating func step(_ state: inout ScheduleState) {
        let model = state.model
        let kind = random.below(10)
        let holesMatter = model.gapPenalty > 0
        if kind < (holesMatter ? 2 : 6) {
            destroyAndRepair(&state)
        } else if kind < (holesMatter ? 3 : 9) {
            ejectOne(&state)
        } else if kind < 4 && model.shortfallPenalty > 0 {
            fillShortfall(&state)
        } else if kind < 7 || !holesMatter {
            if holesMatter && random.below(2) == 0 {
                bestMoveForHoles(&state)
            } else {
                moveIntoHoles(&state)
            }
        } else if kind < 9 {
            kempeShift(&state)
        } else {
            swapSlots(&state)
        }
    }

    /// Removes every meeting of a random company and of one partner, then re-inserts around them.
    private mutating func destroyAndRepair(_ state: inout ScheduleState) {
        let model = state.model
        let candidate = random.below(model.candidateCount)
        var companies = [Int(model.first[candidate]), Int(model.second[candidate])]
        let anchor = companies[random.below(2)]
        let partners = state.meetingsOf[anchor]
        if !partners.isEmpty {
            companies.append(model.other(Int(partners[random.below(partners.count)]), anchor))
        }
        var pool: [Int] = []
        for company in companies {
            for meeting in state.meetingsOf[company] where model.fixed[Int(meeting)] < 0 || random.below(4) == 0 {
                state.assign(Int(meeting), to: -1)
            }
        }
        var seen = Set<Int>()
        for company in companies {
            for candidate in model.incident[company] where state.slotOf[Int(candidate)] < 0 {
                if seen.insert(Int(candidate)).inserted { pool.append(Int(candidate)) }
            }
        }
        repair(&state, pool: pool)
    }

    /// Re-inserts candidates, required first, then by weight with some noise so that each try differs.
    private mutating func repair(_ state: inout ScheduleState, pool: [Int]) {
        let model = state.model
        var keyed = pool.map { candidate -> (Int, Int) in
            let noise = model.weight[candidate] / 8 + 2
            let key = (model.required[candidate] ? 1 << 40 : 0) + model.weight[candidate] * 4 + random.below(noise * 4)
            return (key, candidate)
        }
        keyed.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        for (_, candidate) in keyed where state.slotOf[candidate] < 0 {
            let before = state.objective
            let mark = state.mark
            let placed = state.insertDirect(candidate, minimumGain: 1) || state.insertByKempeChain(candidate)
            if placed && !model.required[candidate] && state.objective <= before { state.rollback(to: mark) }
        }
    }

    /// Picks an unscheduled candidate and places it by ejecting lighter meetings, which then try to go elsewhere.
    private mutating func ejectOne(_ state: inout ScheduleState) {
        let model = state.model
        let candidate = random.below(model.candidateCount)
        guard state.slotOf[candidate] < 0, model.allowed[candidate] != 0 else { return }
        if state.insertDirect(candidate, minimumGain: 1) || state.insertByKempeChain(candidate) { return }
        guard let victims = state.insertByEjection(candidate) else { return }
        var pool = victims
        for victim in victims {
            for company in [Int(model.first[victim]), Int(model.second[victim])] {
                for other in model.incident[company] where state.slotOf[Int(other)] < 0 { pool.append(Int(other)) }
            }
        }
        repair(&state, pool: pool)
    }

    /// Closes a hole: moves a meeting at one end of a company's day into a hole (or next to its other meetings),
    /// through a Kempe chain when the partner is busy there.
    private mutating func moveIntoHoles(_ state: inout ScheduleState) {
        let model = state.model
        guard model.gapPenalty > 0 else {
            destroyAndRepair(&state)
            return
        }
        let candidate = random.below(model.candidateCount)
        let pick = random.below(2) == 0 ? Int(model.first[candidate]) : Int(model.second[candidate])
        let other = model.other(candidate, pick)
        let company = state.holesOf[pick] > 0 ? pick : other
        guard state.holesOf[company] > 0 else { return }
        let occupied = state.occupied[company]
        let lowest = occupied.trailingZeroBitCount
        let highest = 63 - occupied.leadingZeroBitCount
        // Hole slots: available, empty, between the first and the last meeting.
        let holes = model.available[company] & ~occupied & SlotMask.range(lowest + 1, highest)
        guard holes != 0 else { return }
        let meetings = state.meetingsOf[company].map(Int.init)
        var ends = meetings.filter {
            let slot = Int(state.slotOf[$0])
            return slot == lowest || slot == highest
        }
        ends.shuffle(using: &random)
        for meeting in ends {
            var targets = SlotMask.slots(holes & model.allowed[meeting])
            targets.shuffle(using: &random)
            for target in targets {
                let before = state.objective
                let mark = state.mark
                if state.moveByKempeChain(meeting, to: target) {
                    if state.objective > before { return }
                    state.rollback(to: mark)
                }
            }
        }
    }

    /// Gives a company below its minimum one more meeting: one of its candidates placed directly, through a Kempe
    /// chain, or by ejecting a lighter meeting.
    private mutating func fillShortfall(_ state: inout ScheduleState) {
        let model = state.model
        var company = -1
        for _ in 0..<32 {
            let candidate = random.below(model.companyCount)
            if state.degree[candidate] < model.minMeetings[candidate] {
                company = candidate
                break
            }
        }
        guard company >= 0 else {
            moveIntoHoles(&state)
            return
        }
        var options = model.incident[company].map(Int.init).filter { state.slotOf[$0] < 0 }
        options.shuffle(using: &random)
        for candidate in options.prefix(8) {
            if state.insertDirect(candidate) || state.insertByKempeChain(candidate) { return }
        }
        for candidate in options.prefix(4) {
            if let victims = state.insertByEjection(candidate) {
                repair(&state, pool: victims)
                return
            }
        }
    }

    /// Exchanges two whole slots: every meeting at one moves to the other, when all of them may. Reorders the day
    /// for many companies at once, which closes holes that single moves cannot. Scans the candidates, so it is
    /// used on problems of up to 20,000 candidates.
    private mutating func swapSlots(_ state: inout ScheduleState) {
        let model = state.model
        guard model.candidateCount <= 20_000, model.slots > 1 else {
            kempeShift(&state)
            return
        }
        let first = random.below(model.slots)
        var second = random.below(model.slots - 1)
        if second >= first { second += 1 }
        var moving: [(Int, Int)] = []
        let firstBit: UInt64 = 1 << UInt64(first)
        let secondBit: UInt64 = 1 << UInt64(second)
        for candidate in 0..<model.candidateCount {
            let slot = Int(state.slotOf[candidate])
            if slot == first {
                guard model.allowed[candidate] & secondBit != 0, model.fixed[candidate] < 0 else { return }
                moving.append((candidate, second))
            } else if slot == second {
                guard model.allowed[candidate] & firstBit != 0, model.fixed[candidate] < 0 else { return }
                moving.append((candidate, first))
            }
        }
        guard !moving.isEmpty else { return }
        // Through a free slot, so that no company is ever over its delegates mid-way.
        for (candidate, _) in moving { state.assign(candidate, to: -1) }
        for (candidate, target) in moving { state.assign(candidate, to: target) }
    }

    /// Steepest step for a company with holes: tries every meeting of the company at every slot it could use
    /// (through Kempe chains), and keeps the best result, a random one among equals.
    private mutating func bestMoveForHoles(_ state: inout ScheduleState) {
        let model = state.model
        let candidate = random.below(model.candidateCount)
        let a = Int(model.first[candidate])
        let b = Int(model.second[candidate])
        let company = state.holesOf[a] >= state.holesOf[b] ? a : b
        guard state.holesOf[company] > 0 else { return }
        let meetings = state.meetingsOf[company].map(Int.init)
        var bestMove: (meeting: Int, target: Int)?
        var bestObjective = state.objective
        var ties = 0
        for meeting in meetings where model.fixed[meeting] < 0 {
            let current = Int(state.slotOf[meeting])
            for target in SlotMask.slots(model.allowed[meeting]) where target != current {
                let mark = state.mark
                if state.moveByKempeChain(meeting, to: target) {
                    let value = state.objective
                    if value > bestObjective {
                        bestObjective = value
                        bestMove = (meeting, target)
                        ties = 1
                    } else if value == bestObjective && bestMove != nil || value == bestObjective && ties == 0 {
                        ties += 1
                        if random.below(ties) == 0 { bestMove = (meeting, target) }
                    }
                }
                state.rollback(to: mark)
            }
        }
        if let bestMove { _ = state.moveByKempeChain(bestMove.meeting, to: bestMove.target) }
    }

    /// Moves a random meeting to a random other slot through a Kempe chain: a step that keeps the meetings and
    /// rearranges the day, accepted when the objective does not get worse.
    private mutating func kempeShift(_ state: inout ScheduleState) {
        let model = state.model
        let meeting = random.below(model.candidateCount)
        guard state.slotOf[meeting] >= 0 else { return }
        let targets = SlotMask.slots(model.allowed[meeting] & ~(1 << UInt64(state.slotOf[meeting])))
        guard !targets.isEmpty else { return }
        _ = state.moveByKempeChain(meeting, to: targets[random.below(targets.count)])
    }
}
