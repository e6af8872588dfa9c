import Foundation
import PMDocument

/// The one way pm reads postmortem files: each file is read, parsed once for what its consumer asks,
/// and handed to the consumer, several files at a time; results come back in file order.
///
/// A consumer keeps what it needs past the file (usually a slimmed postmortem) and a value of its own
/// (lint findings, a written page), so memory does not grow with what it has already processed.
public struct PostmortemLoader: Sendable {
    public var parser: PostmortemParser
    /// Paths in diagnostics are shown relative to this folder when inside it.
    public var displayBase: String

    public init(parser: PostmortemParser, displayBase: String) {
        self.parser = parser
        self.displayBase = displayBase
    }

    /// Reads `files` concurrently. For each, `request(path, bytes)` says what the parse must give, and
    /// `each(document, path, bytes)` returns the postmortem to keep and the consumer's value.
    ///
    /// - Returns: the set of kept postmortems (duplicate ids and unreadable files reported), and each
    ///   file's value in the order of `files` (nil for a file that could not be read).
    public func load<Value: Sendable>(
        _ files: [String],
        request: @Sendable (_ path: String, _ bytes: [UInt8]) -> ParseRequest,
        each:
            @Sendable (_ document: ParsedDocument, _ path: String, _ bytes: [UInt8]) -> (keep: Postmortem, value: Value)
    ) -> (set: PostmortemSet, values: [Value?]) {
        let results = files.concurrentMap { path -> (PostmortemSet.FileResult, Value?) in
            var value: Value?
            let result = PostmortemSet.read(path, displayBase: displayBase) { bytes, shown, id in
                let (kept, produced) = each(
                    parser.read(bytes, path: shown, id: id, for: request(path, bytes)), path, bytes)
                value = produced
                return kept
            }
            return (result, value)
        }
        return (PostmortemSet.gather(results.map(\.0)), results.map(\.1))
    }
}
