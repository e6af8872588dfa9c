import Foundation
import PMWorkspace

/// Text written by a command: to a file descriptor (buffered) or kept in memory for tests.
public final class TextSink: TextOutputStream, @unchecked Sendable {
    private let descriptor: Int32?
    private var buffer = ""
    private let lock = NSLock()

    /// A sink that writes to `descriptor` (1 for stdout, 2 for stderr).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A sink that keeps everything written, for tests.
    public init() {
        self.descriptor = nil
    }

    public func write(_ string: String) {
        lock.lock()
        buffer += string
        let shouldFlush = descriptor != nil && buffer.utf8.count >= 1 << 16
        lock.unlock()
        if shouldFlush { flush() }
    }

    /// Everything written so far (in-memory sinks only keep it).
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    /// Writes buffered text to the descriptor.
    public func flush() {
        guard let descriptor else { return }
        lock.lock()
        let bytes = Array(buffer.utf8)
        buffer = ""
        lock.unlock()
        // A failure means the reader went away (a closed pipe): nothing more can be shown.
        _ = FileWriter.writeAll(bytes, to: descriptor)
    }
}
