import Foundation
import PMDocument

/// Why `pm mv` refused; nothing was changed.
public enum MoveError: Error, UserFacingError, Sendable, Equatable {
    case invalidName(String, reason: String)
    case taken(String, by: String)
    case sameName(String)
    case symbolicLink(path: String)
    case aliasesNotEditable(path: String, line: Int)

    public var errorDescription: String? {
        switch self {
        case .invalidName(let name, let reason):
            return "\"\(name)\" cannot be an incident id: \(reason); name it like 2019-02-14-messenger-token"
        case .taken(let name, let path):
            return "\(name) already names \(path); pick another id, nothing was changed"
        case .sameName(let name):
            return "the postmortem is already named \(name); nothing to do"
        case .symbolicLink(let path):
            return "\(path) is a symbolic link; rename the file it points to, and the link, by hand"
        case .aliasesNotEditable(let path, let line):
            return
                "\(path):\(line): pm cannot add to this `aliases:` value; write it as a list like [old-id] and run "
                + "pm mv again"
        }
    }

    public var isUsageMistake: Bool {
        switch self {
        case .invalidName, .taken, .sameName: true
        case .symbolicLink, .aliasesNotEditable: false
        }
    }
}

/// `pm mv`: the one way to change an incident's id. Renames the file within its folder and adds the old id
/// to the front matter's `aliases:`, so commands still take it and the site keeps a redirect at its old page.
public struct IncidentMover: Sendable {
    public var parser: PostmortemParser

    public init(parser: PostmortemParser) {
        self.parser = parser
    }

    /// The id `name` asks for (`.md` dropped), or why it cannot be one.
    public static func newID(_ name: String) throws(MoveError) -> String {
        var id = name
        for suffix in [".md", ".markdown"] where id.lowercased().hasSuffix(suffix) { id.removeLast(suffix.count) }
        let problem: String? =
            if id.isEmpty { "it is empty" } else if id.contains("/") || id.contains("\\") {
                "it names a folder (pm mv renames a file within its folder)"
            } else if id.hasPrefix(".") || id.hasPrefix("-") {
                "it starts with \(id.first!)"
            } else if id.contains(where: { $0.isNewline || $0 == "\0" }) {
                "it holds a line break"
            } else if id.lowercased() == "readme" {
                "README.md is not read as a postmortem"
            } else if id.utf8.count > 240 { "it is too long" } else { nil }
        if let problem { throw .invalidName(name, reason: problem) }
        return id
    }

    /// Renames the file of `postmortem` to `NEW.md` beside it, with the old id added to `aliases:` (and `NEW`
    /// removed from them, when the file goes back to an old name); returns the new file's path.
    public func move(_ postmortem: Postmortem, to name: String, in set: PostmortemSet) throws -> String {
        let newID = try Self.newID(name)
        guard newID != postmortem.id else { throw MoveError.sameName(newID) }
        if let other = set.postmortems.first(where: {
            $0.filePath != postmortem.filePath && ($0.id == newID || $0.frontMatter.aliases.contains(newID))
        }) {
            throw MoveError.taken(newID, by: other.path)
        }
        let page = IncidentNames.pageSlug(newID)
        if let other = set.postmortems.first(where: {
            $0.filePath != postmortem.filePath
                && ([$0.id] + $0.frontMatter.aliases).contains { IncidentNames.pageSlug($0) == page }
        }) {
            throw MoveError.invalidName(
                newID, reason: "its site page, incidents/\(page).html, would be that of \(other.path)")
        }
        let link = try? FileManager.default.destinationOfSymbolicLink(atPath: postmortem.filePath)
        if link != nil { throw MoveError.symbolicLink(path: postmortem.path) }
        let folder = (postmortem.filePath as NSString).deletingLastPathComponent
        let fileExtension = (postmortem.filePath as NSString).pathExtension
        let newPath = (folder as NSString).appendingPathComponent("\(newID).\(fileExtension)")
        if FileManager.default.fileExists(atPath: newPath) { throw MoveError.taken(newID, by: newPath) }

        // Held from reading the file to removing it, so no edit of the old file comes between and is lost.
        let lock = try FileLock.acquire(postmortem.filePath, displayPath: postmortem.path)
        defer { lock.release() }
        let (bytes, current) = try EditableFile.read(postmortem, parser: parser)
        let aliases = current.frontMatter.aliases.filter { $0 != newID } + [current.id]
        let edited = try Self.settingAliases(aliases, in: bytes, postmortem: current)
        var expected = current
        expected.frontMatter.aliases = aliases
        let reread = parser.parse(edited, path: current.path, id: current.id)
        var rereadFrontMatter = reread.frontMatter
        rereadFrontMatter.keyLines = expected.frontMatter.keyLines
        rereadFrontMatter.isPresent = expected.frontMatter.isPresent
        guard rereadFrontMatter == expected.frontMatter, reread.actions.map(\.text) == current.actions.map(\.text),
            reread.actions.map(\.token) == current.actions.map(\.token),
            reread.sections.map(\.heading) == current.sections.map(\.heading)
        else {
            throw EditError.verificationFailed(path: current.path, problem: "more changed than `aliases:`")
        }
        try FileWriter.move(postmortem.filePath, expected: bytes, to: newPath, contents: edited, holding: lock)
        return newPath
    }

    /// `bytes` with the front matter's `aliases:` set to `aliases`: its one line rewritten (comment kept),
    /// or a line added before the closing `---`, or a front-matter block added when the file has none.
    static func settingAliases(_ aliases: [String], in bytes: [UInt8], postmortem: Postmortem) throws(MoveError)
        -> [UInt8]
    {
        let source = SourceText(bytes: bytes)
        let newline = EditableFile.lineEnding(of: bytes)
        let value = Scaffolder.flowList(aliases) ?? "[]"
        let layout = FrontMatterParser.layout(of: source)
        guard let yamlLines = layout.yamlLines else {
            let block =
                Array("---".utf8) + newline + Array("aliases: \(value)".utf8) + newline + Array("---".utf8)
                + newline + newline
            var edited = bytes
            edited.insert(contentsOf: block, at: layout.contentStart)
            return edited
        }
        let closingLine = layout.bodyFirstLine - 1
        guard let line = postmortem.frontMatter.keyLines["aliases"], yamlLines.contains(line) else {
            var edited = bytes
            edited.insert(contentsOf: Array("aliases: \(value)".utf8) + newline, at: source.offset(ofLine: closingLine))
            return edited
        }
        // The value must be on the key's line: the next line is another key, the closing ---, or blank.
        let next = line + 1
        let nextLine = source.content(ofLine: next)
        let nextIsKeyOrEnd =
            next == closingLine || nextLine.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            || nextLine.first(where: { $0 != 0x20 }) == UInt8(ascii: "#")
            || postmortem.frontMatter.keyLines.values.contains(next)
        guard nextIsKeyOrEnd else { throw .aliasesNotEditable(path: postmortem.path, line: line) }
        let written = String(decoding: source.content(ofLine: line), as: UTF8.self)
        let replaced = Array(TemplateUpgrader.replacingValue(of: written, with: value).utf8)
        let start = source.offset(ofLine: line)
        var edited = bytes
        edited.replaceSubrange(start..<(start + source.content(ofLine: line).count), with: replaced)
        return edited
    }
}
