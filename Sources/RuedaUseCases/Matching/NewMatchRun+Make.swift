import Foundation
import RuedaCore
import RuedaMatching
import RuedaStore

extension NewMatchRun {
    /// The rows to store for a matcher's result: company identities, each candidate's score basis, the misses.
    static func make(
        _ result: MatchResult, scorer: PairScorer, ids: [NIT: CompanyID], options: MatchOptions,
        event: StoredEvent, startedAt: Date, finishedAt: Date
    ) throws -> NewMatchRun {
        let population = scorer.population
        func id(_ nit: NIT) throws -> CompanyID {
            guard let id = ids[nit] else {
                throw RuedaError(.conflict, "company \(nit) is not enrolled in \(event.spec.code) any more")
            }
            return id
        }
        // Company ids by index, resolved once; each candidate's row (with its score basis) is made while copying.
        let buyerIDs = try population.buyers.map { try id($0.profile.nit) }
        let supplierIDs = try population.suppliers.map { try id($0.profile.nit) }
        let kept = result.candidates
        let candidates = NewMatchRun.CandidateRows(count: kept.count) { index in
            let candidate = kept[index]
            let basis = scorer.basis(buyer: candidate.buyer, supplier: candidate.supplier, score: candidate.score)
            return NewMatchRun.Candidate(
                buyer: buyerIDs[candidate.buyer], supplier: supplierIDs[candidate.supplier], score: candidate.score,
                rankForBuyer: candidate.rankForBuyer, rankForSupplier: candidate.rankForSupplier,
                sectorBasis: basis.sector, sharedTerms: basis.sharedTerms)
        }
        let misses = try result.nearestMisses.map { miss in
            let (company, counterpart) =
                miss.side == .buyer
                ? (population.buyers[miss.participant].profile.nit, population.suppliers[miss.counterpart].profile.nit)
                : (population.suppliers[miss.participant].profile.nit, population.buyers[miss.counterpart].profile.nit)
            return NewMatchRun.Miss(
                company: try id(company), role: miss.side == .buyer ? .buyer : .supplier, rank: miss.rank,
                counterpart: try id(counterpart), score: miss.score, filters: miss.filters.map(\.rawValue))
        }
        let requests = try result.requests.map { fate in
            NewMatchRun.Request(
                buyer: try id(population.buyers[fate.buyer].profile.nit),
                supplier: try id(population.suppliers[fate.supplier].profile.nit),
                requestedBy: fate.requestedBy == .buyer ? .buyer : .supplier, level: fate.level, fate: fate.outcome,
                filter: fate.filter, score: fate.score)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var run = NewMatchRun(
            event: event, configVersion: scorer.configuration.version, configuration: scorer.configuration.encoded(),
            options: try encoder.encode(options), startedAt: startedAt, finishedAt: finishedAt,
            buyers: population.buyers.count, suppliers: population.suppliers.count,
            pairsTotal: Int64(result.pairsTotal), pairsScored: Int64(result.pairsScored),
            candidatesFound: result.candidatesFound, buyersWithout: result.buyersWithout.count,
            suppliersWithout: result.suppliersWithout.count,
            expectedValue: result.candidates.saturatingSum(\.score.expectedValue), candidates: [], misses: misses)
        run.candidates = candidates
        run.requests = requests
        return run
    }
}
