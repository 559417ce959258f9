/// One part of the requirements fit, for explanations.
public struct RequirementPart: Sendable, Hashable, Codable {
    public var name: String
    public var value: Double
    public var detail: String
}

extension PairScorer {
    /// Requirements fit in [0, 1]: the mean of the parts that apply (location always; preferred certifications,
    /// capacity against quantity, size preference and export experience when the demand states them).
    func requirementsFit(
        demand: MatchDemand, buyer: MatchBuyer, supplier: MatchSupplier, offer: MatchOffer, explain: Bool = false
    ) -> (value: Double, parts: [RequirementPart]) {
        let settings = configuration.requirements
        let wanted = demand.demand
        let profile = supplier.profile
        var sum = 0.0
        var count = 0
        var parts: [RequirementPart] = []
        func add(_ name: String, _ value: Double, _ detail: @autoclosure () -> String) {
            sum += value
            count += 1
            if explain { parts.append(RequirementPart(name: name, value: value, detail: detail())) }
        }

        if !demand.preferred.isEmpty {
            let held = demand.preferred.filter { profile.certifications.contains($0) }.count
            add(
                "certifications", Double(held) / Double(demand.preferred.count),
                "holds \(held) of \(demand.preferred.count) preferred certifications")
        }

        let location: Double
        let locationDetail: String
        if !wanted.preferredDepartments.isEmpty {
            if wanted.preferredDepartments.contains(profile.department) {
                (location, locationDetail) = (settings.sameDepartment, "in a preferred department")
            } else if demand.preferredRegions.contains(profile.region) {
                (location, locationDetail) = (settings.sameRegion, "in a preferred region (\(profile.region))")
            } else {
                (location, locationDetail) = (settings.elsewhere, "outside the preferred departments and regions")
            }
        } else if profile.department == buyer.profile.department && !profile.department.isEmpty {
            (location, locationDetail) = (settings.sameDepartment, "same department as the buyer")
        } else if profile.region == buyer.profile.region && !profile.region.isEmpty {
            (location, locationDetail) = (settings.sameRegion, "same region as the buyer (\(profile.region))")
        } else {
            (location, locationDetail) = (settings.elsewhere, "another region")
        }
        add("location", location, locationDetail)

        if let quantity = wanted.quantity, let capacity = offer.offer.capacity {
            add(
                "capacity", min(1, Double(capacity) / Double(quantity)),
                "capacity \(capacity) for a quantity of \(quantity)")
        }
        if !wanted.preferredSizes.isEmpty, let size = profile.size {
            let preferred = wanted.preferredSizes.contains(size)
            add(
                "size", preferred ? 1 : settings.otherSize,
                preferred ? "size \(size.rawValue) is preferred" : "size \(size.rawValue) is not among those preferred")
        }
        if wanted.requiresExportExperience {
            let has = offer.offer.exportExperience
            add(
                "export", has ? 1 : 0, has ? "has export experience" : "no export experience, which the demand asks for"
            )
        }
        return (count == 0 ? 0 : sum / Double(count), parts)
    }
}
