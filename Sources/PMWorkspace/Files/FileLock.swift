import Foundation
import PMDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on one file, taken the way git locks its files: `FILE.lock` is created beside the
/// file with `O_CREAT | O_EXCL`, holding who took it (process id, host, time, command), and removed when
/// the lock is released.
///
/// Every command that rewrites a file holds its lock from reading the file to renaming the new version
/// over it (``FileWriter/withLock(on:displayPath:policy:_:)``; ``FileWriter/replace(_:expected:with:holding:)``
/// takes the lock as a parameter), so two writers never both read the old bytes. A writer that finds the
/// lock taken waits a little (a bounded number of retries) and then refuses. A lock left behind by a
/// process that is gone, or older than any edit takes, is reported with how to remove it; pm never
/// breaks a lock itself. The lock is removed on every way out: return, thrown error, release, and the
/// signals that end a process (interrupt, terminate, hang-up, quit).
public final class FileLock: @unchecked Sendable {
    /// How long a writer waits for a lock, and when a lock is considered left behind.
    public struct Policy: Sendable {
        /// How many more times to try after the first.
        public var retries: Int
        /// The pause between tries, in seconds, picked at random in this range so waiters do not move in step.
        public var pause: ClosedRange<Double>
        /// A lock older than this (seconds) whose process cannot be checked (it was taken on another host, or
        /// its file holds no process id) was left behind: no edit holds a lock that long.
        public var staleAfter: Double

        public init(retries: Int, pause: ClosedRange<Double>, staleAfter: Double) {
            self.retries = retries
            self.pause = pause
            self.staleAfter = staleAfter
        }

        /// About ten seconds of waiting; a lock a minute old is stale.
        public static let standard = Policy(retries: 400, pause: 0.005...0.045, staleAfter: 60)
        /// One try: for a cache, which a process that holds the lock is already writing.
        public static let noWait = Policy(retries: 0, pause: 0...0, staleAfter: 60)
    }

    /// The locked file (symbolic links resolved: the file that is replaced).
    public let path: String
    /// The lock file, `path` + `.lock`.
    public let lockPath: String
    private let slot: Int?
    private var isHeld = true
    private let mutex = NSLock()

    private init(path: String, lockPath: String, slot: Int?) {
        self.path = path
        self.lockPath = lockPath
        self.slot = slot
    }

    deinit { release() }

    /// The lock file of `path`.
    public static func lockPath(for path: String) -> String { path + ".lock" }

    /// Takes the lock on `path` (waiting as `policy` says), or throws why it cannot.
    /// - Parameter displayPath: how messages name the file (as the user would type it); `path` when nil.
    public static func acquire(_ path: String, displayPath: String? = nil, policy: Policy = .standard)
        throws(LockError) -> FileLock
    {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let lockPath = lockPath(for: target)
        let shown = displayPath ?? path
        var retriesLeft = policy.retries
        while true {
            let descriptor = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                let slot = HeldLocks.add(lockPath)
                let failure = FileWriter.writeAll(Array(Holder.current().text.utf8), to: descriptor)
                close(descriptor)
                let lock = FileLock(path: target, lockPath: lockPath, slot: slot)
                if let failure {
                    lock.release()
                    throw .cannotLock(path: shown, reason: failure)
                }
                return lock
            }
            guard errno == EEXIST else { throw .cannotLock(path: shown, reason: String(cString: strerror(errno))) }
            let holder = Holder.read(lockPath)
            if let holder, let reason = holder.staleness(policy: policy) {
                throw .stale(
                    path: shown, lockPath: Self.lockPath(for: shown), holder: holder.description, reason: reason)
            }
            guard retriesLeft > 0 else {
                throw .busy(
                    path: shown, lockPath: Self.lockPath(for: shown), holder: holder?.description ?? "another process")
            }
            retriesLeft -= 1
            usleep(useconds_t(Double.random(in: policy.pause) * 1_000_000))
        }
    }

    /// Removes the lock file (once; later calls do nothing).
    public func release() {
        mutex.lock()
        defer { mutex.unlock() }
        guard isHeld else { return }
        isHeld = false
        unlink(lockPath)
        if let slot { HeldLocks.remove(slot) }
    }

    /// Whether this lock is still held, on `path` (after resolving symbolic links).
    public func holds(_ path: String) -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        return isHeld && URL(fileURLWithPath: path).resolvingSymlinksInPath().path == self.path
    }
}

/// Why a lock could not be taken; nothing was changed.
public enum LockError: Error, UserFacingError, Sendable, Equatable {
    /// Another process held the lock for as long as pm waited.
    case busy(path: String, lockPath: String, holder: String)
    /// A lock was left behind (its process is gone, or it is too old).
    case stale(path: String, lockPath: String, holder: String, reason: String)
    /// The lock file could not be created (permissions, a read-only folder).
    case cannotLock(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .busy(let path, let lockPath, let holder):
            return
                "\(path) is locked (\(lockPath)): \(holder) is changing it, and it stayed locked while pm waited; "
                + "nothing was changed, run the command again"
        case .stale(let path, let lockPath, let holder, let reason):
            return
                "\(path) is locked by \(lockPath), left by \(holder), \(reason); pm does not remove a lock it did not "
                + "take: if no pm is changing the file, remove it (rm '\(lockPath)') and run the command again; "
                + "nothing was changed"
        case .cannotLock(let path, let reason):
            return "\(path) cannot be locked for editing (\(reason)); nothing was changed"
        }
    }

    public var isUsageMistake: Bool { false }
}

/// Who holds a lock, as written in the lock file.
private struct Holder {
    var pid: Int32?
    var host: String?
    var since: Date?
    var command: String?
    /// The lock file's age in seconds, from its modification time.
    var age: Double

    static func current() -> Holder {
        Holder(
            pid: getpid(), host: hostName, since: Date(),
            command: (["pm"] + CommandLine.arguments.dropFirst()).joined(separator: " "), age: 0)
    }

    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// `pid: …`, `host: …`, `since: …`, `command: …` lines.
    var text: String {
        let since = since.map { Timestamp($0).description } ?? ""
        return "pid: \(pid.map(String.init) ?? "")\nhost: \(host ?? "")\nsince: \(since)\ncommand: \(command ?? "")\n"
    }

    /// The holder written in the lock file at `path`; nil when the file is gone (the lock was just released).
    static func read(_ path: String) -> Holder? {
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        var holder = Holder(age: Date().timeIntervalSince(modified))
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch line[..<colon] {
            case "pid": holder.pid = Int32(value)
            case "host": holder.host = value
            case "since": holder.since = Timestamp(value)?.date
            case "command": holder.command = value.isEmpty ? nil : value
            default: continue
            }
        }
        return holder
    }

    /// Why the lock was left behind, or nil while it may still be in use. A process id means something
    /// only on the host that wrote it: there, the lock is stale when its process is gone (and in use while
    /// it runs, however long: a large render); elsewhere, when it is older than any edit takes.
    func staleness(policy: FileLock.Policy) -> String? {
        if let pid, pid > 0, host == Self.hostName {
            return kill(pid, 0) != 0 && errno == ESRCH ? "which is no longer running" : nil
        }
        if age > policy.staleAfter { return "which is \(Int(age)) seconds old (no edit takes that long)" }
        return nil
    }

    var description: String {
        var parts: [String] = []
        if let command { parts.append("`\(command)`") }
        if let pid { parts.append("process \(pid)\(host.map { $0.isEmpty ? "" : " on \($0)" } ?? "")") }
        if let since { parts.append("since \(Timestamp(since))") }
        return parts.isEmpty ? "another process" : parts.joined(separator: ", ")
    }
}

/// The lock files this process holds, in a fixed table a signal handler can read: a process ended by a
/// signal removes them before it dies.
private enum HeldLocks {
    static let capacity = 64
    nonisolated(unsafe) static let paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { signal(number, removeHeldLocks) }
        return table
    }()
    static let mutex = NSLock()

    /// Records a lock file; its slot, or nil when the table is full (the lock is then removed on release only).
    static func add(_ path: String) -> Int? {
        mutex.lock()
        defer { mutex.unlock() }
        guard let slot = (0..<capacity).first(where: { paths[$0] == nil }) else { return nil }
        paths[slot] = strdup(path)
        return slot
    }

    static func remove(_ slot: Int) {
        mutex.lock()
        defer { mutex.unlock() }
        let path = paths[slot]
        paths[slot] = nil
        free(path)
    }
}

/// The signal handler: removes the held lock files, then lets the signal end the process as it would have.
private func removeHeldLocks(_ number: Int32) {
    for slot in 0..<HeldLocks.capacity {
        if let path = HeldLocks.paths[slot] { unlink(path) }
    }
    signal(number, SIG_DFL)
    raise(number)
}
