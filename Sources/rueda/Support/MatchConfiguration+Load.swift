import Foundation
import RuedaMatching

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
