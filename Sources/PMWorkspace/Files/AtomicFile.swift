import Foundation
import PMDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file's contents so that a crash at any moment leaves either the old or the new file.
public enum AtomicFile {
    /// Writes `contents` to a temporary file beside `path` (same permissions), flushes it, checks that
    /// `path` still holds exactly `expected`, then renames the temporary file over it.
    /// A symbolic link is followed: its target is replaced and the link stays a link.
    public static func replace(_ path: String, expected: [UInt8], with contents: [UInt8]) throws(EditError) {
        let shown = path
        let path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .cannotWrite(path: shown, reason: String(cString: strerror(errno)))
        }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(name).pm-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary) }
        }
        func fail() -> EditError { .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        guard fchmod(descriptor, status.st_mode & 0o7777) == 0 else { throw fail() }
        if let reason = FileCreation.writeAll(contents, to: descriptor) {
            throw .cannotWrite(path: path, reason: reason)
        }
        guard fsync(descriptor) == 0 else { throw fail() }
        // The last moment to notice that someone else changed the file since it was read.
        guard let current = FileManager.default.contents(atPath: path), [UInt8](current) == expected else {
            throw .changedOnDisk(path: shown)
        }
        guard rename(temporary, path) == 0 else { throw fail() }
        renamed = true
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}

extension AtomicFile {
    /// Creates or replaces `path` with `contents` through a temporary file and a rename, so a reader
    /// never sees half a file (exports that a nightly job picks up).
    public static func save(_ path: String, contents: [UInt8]) throws(EditError) {
        let temporary = path + ".pm-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(contents)) else {
            throw .cannotWrite(path: path, reason: "cannot create \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }
}
