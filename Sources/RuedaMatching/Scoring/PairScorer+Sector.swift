/// How a demand's sector met an offer's.
public enum SectorMatch: Sendable, Hashable {
    /// The offer's class lies within the code the demand names (the same class, or a class in a named group).
    case covered(demandCode: String, offerClass: String)
    /// Both sit under the same group, division or section.
    case shared(level: String, code: String, demandCode: String, offerClass: String)
    /// A complementary-sector rule.
    case complementary(rule: Int, note: String, offerClass: String)
}

extension PairScorer {
    /// Sector affinity in [0, 1] of a demand and an offer, and what produced it.
    func sectorAffinity(buyer: Int, demand: Int, offer: MatchOffer) -> (value: Double, match: SectorMatch?) {
        let codes = population.buyers[buyer].demands[demand].codes
        let hierarchy = population.hierarchy
        var best = 0.0
        var match: SectorMatch?
        for code in codes {
            for offered in offer.classes {
                let (value, level) = affinity(code, offered)
                if value > best {
                    best = value
                    match =
                        level == code.depth
                        ? .covered(demandCode: hierarchy.code(of: code), offerClass: hierarchy.code(of: offered))
                        : .shared(
                            level: Self.levelNames[level], code: hierarchy.code(of: offered, atDepth: level),
                            demandCode: hierarchy.code(of: code), offerClass: hierarchy.code(of: offered))
                }
            }
        }
        for target in complements[buyer] where target.affinity > best {
            if let offered = offer.classes.first(where: { target.node.contains($0) }) {
                best = target.affinity
                match = .complementary(
                    rule: target.rule, note: configuration.complementarySectors[target.rule].note,
                    offerClass: hierarchy.code(of: offered))
            }
        }
        return (best, match)
    }

    /// Sector affinity of a demand and an offer without the explanation: the hot path of a batch run. Must return
    /// exactly `sectorAffinity(buyer:demand:offer:).value`.
    func sectorValue(buyer: Int, demand: MatchDemand, offer: MatchOffer) -> Double {
        var best = 0.0
        for code in demand.codes {
            for offered in offer.classes {
                let value = affinity(code, offered).0
                if value > best { best = value }
            }
        }
        for target in complements[buyer] where target.affinity > best {
            if offer.classes.contains(where: { target.node.contains($0) }) { best = target.affinity }
        }
        return best
    }

    /// Affinity of a demanded code and an offered class, with the depth of their deepest common code.
    func affinity(_ demanded: CIIUNode, _ offered: CIIUNode) -> (Double, Int) {
        var depth = demanded.depth
        while depth >= 0 {
            if offered.depth >= depth && offered.id(atDepth: depth) == demanded.id(atDepth: depth) {
                return (depth == demanded.depth ? 1 : levelAffinity(depth), depth)
            }
            depth -= 1
        }
        return (0, -1)
    }

    /// The configured affinity for codes sharing only the given depth (0 section, 1 division, 2 group).
    func levelAffinity(_ depth: Int) -> Double {
        switch depth {
        case 0: configuration.affinity.section
        case 1: configuration.affinity.division
        case 2: configuration.affinity.group
        default: 1
        }
    }

    static let levelNames = ["section", "division", "group", "class"]
}
