import Foundation
import PMDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way pm writes files: new files exclusively, edits and exports atomically and durably,
/// generated pages in place; a file that is read, changed and written back under its lock (``withLock``).
public enum FileWriter {
    /// Whether `create` refused because the path exists.
    public struct AlreadyExists: Error {}

    /// Creates `path` with `contents`, failing if anything already exists there (`O_CREAT | O_EXCL`),
    /// so two writers can never clobber each other.
    public static func createExclusively(at path: String, contents: [UInt8]) throws(PMError) {
        do {
            try create(at: path, contents: contents)
        } catch is AlreadyExists {
            throw .cannotCreate(path: path, reason: "it already exists")
        } catch let error as PMError {
            throw error
        } catch {
            throw .cannotCreate(path: path, reason: "\(error)")
        }
    }

    /// Like `createExclusively`, but reports an existing file as `AlreadyExists` so callers can pick another name.
    public static func create(at path: String, contents: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            if errno == EEXIST { throw AlreadyExists() }
            throw PMError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        if let reason = writeAll(contents, to: descriptor) ?? flush(descriptor) {
            unlink(path)
            throw PMError.cannotCreate(path: path, reason: reason)
        }
    }

    /// Writes `contents` to `path`, creating it or truncating it in place: for generated files (site
    /// pages) that are cheaper to rewrite than to replace, and that no one edits.
    public static func overwrite(at path: String, contents: [UInt8]) throws(PMError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        if let reason = writeAll(contents, to: descriptor) { throw .cannotCreate(path: path, reason: reason) }
    }

    /// Runs `body` holding the lock on `path` (``FileLock``), and releases it however `body` ends. Every
    /// read-check-write of a file that pm rewrites (an edit, an upgrade, a manifest, a cache) goes in here:
    ///
    /// ```swift
    /// try FileWriter.withLock(on: path) { lock in
    ///     let bytes = try read(path)
    ///     try FileWriter.replace(path, expected: bytes, with: edit(bytes), holding: lock)
    /// }
    /// ```
    /// - Throws: ``LockError`` when the lock cannot be taken, or what `body` throws.
    public static func withLock<T>(
        on path: String, displayPath: String? = nil, policy: FileLock.Policy = .standard,
        _ body: (FileLock) throws -> T
    ) throws -> T {
        let lock = try FileLock.acquire(path, displayPath: displayPath, policy: policy)
        defer { lock.release() }
        return try body(lock)
    }

    /// Replaces a postmortem's contents so that a crash at any moment leaves either the old or the new
    /// file: writes a temporary file beside `path` (same permissions), flushes it, checks that `path`
    /// still holds exactly `expected` (an editor that does not take pm's lock may have saved it), then
    /// renames the temporary file over it. A symbolic link is followed: its target is replaced and the
    /// link stays a link. The caller holds `lock` on `path` from before it read `expected`.
    public static func replace(_ path: String, expected: [UInt8], with contents: [UInt8], holding lock: FileLock)
        throws(EditError)
    {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        precondition(lock.holds(target), "FileWriter.replace needs the lock on \(path), taken before it was read")
        var status = stat()
        guard stat(target, &status) == 0 else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        let outcome = renameIntoPlace(target, contents: contents, mode: status.st_mode & 0o7777, durable: true) {
            // The last moment to notice that someone else changed the file since it was read.
            guard let current = FileManager.default.contents(atPath: target) else { return false }
            return [UInt8](current) == expected
        }
        switch outcome {
        case .written: return
        case .failed(let reason): throw .cannotWrite(path: target, reason: reason)
        case .refused: throw .changedOnDisk(path: path)
        }
    }

    /// Writes `contents` to `newPath`, which must not exist yet, and removes `path`, which must still hold
    /// exactly `expected` (a file renamed and edited in one step, `pm mv`): a flushed temporary file beside
    /// `newPath` is linked into place, so `newPath` appears whole or not at all and never replaces a file;
    /// then `path` is removed and the folder flushed. A crash in between leaves both files, nothing lost.
    /// The caller holds `lock` on `path` from before it read `expected`.
    public static func move(
        _ path: String, expected: [UInt8], to newPath: String, contents: [UInt8], holding lock: FileLock
    ) throws(EditError) {
        precondition(lock.holds(path), "FileWriter.move needs the lock on \(path), taken before it was read")
        var status = stat()
        let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
        let outcome = renameIntoPlace(newPath, contents: contents, mode: mode, exclusive: true) {
            guard let current = FileManager.default.contents(atPath: path) else { return false }
            return [UInt8](current) == expected
        }
        switch outcome {
        case .written: break
        case .failed(let reason): throw .cannotWrite(path: newPath, reason: reason)
        case .refused: throw .changedOnDisk(path: path)
        }
        guard unlink(path) == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        syncFolder(of: path)
    }

    /// Creates or replaces `path` with `contents` through a flushed temporary file and a rename, so a
    /// reader never sees half a file (exports that a nightly job picks up).
    ///
    /// - Parameter durable: flush the file to disk before the rename; a file that can be checked and
    ///   rebuilt (the summary cache) skips it, since it only needs to be whole, not to survive a crash.
    public static func save(_ path: String, contents: [UInt8], durable: Bool = true) throws(PMError) {
        try save(path, durable: durable) { writeAll(contents, to: $0) }
    }

    /// Like `save(_:contents:durable:)`, for contents too large to hold twice: `write(descriptor)` writes them
    /// into the temporary file (in pieces, or with `pwrite`), returning the error's description on failure.
    public static func save(_ path: String, durable: Bool = true, write: (Int32) -> String?) throws(PMError) {
        var status = stat()
        let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
        if case .failed(let reason) = renameIntoPlace(path, mode: mode, durable: durable, write: write, check: { true })
        {
            throw .cannotCreate(path: path, reason: reason)
        }
    }

    /// Writes every byte to `descriptor`, retrying after interrupts; the error's description on failure.
    public static func writeAll(_ contents: [UInt8], to descriptor: Int32) -> String? {
        var written = 0
        while written < contents.count {
            let result = contents.withUnsafeBytes {
                write(descriptor, $0.baseAddress! + written, contents.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += result
        }
        return nil
    }

    private enum Outcome {
        case written
        case refused
        case failed(String)
    }

    /// Writes `contents` to a temporary file beside `path` with `mode`, flushes it (when `durable`), and
    /// renames it over `path` when `check()` still holds (or, `exclusive`, links it there, failing when `path`
    /// exists); the folder is flushed (when `durable`) so the change survives a crash.
    private static func renameIntoPlace(
        _ path: String, contents: [UInt8], mode: mode_t, durable: Bool = true, exclusive: Bool = false,
        check: () -> Bool
    ) -> Outcome {
        renameIntoPlace(
            path, mode: mode, durable: durable, exclusive: exclusive, write: { writeAll(contents, to: $0) },
            check: check)
    }

    /// `renameIntoPlace` with the contents written by `write(descriptor)`.
    private static func renameIntoPlace(
        _ path: String, mode: mode_t, durable: Bool = true, exclusive: Bool = false, write: (Int32) -> String?,
        check: () -> Bool
    ) -> Outcome {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(name).pm-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return .failed(String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary) }
        }
        guard fchmod(descriptor, mode) == 0 else { return .failed(String(cString: strerror(errno))) }
        if let reason = write(descriptor) ?? (durable ? flush(descriptor) : nil) {
            return .failed(reason)
        }
        guard check() else { return .refused }
        if exclusive {
            guard link(temporary, path) == 0 else {
                return .failed(errno == EEXIST ? "it already exists" : String(cString: strerror(errno)))
            }
        } else {
            guard rename(temporary, path) == 0 else { return .failed(String(cString: strerror(errno))) }
            renamed = true
        }
        if durable { syncFolder(of: path) }
        return .written
    }

    /// Flushes the folder holding `path`, so a rename or removal in it survives a crash.
    private static func syncFolder(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Flushes a file to disk; the error's description on failure.
    private static func flush(_ descriptor: Int32) -> String? {
        fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
    }
}
