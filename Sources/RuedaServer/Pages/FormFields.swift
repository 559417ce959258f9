import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body: repeated names (checkboxes) keep every value.
struct FormFields: Sendable {
    private(set) var values: [String: [String]] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            values[name, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// A form posted to the service, up to 64 KiB.
    static func read(_ request: Request) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: 65_536)
        return FormFields(String(buffer: buffer))
    }

    subscript(_ name: String) -> String { values[name]?.first ?? "" }

    func all(_ name: String) -> [String] { values[name] ?? [] }
}
