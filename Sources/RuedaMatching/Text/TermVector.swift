import Foundation

/// A unit-length TF-IDF vector over an event's vocabulary, stored as sorted term ids and weights.
public struct TermVector: Sendable, Hashable {
    public private(set) var terms: [Int32]
    public private(set) var weights: [Double]

    init(terms: [Int32], weights: [Double]) {
        self.terms = terms
        self.weights = weights
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Cosine similarity in [0, 1]: the dot product of the two unit vectors.
    public func cosine(_ other: TermVector) -> Double {
        var left = 0
        var right = 0
        var sum = 0.0
        while left < terms.count && right < other.terms.count {
            let a = terms[left]
            let b = other.terms[right]
            if a == b {
                sum += weights[left] * other.weights[right]
                left += 1
                right += 1
            } else if a < b {
                left += 1
            } else {
                right += 1
            }
        }
        return min(1, sum)
    }

    /// Term ids present in both vectors.
    public func sharedTerms(_ other: TermVector) -> [Int32] {
        let mine = Set(terms)
        return other.terms.filter { mine.contains($0) }
    }
}

/// The vocabulary of an event's demands and offers with document frequencies, for TF-IDF weighting.
///
/// Terms are weighted by `tf × ln(1 + N / df)`, where N is the number of documents, so a term every supplier uses
/// ("productos") weighs less than one few use ("panela").
public struct TermVocabulary: Sendable {
    public private(set) var ids: [String: Int32] = [:]
    public private(set) var words: [String] = []
    private var documentFrequency: [Int] = []
    private var documents = 0

    public init() {}

    /// Counts one document's terms; call for every demand and offer before building vectors.
    public mutating func add(document terms: [String]) {
        documents += 1
        // Terms are interned in order of appearance, never in Set order (which varies between Set instances), so
        // the same documents always get the same ids and the same floating-point sums.
        var seen = Set<Int32>()
        for term in terms {
            let id = intern(term)
            if seen.insert(id).inserted { documentFrequency[Int(id)] += 1 }
        }
    }

    private mutating func intern(_ term: String) -> Int32 {
        if let id = ids[term] { return id }
        let id = Int32(words.count)
        ids[term] = id
        words.append(term)
        documentFrequency.append(0)
        return id
    }

    /// Inverse document frequency of a term id.
    public func idf(_ id: Int32) -> Double {
        let df = max(1, documentFrequency[Int(id)])
        return log1p(Double(max(documents, 1)) / Double(df))
    }

    /// The unit TF-IDF vector of a document; terms not in the vocabulary are ignored.
    public func vector(_ terms: [String]) -> TermVector {
        var counts: [Int32: Int] = [:]
        for term in terms {
            if let id = ids[term] { counts[id, default: 0] += 1 }
        }
        let sorted = counts.keys.sorted()
        var weights = sorted.map { Double(counts[$0] ?? 0) * idf($0) }
        let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { weights = weights.map { $0 / norm } }
        return TermVector(terms: sorted, weights: weights)
    }
}
