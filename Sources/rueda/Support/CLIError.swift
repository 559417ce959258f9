/// A failure to report to the user and exit non-zero, with a message they can act on.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
