import Foundation

/// Runs a program to its end with posix_spawn and waitpid, its output in temporary files. Foundation's `Process`
/// can miss the end of a child that leaves a daemon behind (starting PostgreSQL does), and then waits forever.
enum Spawn {
    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(
        _ program: String, _ arguments: [String], environment: [String: String],
        directory: String? = nil
    ) throws -> Result {
        let folder = FileManager.default.temporaryDirectory
        let out = folder.appendingPathComponent("rueda-spawn-\(UUID().uuidString).out")
        let err = folder.appendingPathComponent("rueda-spawn-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // In another folder through the shell, which keeps its arguments as they are.
        let words: [String] =
            directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, program] + arguments }
            ?? [program] + arguments
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, words[0], &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(description: "cannot run \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Result(
            status: status & 0x7F == 0 ? (status >> 8) & 0xFF : -(status & 0x7F),
            output: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            error: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Starts a program in the background, its output discarded and its errors in `errors` (when given), and
    /// returns its process id.
    static func start(
        _ program: String, _ arguments: [String], environment: [String: String], errors: String? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(description: "cannot run \(program): error \(spawned)") }
        return pid
    }

    /// The exit status of a process started with ``start(_:_:environment:errors:)`` if it has ended (it is then
    /// reaped), or nil while it runs.
    static func exited(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        var reaped = waitpid(pid, &status, WNOHANG)
        while reaped < 0 && errno == EINTR { reaped = waitpid(pid, &status, WNOHANG) }
        guard reaped == pid else { return nil }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -(status & 0x7F)
    }

    /// Kills a process started with ``start(_:_:environment:errors:)`` with SIGKILL and reaps it.
    static func kill9(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }
}
