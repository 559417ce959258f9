import RuedaCore

/// Copies with one thing changed, for counterfactual scoring (what if the supplier closed a gap).
extension MatchSupplier {
    func with(profile: MatchCompanyProfile) -> MatchSupplier { MatchSupplier(profile: profile, offers: offers) }
    func with(offers: [MatchOffer]) -> MatchSupplier { MatchSupplier(profile: profile, offers: offers) }
}

extension MatchCompanyProfile {
    func with(certifications: Set<Int32>) -> MatchCompanyProfile {
        MatchCompanyProfile(
            nit: nit, name: name, department: department, region: region, size: size, certifications: certifications,
            activities: activities, availability: availability)
    }

    func with(department: String) -> MatchCompanyProfile {
        MatchCompanyProfile(
            nit: nit, name: name, department: department, region: region, size: size, certifications: certifications,
            activities: activities, availability: availability)
    }

    func with(size: CompanySize) -> MatchCompanyProfile {
        MatchCompanyProfile(
            nit: nit, name: name, department: department, region: region, size: size, certifications: certifications,
            activities: activities, availability: availability)
    }
}

extension MatchOffer {
    func with(capacity: Int) -> MatchOffer {
        var offer = self.offer
        offer.capacity = capacity
        return MatchOffer(position: position, offer: offer, classes: classes, vector: vector)
    }

    func withExportExperience() -> MatchOffer {
        var offer = self.offer
        offer.exportExperience = true
        return MatchOffer(position: position, offer: offer, classes: classes, vector: vector)
    }

    func adding(class node: CIIUNode) -> MatchOffer {
        MatchOffer(position: position, offer: offer, classes: classes + [node], vector: vector)
    }
}
