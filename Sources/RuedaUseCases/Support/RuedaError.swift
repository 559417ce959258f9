import RuedaCore
import RuedaMatching
import RuedaSolver
import RuedaStore

/// A use case that cannot be carried out, with a code a client can act on and a message a person can.
public struct RuedaError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// What was named does not exist (an event, a company, a run, a version).
        case notFound
        /// The input breaks a rule; `issues` lists each problem with its row, column or field.
        case invalidInput
        /// The request contradicts the stored state (a version that is not a draft, a company already registered).
        case conflict
        /// Another command is changing the same event; try again when it ends.
        case busy
        /// The database cannot be reached or refuses the login.
        case unavailable
        /// What should change is kept unchanged by design (a published schedule, a match run, an outcome).
        case immutable
        /// The database's schema or Rueda's own files are not as they should be.
        case configuration
        /// Something unexpected failed; the details were logged.
        case failed
        /// The caller is not authenticated (no key, an unknown or revoked key, an invalid link or session).
        case unauthorized
        /// The caller may not do this (a key scoped to other rounds, a form without its token).
        case forbidden
        /// Too many requests in a short time; try again later.
        case tooManyRequests
    }

    public let code: Code
    public let message: String
    /// Every problem of an invalid input, by row and column or field.
    public let issues: [ValidationIssue]
    /// Whether details that are not fit to show were logged.
    public let detailsLogged: Bool

    public init(_ code: Code, _ message: String, issues: [ValidationIssue] = [], detailsLogged: Bool = false) {
        self.code = code
        self.message = message
        self.issues = issues
        self.detailsLogged = detailsLogged
    }

    public var description: String { message }

    /// Any error of Rueda's modules as a use-case error, so that entry points handle one type.
    public init(_ error: any Error) {
        switch error {
        case let error as RuedaError: self = error
        case let error as StoreError: self = RuedaError(store: error)
        case let error as InputError:
            self = RuedaError(.invalidInput, error.description, issues: error.issues)
        case let error as ProblemError:
            self = RuedaError(
                .invalidInput, error.description, issues: [ValidationIssue(field: error.field, reason: error.reason)])
        case let error as MatchConfigurationError:
            self = RuedaError(
                .invalidInput, error.description, issues: [ValidationIssue(field: error.field, reason: error.reason)])
        case let error as CSVError: self = RuedaError(.invalidInput, error.description)
        case let error as NITError: self = RuedaError(.invalidInput, error.description)
        case let error as FieldError: self = RuedaError(.invalidInput, error.description)
        case let error as MoneyError: self = RuedaError(.invalidInput, error.description)
        case let error as ReferenceError: self = RuedaError(.invalidInput, error.description)
        default: self = RuedaError(.failed, "unexpected failure: \(String(describing: error))")
        }
    }

    init(store error: StoreError) {
        let code: Code =
            switch error.code {
            case .badConfiguration, .migrationChanged, .migrationFailed, .notMigrated: .configuration
            case .unavailable: .unavailable
            case .notFound: .notFound
            case .conflict: .conflict
            case .busy: .busy
            case .immutable: .immutable
            case .invalidInput: .invalidInput
            case .database: .failed
            }
        self.init(code, error.message, detailsLogged: error.detailsLogged)
    }
}
