#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat` says about a file, as git's index keeps it: a file whose signature is unchanged since its
/// summary was cached is taken to hold the same bytes (unless the entry is racy; see `SummaryCache`).
public struct FileSignature: Sendable, Hashable {
    /// A moment as the file system stores it.
    public struct Moment: Sendable, Hashable, Comparable {
        public var seconds: Int64
        public var nanoseconds: Int64

        public init(seconds: Int64, nanoseconds: Int64) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        /// Now, by the system clock (the clock file times come from on a local file system).
        public static var now: Moment {
            var time = timespec()
            clock_gettime(CLOCK_REALTIME, &time)
            return Moment(seconds: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec))
        }

        public static func < (lhs: Moment, rhs: Moment) -> Bool {
            (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
        }
    }

    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: Moment
    /// The inode change time, which no one can set back (`touch -d` sets `modified`, not this).
    public var changed: Moment
    /// Whether it is a regular file (after following symbolic links).
    public var isRegular: Bool

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Moment, changed: Moment, isRegular: Bool) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
        self.isRegular = isRegular
    }

    /// The signature of the file at `path`, following symbolic links; nil when it cannot be stat'ed.
    public static func of(_ path: String) -> FileSignature? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = Moment(
                seconds: Int64(status.st_mtimespec.tv_sec), nanoseconds: Int64(status.st_mtimespec.tv_nsec))
            let changed = Moment(
                seconds: Int64(status.st_ctimespec.tv_sec), nanoseconds: Int64(status.st_ctimespec.tv_nsec))
        #else
            let modified = Moment(seconds: Int64(status.st_mtim.tv_sec), nanoseconds: Int64(status.st_mtim.tv_nsec))
            let changed = Moment(seconds: Int64(status.st_ctim.tv_sec), nanoseconds: Int64(status.st_ctim.tv_nsec))
        #endif
        return FileSignature(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            modified: modified, changed: changed, isRegular: (status.st_mode & S_IFMT) == S_IFREG)
    }

    /// The signature with times cut to whole seconds: how a file system with coarse times would see it.
    public var toWholeSeconds: FileSignature {
        var coarse = self
        coarse.modified.nanoseconds = 0
        coarse.changed.nanoseconds = 0
        return coarse
    }

    /// Whether a change to the file within the second the signature was taken could leave the signature
    /// as it is: its last change is not older than the second `validated` falls in (git's "racily clean").
    public func isRacy(validatedAt validated: Moment) -> Bool {
        max(modified.seconds, changed.seconds) >= validated.seconds
    }
}
