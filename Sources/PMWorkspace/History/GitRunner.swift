import Foundation

/// Runs one `git` child process in a folder and collects its standard output, up to a bound.
public enum GitRunner {
    /// What a run of git produced.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        /// Whether output was cut at the bound (the process was then stopped).
        public var truncated: Bool
    }

    /// The default bound on output: 512 MiB.
    public static let defaultLimit = 512 << 20

    /// Runs `git ARGUMENTS` in `folder` (environment `environment`, with git's own configuration of the user
    /// and none of its pagers or colours); nil when git cannot be started.
    public static func run(
        _ arguments: [String], in folder: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        limit: Int = defaultLimit
    ) -> Output? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "core.quotePath=false", "-c", "color.ui=false"] + arguments
        var environment = environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        var bytes: [UInt8] = []
        var truncated = false
        let handle = out.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            if bytes.count + chunk.count > limit {
                truncated = true
                process.terminate()
                break
            }
            bytes.append(contentsOf: chunk)
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: bytes, truncated: truncated)
    }
}
