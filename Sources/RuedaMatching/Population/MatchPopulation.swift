import RuedaCore

/// An event's buyers and suppliers prepared for matching: codes, text and requirements turned into integer ids and
/// vectors once, so that scoring a pair touches no strings.
///
/// Buyers and suppliers are sorted by NIT, so the same enrolment gives the same indices and the same results.
public struct MatchPopulation: Sendable {
    public let buyers: [MatchBuyer]
    public let suppliers: [MatchSupplier]
    let vocabulary: TermVocabulary
    let hierarchy: CIIUHierarchy
    /// Stated interest by pair, keyed by `buyer * suppliers.count + supplier`.
    let interest: [Int: PairInterest]
    let buyerIndex: [NIT: Int]
    let supplierIndex: [NIT: Int]

    /// Prepares an event's participants; participants of role `participant` take no part in buyer–supplier matching.
    public init(
        participants: [Participant], companies: [NIT: Company], requests: [MeetingRequest], reference: ReferenceData
    ) {
        let hierarchy = CIIUHierarchy(reference.ciiu)
        let regions = Dictionary(uniqueKeysWithValues: reference.departments.ordered.map { ($0.code, $0.region) })
        var certificationIds: [String: Int32] = [:]
        func certificationId(_ code: String) -> Int32 {
            if let id = certificationIds[code] { return id }
            let id = Int32(certificationIds.count)
            certificationIds[code] = id
            return id
        }
        let buyerParticipants = participants.filter { $0.role == .buyer }.sorted { $0.nit.base < $1.nit.base }
        let supplierParticipants = participants.filter { $0.role == .supplier }.sorted { $0.nit.base < $1.nit.base }

        var vocabulary = TermVocabulary()
        let demandTerms = buyerParticipants.map { $0.demands.map { SpanishText.terms($0.keywords) } }
        let offerTerms = supplierParticipants.map { $0.offers.map { SpanishText.terms($0.products) } }
        for terms in demandTerms.joined() { vocabulary.add(document: terms) }
        for terms in offerTerms.joined() { vocabulary.add(document: terms) }

        func profile(_ participant: Participant) -> MatchCompanyProfile {
            let company = companies[participant.nit]
            let department = company?.departmentCode ?? ""
            return MatchCompanyProfile(
                nit: participant.nit, name: company?.name ?? participant.nit.description, department: department,
                region: regions[department] ?? "", size: company?.size,
                certifications: Set((company?.certifications ?? []).map(certificationId)),
                activities: (company?.activities ?? []).compactMap(hierarchy.node),
                availability: SlotSet(participant.availableSlots))
        }

        buyers = buyerParticipants.enumerated().map { index, participant in
            let profile = profile(participant)
            let demands = participant.demands.enumerated().map { position, demand in
                MatchDemand(
                    position: position, demand: demand, codes: demand.ciiu.compactMap(hierarchy.node),
                    vector: vocabulary.vector(demandTerms[index][position]),
                    required: demand.requiredCertifications.map(certificationId),
                    preferred: demand.preferredCertifications.map(certificationId),
                    preferredRegions: Set(demand.preferredDepartments.compactMap { regions[$0] }))
            }
            return MatchBuyer(profile: profile, demands: demands)
        }
        suppliers = supplierParticipants.enumerated().map { index, participant in
            let offers = participant.offers.enumerated().map { position, offer in
                MatchOffer(
                    position: position, offer: offer, classes: offer.ciiu.compactMap(hierarchy.node),
                    vector: vocabulary.vector(offerTerms[index][position]))
            }
            return MatchSupplier(profile: profile(participant), offers: offers)
        }
        let buyerIndex = Dictionary(buyers.enumerated().map { ($1.profile.nit, $0) }, uniquingKeysWith: { a, _ in a })
        let supplierIndex = Dictionary(
            suppliers.enumerated().map { ($1.profile.nit, $0) }, uniquingKeysWith: { a, _ in a })
        var interest: [Int: PairInterest] = [:]
        for request in requests {
            if let buyer = buyerIndex[request.from], let supplier = supplierIndex[request.to] {
                interest[buyer * suppliers.count + supplier, default: PairInterest()].fromBuyer = request.level
            } else if let supplier = supplierIndex[request.from], let buyer = buyerIndex[request.to] {
                interest[buyer * suppliers.count + supplier, default: PairInterest()].fromSupplier = request.level
            }
        }
        self.vocabulary = vocabulary
        self.hierarchy = hierarchy
        self.interest = interest
        self.buyerIndex = buyerIndex
        self.supplierIndex = supplierIndex
    }

    /// The index of a buyer or supplier by NIT.
    public func buyer(_ nit: NIT) -> Int? { buyerIndex[nit] }
    public func supplier(_ nit: NIT) -> Int? { supplierIndex[nit] }

    func interest(buyer: Int, supplier: Int) -> PairInterest {
        guard !interest.isEmpty else { return PairInterest() }
        return interest[buyer * suppliers.count + supplier] ?? PairInterest()
    }

    /// The word behind a term id, for explanations.
    func word(_ term: Int32) -> String { vocabulary.words[Int(term)] }
}

/// What both sides said about meeting each other.
struct PairInterest: Sendable, Hashable {
    var fromBuyer: InterestLevel?
    var fromSupplier: InterestLevel?

    var isVeto: Bool { fromBuyer == .no || fromSupplier == .no }
    var hasMust: Bool { fromBuyer == .must || fromSupplier == .must }
    var isPositive: Bool {
        !isVeto && (fromBuyer == .must || fromBuyer == .like || fromSupplier == .must || fromSupplier == .like)
    }
}

/// The parts of a company that matter for matching.
public struct MatchCompanyProfile: Sendable {
    public let nit: NIT
    public let name: String
    public let department: String
    public let region: String
    public let size: CompanySize?
    let certifications: Set<Int32>
    let activities: [CIIUNode]
    let availability: SlotSet
}

/// A buyer with its demands.
public struct MatchBuyer: Sendable {
    public let profile: MatchCompanyProfile
    let demands: [MatchDemand]
}

/// A supplier with its offers.
public struct MatchSupplier: Sendable {
    public let profile: MatchCompanyProfile
    let offers: [MatchOffer]
}

struct MatchDemand: Sendable {
    let position: Int
    let demand: Demand
    let codes: [CIIUNode]
    let vector: TermVector
    let required: [Int32]
    let preferred: [Int32]
    let preferredRegions: Set<String>
}

struct MatchOffer: Sendable {
    let position: Int
    let offer: Offer
    let classes: [CIIUNode]
    let vector: TermVector
}
