import Foundation
import PMDocument

/// Writes permanent ids into action items that have none: ` <!-- id:TOKEN -->` at the end of each item's
/// text, every other byte unchanged (`pm fix ids`, and `pm new` and `pm template upgrade` on what they write).
///
/// Items with an id comment that is not valid, and items whose id is written twice, are left alone: which
/// id was meant is for a person to say.
public struct ActionIDWriter: Sendable {
    /// What writing ids into one file did.
    public struct Outcome: Sendable {
        /// The file's bytes before.
        public var original: [UInt8]
        /// The file's bytes with the ids.
        public var bytes: [UInt8]
        /// The items that got an id, as they now read.
        public var written: [ActionItem]
        /// Items left without a permanent id because their id comment is not valid.
        public var skipped: [ActionItem]
    }

    public var parser: PostmortemParser

    public init(parser: PostmortemParser) {
        self.parser = parser
    }

    /// `bytes`, parsed as `postmortem`, with a new permanent id in every item that has no id comment; the
    /// tokens are random, none used elsewhere in the file.
    public static func writingIDs(into bytes: [UInt8], postmortem: Postmortem) -> (
        bytes: [UInt8], tokens: [Int: String]
    ) {
        var taken = Set(postmortem.actions.map(\.token))
        var tokens: [Int: String] = [:]  // position → new token
        var edited = bytes
        // From the end of the file back, so each insertion leaves the offsets before it as they were.
        for action in postmortem.actions.sorted(by: { $0.idOffset > $1.idOffset }) where !action.hasIDComment {
            let token = ActionID.generate(avoiding: taken)
            taken.insert(token)
            tokens[action.position] = token
            edited.insert(contentsOf: Array(" \(ActionID.comment(token))".utf8), at: action.idOffset)
        }
        return (edited, tokens)
    }

    /// The file of `postmortem`, read afresh, with ids written into the items without one, checked by reading
    /// it back (every item reads as before, with its new id) and, when `write`, replaced atomically.
    public func apply(to postmortem: Postmortem, write: Bool) throws -> Outcome {
        // Held from reading the file to renaming the new version over it, so no other edit comes between.
        let lock = try write ? FileLock.acquire(postmortem.filePath, displayPath: postmortem.path) : nil
        defer { lock?.release() }
        let (bytes, current) = try EditableFile.read(postmortem, parser: parser)
        let (edited, reread, tokens) = try Self.verifiedIDs(into: bytes, postmortem: current, parser: parser)
        if let lock, !tokens.isEmpty {
            try FileWriter.replace(postmortem.filePath, expected: bytes, with: edited, holding: lock)
        }
        return Outcome(
            original: bytes, bytes: edited, written: reread.actions.filter { tokens[$0.position] != nil },
            skipped: current.actions.filter { $0.hasIDComment && !$0.hasPermanentID })
    }

    /// `writingIDs`, with the result read back: every item must read as before, with its new id or its old one.
    public static func verifiedIDs(into bytes: [UInt8], postmortem: Postmortem, parser: PostmortemParser)
        throws(EditError) -> (bytes: [UInt8], postmortem: Postmortem, tokens: [Int: String])
    {
        let (edited, tokens) = writingIDs(into: bytes, postmortem: postmortem)
        let reread = parser.parse(edited, path: postmortem.path, id: postmortem.id)
        var expected = postmortem.actions
        for index in expected.indices {
            expected[index].token = tokens[expected[index].position] ?? expected[index].token
        }
        let readsAsBefore =
            reread.actions.count == expected.count
            && zip(reread.actions, expected).allSatisfy { new, old in
                new.token == old.token && new.text == old.text && new.isDone == old.isDone && new.owners == old.owners
                    && new.dueText == old.dueText && new.kind == old.kind && new.ticket == old.ticket
                    && new.line == old.line && new.depth == old.depth
            }
        guard readsAsBefore else {
            throw .verificationFailed(path: postmortem.path, problem: "an action item that no longer reads as before")
        }
        return (edited, reread, tokens)
    }
}
