extension String {
    /// Replaces every occurrence of a substring, byte for byte in UTF-8 and without Foundation: a quote followed by a
    /// combining mark is replaced too (Character-wise matching would see one Character and miss it).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        // UTF-8 is self-synchronising: a match of a whole encoded string starts and ends on scalar boundaries, so
        // the result is valid UTF-8.
        String(decoding: Array(utf8).replacingAll(Array(target.utf8), with: Array(replacement.utf8)), as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// These bytes with every occurrence of `target` replaced, left to right, by a plain scan (the generic
    /// `firstRange(of:)` is not specialised across modules and cost more than the rest of a kept page's request).
    public func replacingAll(_ target: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard let first = target.first, count >= target.count else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        withUnsafeBufferPointer { bytes in
            var written = 0
            var index = 0
            let last = bytes.count - target.count
            while index <= last {
                if bytes[index] == first, bytes[index..<index + target.count].elementsEqual(target) {
                    result += bytes[written..<index]
                    result += replacement
                    index += target.count
                    written = index
                } else {
                    index += 1
                }
            }
            result += bytes[written...]
        }
        return result
    }
}
