import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#else
    #error("pm needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// The terminal queries the command layer makes, in one place for every platform Swift runs on.
enum Platform {
    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The width in columns of the terminal at `descriptor`, when it says.
    static func terminalColumns(_ descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Names the running executable's build: its size, inode and modification time (nil when unknown), so a
    /// rebuilt pm, even of the same version, never trusts summaries an older build cached.
    static func executableIdentity() -> String? {
        #if os(Linux)
            // The link's target, not the link: a tool running pm (valgrind) reports pm's path here.
            var buffer = [CChar](repeating: 0, count: 4096)
            let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            let path =
                length > 0
                ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "/proc/self/exe"
        #else
            // The running executable's path, found even when pm was started by a bare name from $PATH.
            guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first else { return nil }
        #endif
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = status.st_mtimespec
        #else
            let modified = status.st_mtim
        #endif
        return "\(status.st_size)-\(status.st_ino)-\(modified.tv_sec).\(modified.tv_nsec)"
    }
}
