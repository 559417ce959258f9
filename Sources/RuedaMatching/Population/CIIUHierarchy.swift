import RuedaCore

/// A CIIU code placed in the hierarchy: its depth and the ids of itself and its ancestors. Holds no string, so
/// that the scoring loop copies it without reference counting; ``CIIUHierarchy/code(of:)`` gives the code back.
struct CIIUNode: Sendable, Hashable {
    /// 0 section, 1 division, 2 group, 3 class.
    let depth: Int
    /// Ids of the section, division, group and class containing the code; -1 below its depth.
    let path: (Int32, Int32, Int32, Int32)

    func id(atDepth depth: Int) -> Int32 {
        switch depth {
        case 0: path.0
        case 1: path.1
        case 2: path.2
        default: path.3
        }
    }

    var id: Int32 { id(atDepth: depth) }

    /// Whether `other` lies within this code (or is it).
    func contains(_ other: CIIUNode) -> Bool {
        other.depth >= depth && other.id(atDepth: depth) == id
    }

    static func == (lhs: CIIUNode, rhs: CIIUNode) -> Bool { lhs.id == rhs.id && lhs.depth == rhs.depth }
    func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// The CIIU catalogue as integer paths, for comparing codes without strings.
struct CIIUHierarchy: Sendable {
    private let nodes: [String: CIIUNode]
    private let codes: [String]
    let titles: [String: String]

    init(_ catalog: CIIUCatalog) {
        var ids: [String: Int32] = [:]
        for (index, activity) in catalog.ordered.enumerated() { ids[activity.code] = Int32(index) }
        var nodes: [String: CIIUNode] = [:]
        for activity in catalog.ordered {
            let depth =
                switch activity.level {
                case .section: 0
                case .division: 1
                case .group: 2
                case .class: 3
                }
            let path = (
                ids[activity.section] ?? -1, activity.division.flatMap { ids[$0] } ?? -1,
                activity.group.flatMap { ids[$0] } ?? -1, depth == 3 ? ids[activity.code] ?? -1 : -1
            )
            nodes[activity.code] = CIIUNode(depth: depth, path: path)
        }
        self.nodes = nodes
        self.codes = catalog.ordered.map(\.code)
        self.titles = Dictionary(catalog.ordered.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a })
    }

    /// The node of a code as stored (`1011`, `101`, `10`, `C`), or nil when the catalogue does not know it.
    func node(_ code: String) -> CIIUNode? { nodes[code] }

    /// The code of a node (`1061`, `106`, `10`, `C`).
    func code(of node: CIIUNode) -> String {
        let id = Int(node.id)
        return codes.indices.contains(id) ? codes[id] : ""
    }

    /// The code at one depth of a node's path (its section, division or group).
    func code(of node: CIIUNode, atDepth depth: Int) -> String {
        let id = Int(node.id(atDepth: depth))
        return codes.indices.contains(id) ? codes[id] : ""
    }
}

/// A set of slot numbers as a bit set, for a constant-time "any common slot" test.
struct SlotSet: Sendable, Hashable {
    private(set) var words: [UInt64]

    init(_ slots: [Int]) {
        var words: [UInt64] = []
        for slot in slots where slot >= 0 {
            let word = slot / 64
            if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
            words[word] |= 1 << UInt64(slot % 64)
        }
        self.words = words
    }

    func intersects(_ other: SlotSet) -> Bool {
        for index in 0..<min(words.count, other.words.count) where words[index] & other.words[index] != 0 {
            return true
        }
        return false
    }

}
