import Foundation
import PMDocument

/// The one way pm reads postmortem files: each file is read, parsed once for what its consumer asks,
/// and handed to the consumer, several files at a time; results come back in file order.
///
/// With a `SummaryCache`, a file whose consumer asks only for the outline (`ParseRequest.outline`) is served
/// from the cache when it is unchanged (by its `stat` signature, else by the hash of its bytes), without
/// being parsed or even read; every outline a parse gives is cached for the next run.
///
/// A consumer keeps what it needs past the file (usually a slimmed postmortem) and a value of its own
/// (lint findings, a written page), so memory does not grow with what it has already processed.
public struct PostmortemLoader: Sendable {
    public var parser: PostmortemParser
    /// Paths in diagnostics are shown relative to this folder when inside it.
    public var displayBase: String
    /// Summaries of unchanged files from earlier runs; nil to parse every file.
    public var cache: SummaryCache?

    public init(parser: PostmortemParser, displayBase: String, cache: SummaryCache? = nil) {
        self.parser = parser
        self.displayBase = displayBase
        self.cache = cache
    }

    /// Reads `files` concurrently. For each, `request(path, sourceHash)` says what the parse must give (the
    /// hash of the file's bytes, as `Postmortem.sourceHash`), and `each(document, path)` returns the
    /// postmortem to keep and the consumer's value. A document served from the cache has only the
    /// postmortem (it was asked for the outline).
    ///
    /// - Returns: the set of kept postmortems (duplicate ids and unreadable files reported), and each
    ///   file's value in the order of `files` (nil for a file that could not be read).
    public func load<Value: Sendable>(
        _ files: [String],
        request: @Sendable (_ path: String, _ sourceHash: UInt64) -> ParseRequest,
        each: @Sendable (_ document: ParsedDocument, _ path: String) -> (keep: Postmortem, value: Value)
    ) -> (set: PostmortemSet, values: [Value?]) {
        typealias Result = (file: PostmortemSet.FileResult, value: Value?, record: SummaryCache.Record?, way: Way)
        var results = files.concurrentMap { path -> Result in
            if let cache, let signature = FileSignature.of(path), signature.isRegular,
                let (document, record, way) = read(path, signature: signature, cache: cache, request: request)
            {
                var (kept, value) = each(document, path)
                kept.filePath = path
                return (.parsed(kept), value, record, way)
            }
            var value: Value?
            let result = PostmortemSet.read(path, displayBase: displayBase) { bytes, shown, id in
                let hash = ContentHash.ofFile(bytes)
                let document = parser.read(bytes, path: shown, id: id, for: request(path, hash), sourceHash: hash)
                let (kept, produced) = each(document, path)
                value = produced
                return kept
            }
            return (result, value, nil, .parsed)
        }
        // Each result is moved apart rather than copied (a postmortem's copy retains every field).
        var fileResults: [PostmortemSet.FileResult] = []
        var values: [Value?] = []
        var records: [SummaryCache.Record] = []
        var counts = PostmortemSet.LoadCounts()
        fileResults.reserveCapacity(results.count)
        values.reserveCapacity(results.count)
        records.reserveCapacity(cache == nil ? 0 : results.count)
        results.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices {
                let (file, value, record, way) = (base + index).move()
                fileResults.append(file)
                values.append(value)
                if let record { records.append(record) }
                switch way {
                case .unread: counts.unread += 1
                case .hashed: counts.hashed += 1
                case .parsed: counts.parsed += 1
                }
                // The slot must hold a value again for the array to free; an empty one costs nothing.
                (base + index).initialize(to: (.failed(Self.placeholder), nil, nil, .parsed))
            }
        }
        cache?.save(records)
        var set = PostmortemSet.gather(moving: &fileResults)
        set.counts = counts
        return (set, values)
    }

    /// What a slot holds once its result has been moved out.
    private static let placeholder = Diagnostic(.note, path: "", rule: .read, "")

    /// How a file's document was had.
    enum Way {
        /// From the cache, without reading the file (its signature was unchanged).
        case unread
        /// From the cache, after reading and hashing the file (touched, renamed, or racy).
        case hashed
        /// By parsing the file.
        case parsed
    }

    /// One regular file through the cache: its document, and what the cache learnt about it; nil when the
    /// file cannot be read (the caller then reports why).
    private func read(
        _ path: String, signature: FileSignature, cache: SummaryCache,
        request: (_ path: String, _ sourceHash: UInt64) -> ParseRequest
    ) -> (ParsedDocument, SummaryCache.Record, Way)? {
        let shown = DisplayPath.of(path, relativeTo: displayBase)
        let id = PostmortemSet.id(ofFile: path)
        var bytes: [UInt8]?
        let hash: UInt64
        if let known = cache.unchangedHash(of: path, signature: signature) {
            hash = known
        } else {
            guard let read = try? PostmortemSet.bytes(of: path) else { return nil }
            bytes = read
            hash = ContentHash.ofFile(read)
        }
        let wanted = request(path, hash)
        if wanted.isServedByCache, let variant = wanted.cacheVariant, variant == cache.variant {
            let key = SummaryCache.Key(hash: hash, variant: variant)
            if let postmortem = cache.postmortem(key, id: id, path: shown, filePath: path) {
                let record = SummaryCache.Record(
                    path: path, signature: signature, hash: hash, summary: key, newSummary: nil)
                return (ParsedDocument(postmortem: postmortem), record, bytes == nil ? .unread : .hashed)
            }
        }
        // Bytes read only now may differ from those the signature vouched for: the parse hashes them itself.
        let knownHash = bytes == nil ? nil : hash
        if bytes == nil {
            guard let read = try? PostmortemSet.bytes(of: path) else { return nil }
            bytes = read
        }
        let document = parser.read(bytes!, path: shown, id: id, for: wanted, sourceHash: knownHash)
        let postmortem = document.postmortem
        // The file may have changed since it was stat'ed: what is recorded is the hash of the bytes parsed,
        // under the older signature, so the next run reads it again.
        var record = SummaryCache.Record(
            path: path, signature: signature, hash: postmortem.sourceHash, summary: nil, newSummary: nil)
        if let variant = wanted.cacheVariant, variant == cache.variant, postmortem.isSummarizable {
            let key = SummaryCache.Key(hash: postmortem.sourceHash, variant: variant)
            record.summary = key
            // A summary the cache holds is kept, unless this parse was made because it did not decode.
            if wanted.isServedByCache || !cache.hasSummary(key) { record.newSummary = postmortem.summary() }
        }
        return (document, record, .parsed)
    }
}
