/// Receives the steps of a use case as they happen: the command line prints them, the HTTP service streams them.
public protocol ProgressReporter: Sendable {
    func report(_ event: ProgressEvent)
}

/// One step of a use case starting or finishing.
public struct ProgressEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case started
        case finished(Duration)
    }

    /// The step, in a few words (`load`, `match`, `store`).
    public var step: String
    public var kind: Kind

    public init(step: String, kind: Kind) {
        self.step = step
        self.kind = kind
    }
}

/// Ignores progress.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func report(_ event: ProgressEvent) {}
}

/// How long each step of a use case took, in order.
public struct Timings: Sendable, Hashable {
    public private(set) var steps: [(step: String, duration: Duration)] = []

    public init() {}

    mutating func record(_ step: String, _ duration: Duration) { steps.append((step, duration)) }

    public subscript(_ step: String) -> Duration? { steps.first { $0.step == step }?.duration }

    public static func == (lhs: Timings, rhs: Timings) -> Bool {
        lhs.steps.map(\.step) == rhs.steps.map(\.step) && lhs.steps.map(\.duration) == rhs.steps.map(\.duration)
    }

    public func hash(into hasher: inout Hasher) {
        for (step, duration) in steps {
            hasher.combine(step)
            hasher.combine(duration)
        }
    }
}

/// Times the steps of one use case and reports them.
struct Stopwatch {
    let progress: any ProgressReporter
    private(set) var timings = Timings()
    private let clock = ContinuousClock()

    init(progress: any ProgressReporter) {
        self.progress = progress
    }

    mutating func step<Result>(_ name: String, _ body: () async throws -> Result) async rethrows -> Result {
        progress.report(ProgressEvent(step: name, kind: .started))
        let started = clock.now
        let result = try await body()
        let duration = started.duration(to: clock.now)
        timings.record(name, duration)
        progress.report(ProgressEvent(step: name, kind: .finished(duration)))
        return result
    }
}
