import ArgumentParser

/// Range checks for numeric flags, run in `validate()` so that an out-of-range value is refused before any work
/// (never clamped, never allowed to overflow later).
public enum FlagBounds {
    public static func check<Value: Comparable>(_ value: Value?, in range: ClosedRange<Value>, _ flag: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
    }

    /// Population sizes for generated data: at most a million companies of each kind and a thousand rounds.
    public static let companies: ClosedRange<Int> = 1...1_000_000
    public static let rounds: ClosedRange<Int> = 1...1_000
    /// Listing lengths (0 means all).
    public static let listing: ClosedRange<Int> = 0...10_000_000
    public static let threads: ClosedRange<Int> = 1...64
    public static let identifiers: ClosedRange<Int64> = 1...Int64.max
    public static let versions: ClosedRange<Int> = 1...Int(Int32.max)
}
