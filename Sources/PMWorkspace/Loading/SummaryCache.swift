import Foundation
import PMDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loader's cache of parsed summaries, so a report over thousands of unchanged files reads none of them.
///
/// One file, `.pm-cache/summaries.bin` beside `pm.yml` (or under the fallback folder, named by a hash of
/// the directory's path, when the directory cannot be written), holds two tables:
/// - **files**: each postmortem's path (relative to the directory), its `FileSignature` (device, inode,
///   size, modification and change times, as git's index keeps them), the hash of its bytes, and whether
///   the entry is *racy*: the file changed in the same second the entry was validated, so a later change
///   in that second could leave the signature as it was (git's "racily clean" case);
/// - **summaries**: by content hash and variant (the outline, or the outline with the text of named sections:
///   `ParseRequest.cacheVariant`), the compact binary form of the parsed file (`Postmortem.summary()`).
///   Summaries of files no longer present are kept for a while, so switching git branches back and forth
///   (which rewrites files with new inodes but old contents) re-hashes files rather than re-parsing them.
///
/// A file whose signature matches a non-racy entry is not read at all; any other file is read and hashed,
/// and a summary stored under that hash (same bytes, touched or renamed) is reused; otherwise it is parsed.
///
/// The file starts with a magic number, a format version, the payload's length and a checksum of the
/// payload; the payload starts with a key naming pm's build and the template catalog. A cache that is
/// missing, truncated, damaged, of another format or built by another pm or with other templates is
/// ignored (never trusted) and rewritten. Writes go to a temporary file renamed into place, so a reader,
/// or two pm processes writing at once, only ever see a whole cache.
public final class SummaryCache: Sendable {
    /// Whether and where to keep the cache; the command layer fills it from flags and the environment.
    public struct Settings: Sendable {
        /// False for `--no-cache` or `PM_NO_CACHE=1`.
        public var isEnabled: Bool
        /// Where caches go when the postmortems directory is read-only: `$XDG_CACHE_HOME/pm` (or `~/.cache/pm`).
        public var fallbackFolder: String?
        /// Names the running pm (its version and executable), so another build never trusts this one's summaries.
        public var build: String
        /// Compare file times in whole seconds, as on a file system with coarse times (for tests).
        public var wholeSecondTimes: Bool

        public init(isEnabled: Bool, fallbackFolder: String?, build: String, wholeSecondTimes: Bool = false) {
            self.isEnabled = isEnabled
            self.fallbackFolder = fallbackFolder
            self.build = build
            self.wholeSecondTimes = wholeSecondTimes
        }

        /// No cache at all.
        public static let disabled = Settings(isEnabled: false, fallbackFolder: nil, build: "")
    }

    /// The folder beside `pm.yml`.
    public static let folderName = ".pm-cache"
    /// The cache file of outlines in it (other variants: `summaries-HASH.bin`).
    public static let fileName = "summaries.bin"
    static let magic = Array("PMSUMMRY".utf8)
    /// Bumped whenever the layout of the file or of a summary changes.
    static let formatVersion: UInt32 = 5
    static let headerLength = 32

    /// A summary's key: the hash of the file's bytes, and which parse it is (`ParseRequest.cacheVariant`).
    public struct Key: Sendable, Hashable {
        public var hash: UInt64
        public var variant: UInt64

        public init(hash: UInt64, variant: String) {
            self.hash = hash
            self.variant = variant == ParseRequest.outline.cacheVariant ? 0 : ContentHash.of(variant)
        }

        init(hash: UInt64, variantCode: UInt64) {
            self.hash = hash
            self.variant = variantCode
        }
    }

    /// What the loader learnt about one file this run, to be saved.
    public struct Record: Sendable {
        public var path: String
        public var signature: FileSignature
        public var hash: UInt64
        /// The summary the run used or made, if any.
        public var summary: Key?
        /// The summary's bytes when they are new this run (nil when the cache already holds them).
        public var newSummary: [UInt8]?

        public init(path: String, signature: FileSignature, hash: UInt64, summary: Key?, newSummary: [UInt8]?) {
            self.path = path
            self.signature = signature
            self.hash = hash
            self.summary = summary
            self.newSummary = newSummary
        }
    }

    /// A file's entry from the last run.
    struct Entry: Sendable, Equatable {
        var signature: FileSignature
        var hash: UInt64
        var isRacy: Bool
    }

    /// Where a summary's bytes are in `storage`, and the last run that used it.
    struct Stored: Sendable {
        var range: Range<Int>
        var generation: UInt64
    }

    /// The cache file.
    public let path: String
    /// The variant of the summaries it keeps (`ParseRequest.cacheVariant`).
    public let variant: String
    /// The postmortems directory; entries name files relative to it.
    let root: String
    let key: String
    let settings: Settings
    /// The clock before this run looked at any file: entries changed in this second or later are racy.
    let startedAt: FileSignature.Moment
    private let storage: [UInt8]
    private let entries: [String: Entry]
    private let summaries: [Key: Stored]
    private let generation: UInt64
    /// Why the cache on disk was not used (nil when it was, or when there was none): for tests and debugging.
    public let rejection: String?

    /// Opens the cache of the postmortems directory at `directory` for the summaries of one variant (each in a
    /// file of its own, so a command reads only the summaries it uses), or nil when caching is off or no folder
    /// for it can be written (the commands then parse every file, as without a cache).
    public static func open(
        directory: String, catalog: TemplateCatalog, settings: Settings,
        variant: String = ParseRequest.outline.cacheVariant!
    ) -> SummaryCache? {
        guard settings.isEnabled else { return nil }
        let startedAt = FileSignature.Moment.now
        let local = (directory as NSString).appendingPathComponent(folderName)
        var folder: String?
        if prepare(local, parents: false) {
            folder = local
        } else if let fallback = settings.fallbackFolder {
            let name = Slug.make((directory as NSString).lastPathComponent, fallback: "postmortems")
            let hashed = (fallback as NSString).appendingPathComponent(
                "\(String(ContentHash.of(directory), radix: 16))-\(name)")
            if prepare(hashed, parents: true) { folder = hashed }
        }
        guard let folder else { return nil }
        let key = "pm \(settings.build)\ncatalog \(String(catalog.fingerprint, radix: 16))\n"
        let name =
            variant == ParseRequest.outline.cacheVariant
            ? fileName : "summaries-\(String(ContentHash.of(variant) & 0xFFFF_FFFF, radix: 16)).bin"
        return SummaryCache(
            path: (folder as NSString).appendingPathComponent(name), root: directory, key: key + "variant \(variant)\n",
            settings: settings, variant: variant, startedAt: startedAt)
    }

    init(
        path: String, root: String, key: String, settings: Settings, variant: String, startedAt: FileSignature.Moment
    ) {
        self.path = path
        self.root = root
        self.key = key
        self.variant = variant
        self.settings = settings
        self.startedAt = startedAt
        let loaded = Self.read(path, key: key)
        storage = loaded.storage
        entries = loaded.entries
        summaries = loaded.summaries
        generation = loaded.generation
        rejection = loaded.rejection
    }

    /// How many files and summaries the cache on disk held (for tests).
    public var counts: (files: Int, summaries: Int) { (entries.count, summaries.count) }

    /// The name of `path` in the cache: relative to the directory when inside it.
    func name(of path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    /// The signature as this cache compares them.
    public func comparable(_ signature: FileSignature) -> FileSignature {
        settings.wholeSecondTimes ? signature.toWholeSeconds : signature
    }

    /// The content hash of the file at `path` when its signature proves it unchanged since it was cached:
    /// the signature matches its entry and the entry is not racy. Nil means "read and hash it".
    public func unchangedHash(of path: String, signature: FileSignature) -> UInt64? {
        guard let entry = entries[name(of: path)], !entry.isRacy, entry.signature == comparable(signature) else {
            return nil
        }
        return entry.hash
    }

    /// Whether a summary with this key is stored.
    public func hasSummary(_ key: Key) -> Bool {
        summaries[key] != nil
    }

    /// The stored summary with this key, for the file named `id` at `path` (shown) and `filePath` (read); nil
    /// when there is none or it does not decode.
    public func postmortem(_ key: Key, id: String, path: String, filePath: String) -> Postmortem? {
        guard let stored = summaries[key] else { return nil }
        guard let postmortem = try? Postmortem(summary: storage[stored.range], id: id, path: path, filePath: filePath),
            postmortem.sourceHash == key.hash
        else { return nil }
        return postmortem
    }

    /// Saves this run's records (one per file read, in any order) with the summaries they use, unless
    /// nothing changed. Entries of files this run did not read are kept while the files exist (a command
    /// that reads some files leaves the others' entries), with every summary of a file's current bytes.
    /// Failing to write is not an error: the next run parses again.
    public func save(_ records: [Record]) {
        var newEntries: [String: Entry] = [:]
        newEntries.reserveCapacity(records.count)
        for record in records {
            let signature = comparable(record.signature)
            newEntries[name(of: record.path)] = Entry(
                signature: signature, hash: record.hash, isRacy: signature.isRacy(validatedAt: startedAt))
        }
        for (name, entry) in entries where newEntries[name] == nil {
            let path = name.hasPrefix("/") ? name : (root as NSString).appendingPathComponent(name)
            if FileSignature.of(path) != nil { newEntries[name] = entry }
        }
        if rejection == nil, !records.contains(where: { $0.newSummary != nil }), newEntries == entries { return }

        let generation = self.generation + 1
        // Summaries: every one of the files' current bytes, then recently used ones of bytes no file has now.
        let live = Set(newEntries.values.map(\.hash))
        var written: Set<Key> = []
        var bodies: [(key: Key, generation: UInt64, record: Int?, range: Range<Int>)] = []
        for (index, record) in records.enumerated() {
            guard let key = record.summary, let bytes = record.newSummary, written.insert(key).inserted else {
                continue
            }
            bodies.append((key, generation, index, 0..<bytes.count))
        }
        let used = Set(records.compactMap(\.summary))
        for (key, stored) in summaries.sorted(by: { ($0.key.hash, $0.key.variant) < ($1.key.hash, $1.key.variant) })
        where live.contains(key.hash) && written.insert(key).inserted {
            bodies.append((key, used.contains(key) ? generation : stored.generation, nil, stored.range))
        }
        let orphans = summaries.filter { !written.contains($0.key) && generation &- $0.value.generation <= 32 }
            .sorted {
                ($0.value.generation, $0.key.hash, $0.key.variant) > ($1.value.generation, $1.key.hash, $1.key.variant)
            }
            .prefix(max(256, records.count))
        for (key, stored) in orphans { bodies.append((key, stored.generation, nil, stored.range)) }

        // Written in pieces straight into the file, the header last: the cache is never held twice in memory.
        try? FileWriter.save(path, durable: false) { descriptor in
            var writer = BinaryWriter()
            writer.reserve(1 << 20)
            var checksum = ContentHash.Stream()
            var length = 0
            var failure: String?
            func flush(force: Bool) {
                guard failure == nil, force || writer.bytes.count >= 1 << 20 else { return }
                checksum.feed(writer.bytes)
                length += writer.bytes.count
                failure = FileWriter.writeAll(writer.bytes, to: descriptor)
                writer.clear()
            }
            failure = FileWriter.writeAll([UInt8](repeating: 0, count: Self.headerLength), to: descriptor)
            writer.string(key)
            writer.varint(generation)
            writer.count(bodies.count)
            for body in bodies {
                writer.word(body.key.hash)
                writer.word(body.key.variant)
                writer.varint(body.generation)
                writer.count(body.range.count)
                if let index = body.record, let bytes = records[index].newSummary {
                    writer.raw(bytes)
                } else {
                    writer.raw(storage[body.range])
                }
                flush(force: false)
            }
            writer.count(newEntries.count)
            for (name, entry) in newEntries.sorted(by: { $0.key < $1.key }) {
                writer.string(name)
                Self.write(entry, to: &writer)
                flush(force: false)
            }
            flush(force: true)
            var header = BinaryWriter()
            header.raw(Self.magic)
            header.word(UInt64(Self.formatVersion))
            header.word(UInt64(length))
            header.word(checksum.value)
            guard failure == nil else { return failure }
            let wrote = header.bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            return wrote == Self.headerLength ? nil : String(cString: strerror(errno))
        }
    }

    private static func write(_ entry: Entry, to writer: inout BinaryWriter) {
        let signature = entry.signature
        writer.word(signature.device)
        writer.word(signature.inode)
        writer.signed(Int(signature.size))
        writer.signed(Int(signature.modified.seconds))
        writer.signed(Int(signature.modified.nanoseconds))
        writer.signed(Int(signature.changed.seconds))
        writer.signed(Int(signature.changed.nanoseconds))
        writer.bool(signature.isRegular)
        writer.bool(entry.isRacy)
        writer.word(entry.hash)
    }

    private static func readEntry(_ reader: inout BinaryReader) throws(BinaryReader.Malformed) -> Entry {
        let device = try reader.word()
        let inode = try reader.word()
        let size = try reader.signed()
        let modified = FileSignature.Moment(
            seconds: Int64(try reader.signed()), nanoseconds: Int64(try reader.signed()))
        let changed = FileSignature.Moment(seconds: Int64(try reader.signed()), nanoseconds: Int64(try reader.signed()))
        let isRegular = try reader.bool()
        let isRacy = try reader.bool()
        let hash = try reader.word()
        return Entry(
            signature: FileSignature(
                device: device, inode: inode, size: Int64(size), modified: modified, changed: changed,
                isRegular: isRegular),
            hash: hash, isRacy: isRacy)
    }

    private struct Loaded {
        var storage: [UInt8] = []
        var entries: [String: Entry] = [:]
        var summaries: [Key: Stored] = [:]
        var generation: UInt64 = 0
        var rejection: String?
    }

    /// The cache at `path`, or an empty one with the reason the file could not be used.
    private static func read(_ path: String, key: String) -> Loaded {
        guard let bytes = readWholeFile(path) else { return Loaded() }
        func rejected(_ reason: String) -> Loaded { Loaded(rejection: reason) }
        guard bytes.count >= headerLength, bytes.starts(with: magic) else { return rejected("not a pm cache") }
        func number<T: FixedWidthInteger>(at offset: Int, as: T.Type) -> T {
            bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
        guard number(at: 8, as: UInt32.self) == formatVersion else { return rejected("another format version") }
        guard number(at: 16, as: UInt64.self) == UInt64(bytes.count - headerLength) else {
            return rejected("truncated or extended")
        }
        let sum = bytes.withUnsafeBytes { Self.checksum(UnsafeRawBufferPointer(rebasing: $0[headerLength...])) }
        guard number(at: 24, as: UInt64.self) == sum else { return rejected("checksum mismatch") }
        let parsed = bytes.withUnsafeBytes { buffer in
            Result { () throws(BinaryReader.Malformed) -> Loaded in
                try payload(UnsafeRawBufferPointer(rebasing: buffer[headerLength...]), key: key)
            }
        }
        guard case .success(var loaded) = parsed else { return rejected("malformed") }
        if loaded.rejection != nil { return Loaded(rejection: loaded.rejection) }
        loaded.storage = bytes
        return loaded
    }

    /// The tables of a checked payload; a payload with another key gives an empty cache saying so.
    private static func payload(_ buffer: UnsafeRawBufferPointer, key: String) throws(BinaryReader.Malformed)
        -> Loaded
    {
        var reader = BinaryReader(buffer)
        var loaded = Loaded()
        guard try reader.string() == key else {
            loaded.rejection = "written by another build of pm or with other templates"
            return loaded
        }
        loaded.generation = try reader.varint()
        let summaryCount = try reader.count()
        loaded.summaries.reserveCapacity(summaryCount)
        for _ in 0..<summaryCount {
            let key = Key(hash: try reader.word(), variantCode: try reader.word())
            let generation = try reader.varint()
            let length = try reader.count()
            let start = headerLength + reader.offset
            _ = try reader.bytes(length)
            loaded.summaries[key] = Stored(range: start..<start + length, generation: generation)
        }
        let entryCount = try reader.count()
        loaded.entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let name = try reader.string()
            loaded.entries[name] = try readEntry(&reader)
        }
        guard reader.isAtEnd else { throw BinaryReader.Malformed() }
        return loaded
    }

    /// The whole file at `path`, or nil when it cannot be read.
    private static func readWholeFile(_ path: String) -> [UInt8]? {
        let descriptor = openForReading(path)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let result = bytes.withUnsafeMutableBytes {
                readSome(descriptor, $0.baseAddress! + filled, $0.count - filled)
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { break }
            filled += result
        }
        return filled == bytes.count ? bytes : Array(bytes[..<filled])
    }

    /// A checksum of the payload, to tell a damaged or half-written cache (written in pieces: a `Stream`).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        ContentHash.words(bytes)
    }

    /// Makes `folder` ready for the cache: creates it (with a `.gitignore` that ignores everything in it
    /// and a CACHEDIR.TAG) when missing; whether it can be written.
    private static func prepare(_ folder: String, parents: Bool) -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            return isDirectory.boolValue && access(folder, W_OK | X_OK | R_OK) == 0
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: parents)
        } catch {
            return false
        }
        try? FileWriter.save(
            (folder as NSString).appendingPathComponent(".gitignore"),
            contents: Array("# pm's summary cache: safe to delete, never commit it\n*\n".utf8), durable: false)
        try? FileWriter.save(
            (folder as NSString).appendingPathComponent("CACHEDIR.TAG"),
            contents: Array(
                "Signature: 8a477f597d28d172789f06886806bc55\n# pm's summary cache (https://bford.info/cachedir/)\n"
                    .utf8), durable: false)
        return access(folder, W_OK | X_OK | R_OK) == 0
    }
}

/// `open(2)` for reading (inside `SummaryCache`, `open` names its factory).
private func openForReading(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}

/// `read(2)` (inside `SummaryCache`, `read` names its loader).
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
