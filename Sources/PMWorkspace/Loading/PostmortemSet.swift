import Foundation
import PMDocument

/// Every postmortem in a directory, parsed, in a stable order, with the problems found.
public struct PostmortemSet: Sendable {
    /// Postmortems sorted by path (files that could not be read at all are left out).
    public var postmortems: [Postmortem]
    /// Every diagnostic, file by file in path order.
    public var diagnostics: [Diagnostic]

    public init(postmortems: [Postmortem], diagnostics: [Diagnostic]) {
        self.postmortems = postmortems
        self.diagnostics = diagnostics
    }

    /// Whether any file had an error (the commands then exit with status 1).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Reads and parses every postmortem file in `directory`, several files at a time.
    ///
    /// - Parameter displayBase: paths in diagnostics are shown relative to this folder when inside it.
    /// - Parameter request: what each file's parse must give besides the structure.
    public static func load(_ directory: PostmortemsDirectory, displayBase: String, request: ParseRequest = .detail)
        throws(PMError) -> PostmortemSet
    {
        let (files, skipped) = try directory.scan()
        var set = PostmortemLoader(parser: directory.parser, displayBase: displayBase)
            .load(files, request: { _, _ in request }, each: { document, _, _ in (document.postmortem, ()) }).set
        set.diagnostics += skipped.map { skippedNote($0, displayBase: displayBase) }
        return set
    }

    /// The note for a file in the directory that is not Markdown.
    public static func skippedNote(_ path: String, displayBase: String) -> Diagnostic {
        Diagnostic(
            .note, path: DisplayPath.of(path, relativeTo: displayBase), rule: .notMarkdown,
            "skipped: not a Markdown file (.md); rename it to .md to read it as a postmortem")
    }

    /// What reading one file gave: a postmortem, or a diagnostic saying why there is none.
    public enum FileResult: Sendable {
        case parsed(Postmortem)
        case failed(Diagnostic)
    }

    /// Reads the file at `path` and parses it with `parse(bytes, shownPath, id)`.
    public static func read(_ path: String, displayBase: String, parse: ([UInt8], String, String) -> Postmortem)
        -> FileResult
    {
        let shown = DisplayPath.of(path, relativeTo: displayBase)
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        // A pipe or a device named like a postmortem (or linked to by one) would block the read or never end.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if let type = try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType,
            type != .typeRegular, type != .typeSymbolicLink
        {  // a link that leads nowhere is reported by the read
            return .failed(
                Diagnostic(
                    .error, path: shown, rule: .read,
                    "cannot read the file: it is not a regular file (a pipe, socket or device); remove it"))
        }
        do {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            var postmortem = parse(bytes, shown, id)
            postmortem.filePath = path
            return .parsed(postmortem)
        } catch {
            return .failed(Diagnostic(.error, path: shown, rule: .read, "cannot read the file: \(readFailure(error))"))
        }
    }

    /// The postmortems and diagnostics of per-file results, in order, with what only the whole set shows
    /// (ids and aliases used twice, page names that collide) reported on the files concerned.
    public static func gather(_ results: [FileResult]) -> PostmortemSet {
        var postmortems: [Postmortem] = results.compactMap {
            if case .parsed(let postmortem) = $0 { postmortem } else { nil }
        }
        IncidentNames.reportCollisions(in: &postmortems)
        var diagnostics: [Diagnostic] = []
        var parsed = postmortems.makeIterator()
        for result in results {
            switch result {
            case .parsed: diagnostics += parsed.next()?.diagnostics ?? []
            case .failed(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return PostmortemSet(postmortems: postmortems, diagnostics: diagnostics)
    }

    /// Why a file could not be read, and what to do about it.
    static func readFailure(_ error: Error) -> String {
        let error = error as NSError
        switch (error.domain, error.code) {
        case (NSCocoaErrorDomain, NSFileReadNoSuchFileError):
            return "it does not exist (a broken symbolic link?); fix or remove it"
        case (NSCocoaErrorDomain, NSFileReadNoPermissionError):
            return "permission denied; check the file's permissions"
        default:
            return "\(error.localizedFailureReason ?? error.localizedDescription); check that it is a readable file"
        }
    }
}
