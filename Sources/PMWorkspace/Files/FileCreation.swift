import Foundation
import PMDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creating files without ever replacing one.
public enum FileCreation {
    /// Whether `createExclusively` refused because the path exists.
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
    static func create(at path: String, contents: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            if errno == EEXIST { throw AlreadyExists() }
            throw PMError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        if let reason = writeAll(contents, to: descriptor) {
            unlink(path)
            throw PMError.cannotCreate(path: path, reason: reason)
        }
        if fsync(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
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

    /// Writes every byte to `descriptor`, retrying after interrupts; the error's description on failure.
    static func writeAll(_ contents: [UInt8], to descriptor: Int32) -> String? {
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
}
