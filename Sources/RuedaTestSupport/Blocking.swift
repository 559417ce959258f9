import Foundation

/// Blocking work of a test (waiting for a child process, reading its pipes) run on a thread of its own.
///
/// Swift's cooperative pool has one thread per core. On a 2-core machine, two suites blocked in `waitUntilExit`
/// hold the whole pool, and every other suite's task waits behind them: a test that watches a deadline then sees
/// its time run out without having run. Blocking here leaves the pool free.
public enum Blocking {
    /// Runs `body` on a new thread and resumes the caller with its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Waits for `process` to exit without holding a cooperative thread.
    public static func exit(of process: Process) async {
        let box = UncheckedProcess(process)
        _ = try? await run { box.process.waitUntilExit() }
    }

    /// Reads `handle` to its end without holding a cooperative thread.
    public static func readToEnd(_ handle: FileHandle) async -> Data {
        let box = UncheckedHandle(handle)
        return (try? await run { box.handle.readDataToEndOfFile() }) ?? Data()
    }

    /// A process handed to the waiting thread; only that thread touches it until the wait ends.
    private struct UncheckedProcess: @unchecked Sendable {
        let process: Process
        init(_ process: Process) { self.process = process }
    }

    /// A file handle handed to the reading thread; only that thread touches it until the read ends.
    private struct UncheckedHandle: @unchecked Sendable {
        let handle: FileHandle
        init(_ handle: FileHandle) { self.handle = handle }
    }
}
