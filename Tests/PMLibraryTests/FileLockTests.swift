import Foundation
import PMWorkspace
import Testing

@Suite(.cleansUpTemporaryFiles) struct FileLockTests {
    /// Two tries a millisecond apart: enough to see a lock refused without waiting.
    static let quick = FileLock.Policy(retries: 1, pause: 0.001...0.001, staleAfter: 60)

    /// A folder with `a.md` in it.
    static func folder() throws -> (URL, String) {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("a.md").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    /// A lock file as another pm would leave it.
    static func writeLock(at path: String, pid: Int32, host: String) throws {
        try Data("pid: \(pid)\nhost: \(host)\nsince: 2026-01-01T10:00:00Z\ncommand: pm action done x/1\n".utf8)
            .write(to: URL(fileURLWithPath: FileLock.lockPath(for: path)))
    }

    @Test func theLockFileHoldsItsOwnerAndGoesOnRelease() throws {
        let (folder, path) = try Self.folder()
        defer { TemporaryFiles.remove(folder) }
        let lock = try FileLock.acquire(path)
        let text = try String(contentsOfFile: FileLock.lockPath(for: path), encoding: .utf8)
        #expect(text.hasPrefix("pid: \(getpid())\nhost: "))
        #expect(text.contains("\nsince: 20") && text.contains("\ncommand: pm"))
        #expect(throws: LockError.self) { try FileLock.acquire(path, policy: Self.quick) }
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: FileLock.lockPath(for: path)))
        try FileLock.acquire(path).release()
    }

    @Test func aLockHeldLongerThanTheWaitIsRefusedAndNothingChanges() throws {
        let (folder, path) = try Self.folder()
        defer { TemporaryFiles.remove(folder) }
        let held = try FileLock.acquire(path)
        defer { held.release() }
        do {
            _ = try FileLock.acquire(path, displayPath: "postmortems/a.md", policy: Self.quick)
            Issue.record("a second lock was taken")
        } catch {
            guard case .busy(let shown, let lockPath, let holder) = error else {
                Issue.record("expected busy, got \(error)")
                return
            }
            #expect(shown == "postmortems/a.md" && lockPath == "postmortems/a.md.lock")
            #expect(holder.contains("process \(getpid())"))
            #expect(error.localizedDescription.contains("nothing was changed, run the command again"))
        }
        #expect(held.holds(path))
    }

    @Test func aLockWhoseProcessIsGoneIsReportedWithHowToRemoveItNotBroken() throws {
        let (folder, path) = try Self.folder()
        defer { TemporaryFiles.remove(folder) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let hostName = try #require(
            String(try lockText(after: path)).split(separator: "\n").first { $0.hasPrefix("host: ") }?.dropFirst(6))
        try Self.writeLock(at: path, pid: finished.processIdentifier, host: String(hostName))
        #expect(
            throws: LockError.stale(
                path: "postmortems/a.md", lockPath: "postmortems/a.md.lock",
                holder: "`pm action done x/1`, process \(finished.processIdentifier) on \(hostName), since "
                    + "2026-01-01T10:00:00Z",
                reason: "which is no longer running")
        ) {
            try FileLock.acquire(path, displayPath: "postmortems/a.md")
        }
        #expect(FileManager.default.fileExists(atPath: FileLock.lockPath(for: path)), "the stale lock is left")
        let message = LockError.stale(path: "p", lockPath: "p.lock", holder: "h", reason: "r").localizedDescription
        #expect(message.contains("remove it (rm 'p.lock') and run the command again"))
    }

    @Test func anOldLockFromAnotherHostIsStaleAndAFreshOneIsWaitedFor() throws {
        let (folder, path) = try Self.folder()
        defer { TemporaryFiles.remove(folder) }
        try Self.writeLock(at: path, pid: 1, host: "elsewhere.example")
        #expect(throws: LockError.self) { try FileLock.acquire(path, policy: Self.quick) }
        do {
            _ = try FileLock.acquire(path, policy: Self.quick)
        } catch {
            guard case .busy = error else {
                Issue.record("a fresh lock from another host is in use, not stale: \(error)")
                return
            }
        }
        let old = Date().addingTimeInterval(-120)
        try FileManager.default.setAttributes(
            [.modificationDate: old], ofItemAtPath: FileLock.lockPath(for: path))
        do {
            _ = try FileLock.acquire(path, policy: Self.quick)
            Issue.record("an old lock was broken")
        } catch {
            guard case .stale(_, _, _, let reason) = error else {
                Issue.record("expected stale, got \(error)")
                return
            }
            #expect(reason.hasPrefix("which is 12") && reason.hasSuffix("seconds old (no edit takes that long)"))
        }
    }

    @Test func withLockReleasesWhenTheBodyThrows() throws {
        let (folder, path) = try Self.folder()
        defer { TemporaryFiles.remove(folder) }
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try FileWriter.withLock(on: path) { _ in throw Failure() }
        }
        #expect(!FileManager.default.fileExists(atPath: FileLock.lockPath(for: path)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.md"])
    }

    /// The text of the lock pm writes for `path`, taken and released.
    func lockText(after path: String) throws -> String {
        let lock = try FileLock.acquire(path)
        defer { lock.release() }
        return try String(contentsOfFile: FileLock.lockPath(for: path), encoding: .utf8)
    }
}
