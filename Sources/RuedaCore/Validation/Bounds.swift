/// The range of every number a user can give Rueda, checked where the number enters (a CSV cell, a flag, a JSON
/// field, an HTTP request), so that no later sum, product or conversion can overflow. `docs/reliability.md` lists
/// them with the reasons.
///
/// The ranges are generous for real programmes and refuse only what is certainly a typo or an attack.
public enum Bounds {
    /// One amount of money in whole pesos: up to a thousand billones (10^15 COP), above any single deal, budget or
    /// price. Sums of many amounts saturate at `Int64.max` instead of trapping.
    public static let pesos: ClosedRange<Int64> = 0...1_000_000_000_000_000
    /// Units sought or offered: up to a thousand million (10^9).
    public static let units: ClosedRange<Int> = 1...1_000_000_000
    /// A company's meeting limit in one round.
    public static let maxMeetings: ClosedRange<Int> = 1...10_000
    /// A company's minimum number of meetings in one round.
    public static let minMeetings: ClosedRange<Int> = 0...10_000
    /// People a company sends to meet in parallel: 20 is a large delegation, 300 is a mistake.
    public static let delegates: ClosedRange<Int> = 1...50
    /// Tables or virtual rooms of a round.
    public static let tables: ClosedRange<Int> = 1...100_000
    /// Slots of a round, across all its days: the scheduling solver works on up to 64.
    public static let slotsPerEvent: ClosedRange<Int> = 1...64
    /// Days of a round.
    public static let daysPerEvent: ClosedRange<Int> = 1...64
    /// Length of one meeting in minutes.
    public static let slotMinutes: ClosedRange<Int> = 5...240
    /// A name (company, event, contact): characters.
    public static let nameLength = 200
    /// A free text (description, products, keywords, note): characters.
    public static let textLength = 4_000
    /// One CSV cell, in bytes, before it is decoded.
    public static let cellBytes = 65_536
    /// An import file, in bytes (the 102,081-company directory is about 30 MB).
    public static let fileBytes = 256 * 1_048_576
    /// Data rows of an import file.
    public static let fileRows = 2_000_000

    /// `value` if it lies in `range`, else a message naming the range, for validators.
    public static func check<Value: Comparable>(
        _ value: Value, in range: ClosedRange<Value>, _ what: String = "must be"
    ) -> String? {
        range.contains(value) ? nil : "\(what) between \(range.lowerBound) and \(range.upperBound)"
    }
}

extension Int64 {
    /// The sum, or `Int64.max` / `Int64.min` where it would overflow: totals of stored amounts never trap.
    public func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// The product, or `Int64.max` / `Int64.min` where it would overflow.
    public func multipliedSaturating(by other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }

    /// The nearest whole number to `value`, clamped to `Int64`'s range; NaN is 0.
    public init(clamping value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 0x1p63 {
            self = .max
        } else if value <= -0x1p63 {
            self = .min
        } else {
            self = Int64(value.rounded())
        }
    }
}

extension Sequence {
    /// The saturating sum of an amount taken from each element.
    public func saturatingSum(_ amount: (Element) -> Int64) -> Int64 {
        reduce(Int64(0)) { $0.addingSaturating(amount($1)) }
    }
}
