import Dispatch
import Foundation
import RuedaCore

/// A requirement a supplier can fall short of, keeping it from a buyer's demand.
public enum GapRequirement: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A certification the demand requires or prefers.
    case certification
    /// The departments the demand is limited to, or prefers.
    case department
    /// Capacity below the quantity sought.
    case capacity
    /// Export experience the demand asks for.
    case exportExperience = "export-experience"
    /// An activity related to (same division or group), but not the class sought.
    case sector
    /// A company size the demand does not prefer.
    case size

    public var description: String {
        switch self {
        case .certification: "certification"
        case .department: "department restriction"
        case .capacity: "capacity versus quantity"
        case .exportExperience: "export experience"
        case .sector: "sector fit"
        case .size: "company size"
        }
    }
}

/// One pair that is not a candidate today and would be if the supplier closed one gap.
public struct SupplyGap: Sendable, Hashable {
    public var buyer: Int
    public var supplier: Int
    public var requirement: GapRequirement
    /// What closing it takes, e.g. `invima`, `05`, `capacity 500`, `1061`.
    public var change: String
    /// Today's score (without filters); the pair is below the minimum or stopped by a filter.
    public var score: Double
    /// The score with the gap closed, at or above the minimum.
    public var scoreIfClosed: Double
    /// Expected value of the pair with the gap closed, by the match model.
    public var expectedValue: Int64
}

/// Finds, for every buyer–supplier pair that is not a candidate, the single supplier-side changes (a certification,
/// a department, capacity, export experience, the exact activity, a preferred size) that would make it one, and
/// what the pair would then be worth. Pure and deterministic; scans pairs in parallel like ``Matcher``.
///
/// Only demand filters and score are counterfactual: a veto, the same company or no common slot are not gaps a
/// supplier can close, and a pair that needs two changes at once is not counted (each gap is one change).
public struct GapAnalysis: Sendable {
    public let scorer: PairScorer
    public let threads: Int

    public init(scorer: PairScorer, threads: Int = 2) {
        self.scorer = scorer
        self.threads = max(1, min(threads, 64))
    }

    /// Every gap of the population, by buyer, supplier and requirement.
    public func run() -> [SupplyGap] {
        let population = scorer.population
        let buyerCount = population.buyers.count
        let chunkSize = max(1, (buyerCount + threads * 8 - 1) / (threads * 8))
        let chunks = (buyerCount + chunkSize - 1) / chunkSize
        let results = GapChunks(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var found: [SupplyGap] = []
            for buyer in (chunk * chunkSize)..<min(buyerCount, (chunk + 1) * chunkSize) {
                for supplier in population.suppliers.indices { found += gaps(buyer: buyer, supplier: supplier) }
            }
            results.store(chunk, found)
        }
        return results.merged()
    }

    /// The gaps of one pair: empty when it is a candidate already, or when no single change makes it one.
    public func gaps(buyer: Int, supplier: Int) -> [SupplyGap] {
        switch scorer.evaluate(buyer: buyer, supplier: supplier) {
        case .candidate, .requested: return []
        case .filtered(let filter) where filter == .veto || filter == .sameCompany || filter == .noCommonSlot:
            return []
        case .filtered, .belowThreshold: break
        }
        guard let today = scorer.scoreIgnoringFilters(buyer: buyer, supplier: supplier) else { return [] }
        let configuration = scorer.configuration
        let weights = configuration.weights
        // The most one change can add: the whole requirements part or the rest of the sector part.
        let reach = 100 * max(weights.requirements, weights.sector * (1 - today.sector)) / weights.total
        guard today.score + reach >= configuration.minimumScore || scorer.failsDemandFilter(buyer, supplier) else {
            return []
        }
        var gaps: [SupplyGap] = []
        for (requirement, change, modified) in changes(buyer: buyer, supplier: supplier) {
            guard
                let closed = scorer.bestCombination(
                    buyer: buyer, supplier: supplier, ignoringFilters: false, supplierValue: modified),
                closed.score >= configuration.minimumScore
            else { continue }
            gaps.append(
                SupplyGap(
                    buyer: buyer, supplier: supplier, requirement: requirement, change: change, score: today.score,
                    scoreIfClosed: closed.score, expectedValue: closed.expectedValue))
        }
        return gaps
    }

    /// The single changes worth trying on this pair, each as the supplier it would make.
    func changes(buyer: Int, supplier: Int) -> [(GapRequirement, String, MatchSupplier)] {
        let b = population.buyers[buyer]
        let s = population.suppliers[supplier]
        let profile = s.profile
        var changes: [(GapRequirement, String, MatchSupplier)] = []
        var tried = Set<String>()
        func add(_ requirement: GapRequirement, _ change: String, _ supplier: MatchSupplier) {
            guard tried.insert("\(requirement.rawValue):\(change)").inserted else { return }
            changes.append((requirement, change, supplier))
        }
        for demand in b.demands {
            let wanted = demand.demand
            // Certifications: the required and preferred ones it lacks, all at once (one programme to enrol in).
            let codes = wanted.requiredCertifications + wanted.preferredCertifications
            let ids = demand.required + demand.preferred
            let missing = zip(codes, ids).filter { !profile.certifications.contains($0.1) }
            if !missing.isEmpty {
                add(
                    .certification, missing.map(\.0).joined(separator: "+"),
                    s.with(profile: profile.with(certifications: profile.certifications.union(missing.map(\.1)))))
            }
            if let department = wanted.preferredDepartments.first,
                !wanted.preferredDepartments.contains(profile.department)
            {
                add(.department, department, s.with(profile: profile.with(department: department)))
            }
            if let quantity = wanted.quantity, s.offers.contains(where: { ($0.offer.capacity ?? quantity) < quantity })
            {
                add(
                    .capacity, "capacity \(quantity)",
                    s.with(offers: s.offers.map { $0.with(capacity: max($0.offer.capacity ?? quantity, quantity)) }))
            }
            if wanted.requiresExportExperience, s.offers.contains(where: { !$0.offer.exportExperience }) {
                add(.exportExperience, "export experience", s.with(offers: s.offers.map { $0.withExportExperience() }))
            }
            if !wanted.preferredSizes.isEmpty, let size = profile.size, !wanted.preferredSizes.contains(size),
                let preferred = wanted.preferredSizes.first
            {
                add(.size, preferred.rawValue, s.with(profile: profile.with(size: preferred)))
            }
            // Sector: a related activity (same division or group, not merely the same section) that is not the
            // class sought.
            let close = min(scorer.configuration.affinity.division, scorer.configuration.affinity.group)
            for (position, code) in demand.codes.enumerated() where position < wanted.ciiu.count {
                let related = s.offers.contains { offer in
                    let best = offer.classes.map { scorer.affinity(code, $0).0 }.max() ?? 0
                    return best >= close && best < 1
                }
                let exact = s.offers.contains { $0.classes.contains(code) }
                if related && !exact {
                    add(.sector, wanted.ciiu[position], s.with(offers: s.offers.map { $0.adding(class: code) }))
                }
            }
        }
        return changes
    }

    var population: MatchPopulation { scorer.population }
}

extension PairScorer {
    /// Whether every demand of the buyer is stopped by a filter for this supplier.
    func failsDemandFilter(_ buyer: Int, _ supplier: Int) -> Bool {
        let s = population.suppliers[supplier]
        return population.buyers[buyer].demands.allSatisfy { demandFilter($0, supplier: s) != nil }
    }
}

/// Per-chunk gaps written by worker threads, each slot by exactly one thread.
private final class GapChunks: @unchecked Sendable {
    private var found: [[SupplyGap]]
    private let lock = NSLock()

    init(count: Int) { found = Array(repeating: [], count: count) }

    func store(_ chunk: Int, _ gaps: [SupplyGap]) { lock.withLock { found[chunk] = gaps } }

    func merged() -> [SupplyGap] { lock.withLock { Array(found.joined()) } }
}
