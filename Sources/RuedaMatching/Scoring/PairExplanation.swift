/// Why a pair scored as it did, or why it was filtered out, in words an organiser can act on.
public struct PairExplanation: Sendable {
    public var verdict: PairVerdict
    /// Every filter the pair fails.
    public var filters: [PairFilter]
    /// The score the pair has, or would have without its filters.
    public var score: PairScore?
    /// One line per score part.
    public var reasons: [String]
    public var minimumScore: Double
}

extension PairScorer {
    /// Explains the verdict on a pair, recomputing it with the same functions the batch run uses.
    public func explain(buyer: Int, supplier: Int) -> PairExplanation {
        let verdict = evaluate(buyer: buyer, supplier: supplier)
        let score = verdict.score ?? scoreIgnoringFilters(buyer: buyer, supplier: supplier)
        var explanation = PairExplanation(
            verdict: verdict, filters: filters(buyer: buyer, supplier: supplier), score: score, reasons: [],
            minimumScore: configuration.minimumScore)
        guard let score else { return explanation }
        explanation.reasons = reasons(buyer: buyer, supplier: supplier, score: score)
        return explanation
    }

    /// The score parts of a pair's best demand–offer combination as short sentences, as stored with candidates.
    public func reasons(buyer: Int, supplier: Int, score: PairScore) -> [String] {
        let b = population.buyers[buyer]
        let s = population.suppliers[supplier]
        guard let demandIndex = b.demands.firstIndex(where: { $0.position == score.demandPosition }),
            let offer = s.offers.first(where: { $0.position == score.offerPosition })
        else { return [] }
        let demand = b.demands[demandIndex]
        var lines: [String] = []

        let sector = sectorAffinity(buyer: buyer, demand: demandIndex, offer: offer)
        let titles = population.hierarchy.titles
        switch sector.match {
        case .covered(let demanded, let offered)?:
            lines.append(
                "sector \(percent(sector.value)): offers \(offered) (\(titles[offered] ?? "")), within demanded \(demanded)"
            )
        case .shared(let level, let code, let demanded, let offered)?:
            lines.append(
                "sector \(percent(sector.value)): offered \(offered) and demanded \(demanded) share \(level) \(code)"
                    + " (\(titles[code] ?? ""))")
        case .complementary(_, let note, let offered)?:
            lines.append("sector \(percent(sector.value)): complementary sector, \(note) (offers \(offered))")
        case nil:
            lines.append("sector 0%: no CIIU code in common or complementary")
        }

        let shared = demand.vector.sharedTerms(offer.vector).map(population.word).sorted()
        lines.append(
            shared.isEmpty
                ? "products 0%: no term in common"
                : "products \(percent(score.product)): shared terms \(shared.joined(separator: ", "))")

        let requirements = requirementsFit(demand: demand, buyer: b, supplier: s, offer: offer, explain: true)
        let details = requirements.parts.map { "\($0.name) \(percent($0.value)) \($0.detail)" }
        lines.append("requirements \(percent(requirements.value)): " + details.joined(separator: "; "))

        let interest = population.interest(buyer: buyer, supplier: supplier)
        let said = [
            interest.fromBuyer.map { "buyer says \($0.rawValue)" },
            interest.fromSupplier.map { "supplier says \($0.rawValue)" },
        ].compactMap { $0 }
        lines.append(
            said.isEmpty
                ? "interest 0%: no request either way"
                : "interest \(percent(score.interest)): \(said.joined(separator: ", "))")
        lines.append(
            "expected value COP \(score.expectedValue): probability \(percent(score.probability)) × deal size COP \(score.dealSize)"
        )
        return lines
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
