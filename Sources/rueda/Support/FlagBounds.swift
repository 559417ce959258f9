import ArgumentParser

/// Range checks for numeric flags, run in `validate()` so that an out-of-range value is refused before any work
/// (never clamped, never allowed to overflow later).
enum FlagBounds {
    static func check<Value: Comparable>(_ value: Value?, in range: ClosedRange<Value>, _ flag: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
    }

    /// Population sizes for generated data: at most a million companies of each kind and a thousand rounds.
    static let companies: ClosedRange<Int> = 1...1_000_000
    static let rounds: ClosedRange<Int> = 1...1_000
    /// Listing lengths (0 means all).
    static let listing: ClosedRange<Int> = 0...10_000_000
    static let threads: ClosedRange<Int> = 1...64
    static let identifiers: ClosedRange<Int64> = 1...Int64.max
    static let versions: ClosedRange<Int> = 1...Int(Int32.max)
}
