extension PairScorer {
    /// The verdict on one pair, by buyer and supplier index. A must-meet request from either side makes the pair
    /// a candidate whatever its score, unless the other side vetoed it, no common slot exists, or the
    /// configuration lets demand filters win.
    ///
    /// The batch run's hot path: it reads the flat ``ScoringTable`` and gives exactly the verdict the profiles
    /// give (`evaluateFromProfiles`), which the tests check on random populations.
    public func evaluate(buyer: Int, supplier: Int) -> PairVerdict {
        if table.buyerCompany[buyer] == table.supplierCompany[supplier] { return .filtered(.sameCompany) }
        let interest = table.interest(buyer: buyer, supplier: supplier)
        if interest.isVeto { return .filtered(.veto) }
        if !table.shareSlot(buyer: buyer, supplier: supplier) { return .filtered(.noCommonSlot) }
        let requested = interest.hasMust
        let interestValue = interestPart(interest)
        guard let best = tableBest(buyer: buyer, supplier: supplier, interest: interestValue, ignoringFilters: false)
        else {
            var filter = PairFilter.missingCertification
            for demand in table.buyerDemands.range(buyer) {
                if let first = tableDemandFilter(demand: table.buyerDemands.elements[demand], supplier: supplier) {
                    filter = first
                    break
                }
            }
            if requested && !configuration.filtersWinOverMustMeet,
                let score = tableBest(buyer: buyer, supplier: supplier, interest: interestValue, ignoringFilters: true)
            {
                return .requested(score, overriding: filter)
            }
            return .filtered(filter)
        }
        if best.score >= configuration.minimumScore { return .candidate(best) }
        return requested ? .requested(best, overriding: nil) : .belowThreshold(best)
    }

    /// The best demand–offer combination from the table (``bestCombination(buyer:supplier:ignoringFilters:)``):
    /// the first combination with the highest score, with its value computed once.
    private func tableBest(buyer: Int, supplier: Int, interest: Double, ignoringFilters: Bool) -> PairScore? {
        let weights = configuration.weights
        var found = false
        var best = (score: 0.0, sector: 0.0, product: 0.0, requirements: 0.0, demand: 0, offer: 0)
        for demandSlot in table.buyerDemands.range(buyer) {
            let demand = table.buyerDemands.elements[demandSlot]
            if !ignoringFilters && tableDemandFilter(demand: demand, supplier: supplier) != nil { continue }
            for offerSlot in table.supplierOffers.range(supplier) {
                let offer = table.supplierOffers.elements[offerSlot]
                let sector = tableSector(buyer: buyer, demand: demand, offer: offer)
                let product = table.cosine(demand: demand, offer: offer)
                let requirements = tableRequirements(buyer: buyer, supplier: supplier, demand: demand, offer: offer)
                let total =
                    weights.sector * sector + weights.product * product + weights.requirements * requirements
                    + weights.interest * interest
                let score = (100 * total / weights.total * 1_000).rounded() / 1_000
                if found && best.score >= score { continue }
                found = true
                best = (score, sector, product, requirements, demand, offer)
            }
        }
        guard found else { return nil }
        let model = configuration.dealValue
        let size = model.dealSize(
            budget: table.demandBudget[best.demand], quantity: table.demandQuantity[best.demand],
            capacity: table.offerCapacity[best.offer], priceMin: table.offerPriceMin[best.offer],
            priceMax: table.offerPriceMax[best.offer])
        return PairScore(
            score: best.score, sector: best.sector, product: best.product, requirements: best.requirements,
            interest: interest, demandPosition: table.demandPosition[best.demand],
            offerPosition: table.offerPosition[best.offer], probability: model.probability(score: best.score),
            dealSize: size, expectedValue: model.expectedValue(score: best.score, dealSize: size))
    }

    /// The demand filter a supplier fails (``demandFilter(_:supplier:)``), from the table.
    private func tableDemandFilter(demand: Int, supplier: Int) -> PairFilter? {
        for position in table.demandRequired.range(demand)
        where !table.supplierCertifications.list(supplier, contains: table.demandRequired.elements[position]) {
            return .missingCertification
        }
        if table.demandDepartmentsRequired[demand] && !table.demandDepartments.range(demand).isEmpty
            && !table.demandDepartments.list(demand, contains: table.supplierDepartment[supplier])
        {
            return .outsideRequiredDepartments
        }
        return nil
    }

    /// Sector affinity (``sectorValue(buyer:demand:offer:)``), from the table.
    private func tableSector(buyer: Int, demand: Int, offer: Int) -> Double {
        let classes = table.offerClasses.range(offer)
        var best = 0.0
        for code in table.demandCodes.range(demand) {
            for offered in classes {
                let value = affinity(table.demandCodes.elements[code], table.offerClasses.elements[offered]).0
                if value > best { best = value }
            }
        }
        for position in table.complements.range(buyer) {
            let target = table.complements.elements[position]
            guard target.affinity > best else { continue }
            for offered in classes where target.node.contains(table.offerClasses.elements[offered]) {
                best = target.affinity
                break
            }
        }
        return best
    }

    /// Requirements fit (``requirementsFit(demand:buyer:supplier:offer:explain:)``), from the table: the same parts
    /// summed in the same order.
    private func tableRequirements(buyer: Int, supplier: Int, demand: Int, offer: Int) -> Double {
        let settings = configuration.requirements
        var sum = 0.0
        var count = 0
        let preferred = table.demandPreferred.range(demand)
        if !preferred.isEmpty {
            var held = 0
            for position in preferred
            where table.supplierCertifications.list(supplier, contains: table.demandPreferred.elements[position]) {
                held += 1
            }
            sum += Double(held) / Double(preferred.count)
            count += 1
        }
        let department = table.supplierDepartment[supplier]
        let region = table.supplierRegion[supplier]
        if !table.demandDepartments.range(demand).isEmpty {
            if table.demandDepartments.list(demand, contains: department) {
                sum += settings.sameDepartment
            } else if table.demandRegions.list(demand, contains: region) {
                sum += settings.sameRegion
            } else {
                sum += settings.elsewhere
            }
        } else if department == table.buyerDepartment[buyer] && department != table.emptyDepartment {
            sum += settings.sameDepartment
        } else if region == table.buyerRegion[buyer] && region != table.emptyRegion {
            sum += settings.sameRegion
        } else {
            sum += settings.elsewhere
        }
        count += 1
        if let quantity = table.demandQuantity[demand], let capacity = table.offerCapacity[offer] {
            sum += min(1, Double(capacity) / Double(quantity))
            count += 1
        }
        if !table.demandSizes.range(demand).isEmpty, let size = table.supplierSize[supplier] {
            sum += table.demandSizes.list(demand, contains: size) ? 1 : settings.otherSize
            count += 1
        }
        if table.demandExport[demand] {
            sum += table.offerExport[offer] ? 1 : 0
            count += 1
        }
        return count == 0 ? 0 : sum / Double(count)
    }
}
