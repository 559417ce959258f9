/// Ways to add a candidate to a schedule: into a free common slot, after recolouring an alternating (Kempe) chain,
/// or by ejecting lighter meetings in its way.
extension ScheduleState {
    /// The value of holding a candidate at a slot: its weight, the shortfall it removes and the holes it changes.
    func gain(_ candidate: Int, at slot: Int) -> Int {
        let a = Int(model.first[candidate])
        let b = Int(model.second[candidate])
        var value = model.weight[candidate]
        if model.shortfallPenalty > 0 {
            if degree[a] < model.minMeetings[a] { value += model.shortfallPenalty }
            if degree[b] < model.minMeetings[b] { value += model.shortfallPenalty }
        }
        if model.gapPenalty > 0 {
            value -= model.gapPenalty * (holesDelta(a, adding: slot) + holesDelta(b, adding: slot))
        }
        return value
    }

    /// Places an unscheduled candidate in the free slot where it gains most (earliest on ties), if that gain is at
    /// least `minimumGain`; false otherwise.
    mutating func insertDirect(_ candidate: Int, minimumGain: Int = Int.min) -> Bool {
        var slots = directSlots(candidate)
        guard slots != 0 else { return false }
        var best = -1
        var bestGain = Int.min
        while slots != 0 {
            let slot = slots.trailingZeroBitCount
            slots &= slots - 1
            let value = gain(candidate, at: slot)
            if value > bestGain {
                bestGain = value
                best = slot
            }
            if model.gapPenalty == 0 { break }
        }
        guard bestGain >= minimumGain || model.required[candidate] else { return false }
        assign(candidate, to: best)
        return true
    }

    /// Inserts a candidate directly or through a Kempe chain and keeps it only if it is required or the objective
    /// improves; commits the result. Returns whether the candidate was placed.
    @discardableResult
    mutating func tryInsert(_ candidate: Int) -> Bool {
        let before = objective
        let placed = insertDirect(candidate, minimumGain: 1) || insertByKempeChain(candidate)
        if placed && !model.required[candidate] && objective <= before {
            rollback()
            return false
        }
        commit()
        return placed
    }

    /// Frees a common slot by swapping two slots along an alternating chain of meetings, then places the candidate
    /// there. Tries a few slot pairs; false (with nothing changed) if none works.
    mutating func insertByKempeChain(_ candidate: Int, maxChain: Int = 64, maxPairs: Int = 12) -> Bool {
        let a = Int(model.first[candidate])
        let b = Int(model.second[candidate])
        guard hasRoom(a), hasRoom(b) else { return false }
        let allowed = model.allowed[candidate]
        var pairs = 0
        // With a gap penalty every workable pair is tried and the best kept; otherwise the first one wins.
        let choosy = model.gapPenalty > 0
        var best: (objective: Int, start: Int, alpha: Int, beta: Int)?
        search: for (start, partner) in [(b, a), (a, b)] {
            // `partner` is free at alpha; `start` is full at alpha but free at beta.
            var alphas = allowed & free(partner) & full[start] & ~tablesFull
            while alphas != 0 {
                let alpha = alphas.trailingZeroBitCount
                alphas &= alphas - 1
                var betas = free(start) & ~(1 << UInt64(alpha))
                while betas != 0 {
                    let beta = betas.trailingZeroBitCount
                    betas &= betas - 1
                    pairs += 1
                    if pairs > maxPairs { break search }
                    let before = mark
                    if swapChain(from: start, alpha: alpha, beta: beta, maxLength: maxChain),
                        directSlots(candidate) & (1 << UInt64(alpha)) != 0
                    {
                        assign(candidate, to: alpha)
                        if !choosy { return true }
                        if best == nil || objective > best?.objective ?? Int.min {
                            best = (objective, start, alpha, beta)
                        }
                    }
                    rollback(to: before)
                }
            }
        }
        guard let best else { return false }
        let replayed = swapChain(from: best.start, alpha: best.alpha, beta: best.beta, maxLength: maxChain)
        guard replayed, directSlots(candidate) & (1 << UInt64(best.alpha)) != 0 else { return false }
        assign(candidate, to: best.alpha)
        return true
    }

    /// Moves a scheduled meeting to another slot, recolouring a Kempe chain between the two slots when a company
    /// is busy there. False (with nothing changed) when it cannot.
    mutating func moveByKempeChain(_ meeting: Int, to target: Int, maxChain: Int = 64) -> Bool {
        let current = Int(slotOf[meeting])
        guard current >= 0, current != target, model.allowed[meeting] & (1 << UInt64(target)) != 0,
            model.fixed[meeting] < 0
        else { return false }
        let before = mark
        assign(meeting, to: -1)
        let a = Int(model.first[meeting])
        let b = Int(model.second[meeting])
        let bit: UInt64 = 1 << UInt64(target)
        var ok = true
        for company in [a, b] where full[company] & bit != 0 {
            // The company is busy at the target but free at the slot the meeting left: swap the two slots along
            // the chain that starts with its meeting at the target.
            if !swapChain(from: company, alpha: target, beta: current, maxLength: maxChain) {
                ok = false
                break
            }
        }
        if ok && tablesFull & bit != 0 {
            // Every table is taken at the target: send one meeting from there to the slot this one leaves.
            ok = false
            for other in meetings(at: target)
            where model.fixed[other] < 0 && model.allowed[other] & (1 << UInt64(current)) != 0 {
                let x = Int(model.first[other])
                let y = Int(model.second[other])
                let leaving = full[x] & (1 << UInt64(current)) == 0 && full[y] & (1 << UInt64(current)) == 0
                if leaving && other != meeting {
                    assign(other, to: current)
                    ok = true
                    break
                }
            }
        }
        if ok && directSlots(meeting) & bit != 0 {
            assign(meeting, to: target)
            return true
        }
        rollback(to: before)
        return false
    }

    /// Moves one of `start`'s meetings at `alpha` to `beta`, and so on along the chain, until a company has room.
    /// Returns false when the chain is too long, cycles, or a meeting cannot use its new slot.
    mutating func swapChain(from start: Int, alpha: Int, beta: Int, maxLength: Int) -> Bool {
        var company = start
        var from = alpha
        var to = beta
        var moved = Set<Int32>()
        for _ in 0..<maxLength {
            guard
                let meeting = meetingsOf[company].first(where: {
                    Int(slotOf[Int($0)]) == from && !moved.contains($0)
                })
            else { return false }
            let m = Int(meeting)
            guard model.allowed[m] & (1 << UInt64(to)) != 0 else { return false }
            let next = model.other(m, company)
            let nextWasFull = full[next] & (1 << UInt64(to)) != 0
            assign(m, to: to)
            moved.insert(meeting)
            if !nextWasFull { return slotCount[to] <= model.tables }
            company = next
            swap(&from, &to)
        }
        return false
    }

    /// Places a candidate by removing lighter meetings that block one slot (at most one per company and one for the
    /// table); returns the removed candidates, or nil when no slot makes the exchange worth it.
    mutating func insertByEjection(_ candidate: Int) -> [Int]? {
        let a = Int(model.first[candidate])
        let b = Int(model.second[candidate])
        let sp = model.shortfallPenalty
        var value = model.weight[candidate] + (model.required[candidate] ? 1 << 40 : 0)
        for company in [a, b] where degree[company] < model.minMeetings[company] { value += sp }
        /// What removing a meeting costs: its weight, and the shortfall it would open.
        func cost(_ victim: Int) -> Int {
            var total = model.weight[victim]
            for company in [Int(model.first[victim]), Int(model.second[victim])]
            where degree[company] <= model.minMeetings[company] && company != a && company != b {
                total += sp
            }
            return total
        }
        var bestSlot = -1
        var bestVictims: [Int] = []
        var bestLoss = value
        var slots = model.allowed[candidate]
        while slots != 0 {
            let slot = slots.trailingZeroBitCount
            slots &= slots - 1
            var victims: [Int] = []
            var feasible = true
            for company in [a, b] where full[company] & (1 << UInt64(slot)) != 0 || !hasRoom(company) {
                // Remove the lightest meeting of this company at the slot, or anywhere if it is at its limit.
                let pool =
                    full[company] & (1 << UInt64(slot)) != 0 ? meetings(of: company, at: slot) : meetingsOf[company]
                guard
                    let victim = pool.map(Int.init).filter({ !model.required[$0] && !victims.contains($0) })
                        .min(by: { model.weight[$0] < model.weight[$1] })
                else {
                    feasible = false
                    break
                }
                victims.append(victim)
            }
            guard feasible else { continue }
            if tablesFull & (1 << UInt64(slot)) != 0 && !victims.contains(where: { Int(slotOf[$0]) == slot }) {
                guard
                    let victim = meetings(at: slot).filter({ !model.required[$0] && !victims.contains($0) })
                        .min(by: { cost($0) < cost($1) })
                else { continue }
                victims.append(victim)
            }
            let loss = victims.reduce(0) { $0 + cost($1) }
            if loss < bestLoss {
                bestLoss = loss
                bestSlot = slot
                bestVictims = victims
            }
        }
        guard bestSlot >= 0 else { return nil }
        let before = mark
        for victim in bestVictims { assign(victim, to: -1) }
        if directSlots(candidate) & (1 << UInt64(bestSlot)) != 0 {
            assign(candidate, to: bestSlot)
            return bestVictims
        }
        rollback(to: before)
        return nil
    }
}
