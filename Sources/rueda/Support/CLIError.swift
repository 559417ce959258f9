import Foundation
import RuedaMatching

/// A failure to report to the user and exit non-zero, with a message they can act on.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension MatchConfiguration {
    /// The configuration in a JSON file, or the defaults when no path is given.
    static func load(path: String?) throws -> MatchConfiguration {
        guard let path else { return MatchConfiguration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the match configuration '\(path)'")
        }
        return try MatchConfiguration.decode(data)
    }
}
