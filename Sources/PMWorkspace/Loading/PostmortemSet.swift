import Foundation
import PMDocument

/// Every postmortem in a directory, parsed, in a stable order, with the problems found.
public struct PostmortemSet: Sendable {
    /// Postmortems sorted by path (files that could not be read at all are left out).
    public var postmortems: [Postmortem]
    /// Every diagnostic, file by file in path order.
    public var diagnostics: [Diagnostic]
    /// How the files were had (from the summary cache or parsed): for tests and measurements.
    public var counts = LoadCounts()

    /// How many files were served from the summary cache without being read, read and hashed but served
    /// from the cache, and parsed.
    public struct LoadCounts: Sendable, Hashable {
        public var unread = 0
        public var hashed = 0
        public var parsed = 0

        public init(unread: Int = 0, hashed: Int = 0, parsed: Int = 0) {
            self.unread = unread
            self.hashed = hashed
            self.parsed = parsed
        }
    }

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
    /// - Parameter cache: where outline summaries of unchanged files come from (see `SummaryCache`).
    /// - Parameter include: which files to read (by path); the others are left out as if absent.
    /// - Parameter keepsSections: false for reports that read no section (list, actions, stats, export): at
    ///   100,000 files the sections are a large part of the memory.
    public static func load(
        _ directory: PostmortemsDirectory, displayBase: String, request: ParseRequest = .detail,
        cache: SummaryCache.Settings = .disabled, only include: (String) -> Bool = { _ in true },
        keepsSections: Bool = true
    ) throws(PMError) -> PostmortemSet {
        var (files, skipped) = try directory.scan()
        files = files.filter(include)
        let loader = PostmortemLoader(
            parser: directory.parser, displayBase: displayBase,
            cache: request.isServedByCache ? directory.summaryCache(cache, for: request) : nil)
        var set = loader.load(
            files, request: { _, _ in request },
            each: { document, _ in
                guard !keepsSections else { return (document.postmortem, ()) }
                var kept = document.postmortem
                kept.sections = []
                return (kept, ())
            }
        ).set
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

    /// The incident id of the file at `path`: its name without the extension.
    public static func id(ofFile path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The bytes of the file at `path`.
    static func bytes(of path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Reads the file at `path` and parses it with `parse(bytes, shownPath, id)`.
    public static func read(_ path: String, displayBase: String, parse: ([UInt8], String, String) -> Postmortem)
        -> FileResult
    {
        let shown = DisplayPath.of(path, relativeTo: displayBase)
        let id = id(ofFile: path)
        // A pipe or a device named like a postmortem (or linked to by one) would block the read or never end.
        // (A link that leads nowhere cannot be stat'ed; the read reports it.)
        if let signature = FileSignature.of(path), !signature.isRegular {
            return .failed(
                Diagnostic(
                    .error, path: shown, rule: .read,
                    "cannot read the file: it is not a regular file (a pipe, socket or device); remove it"))
        }
        do {
            let bytes = try bytes(of: path)
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
        var results = results
        return gather(moving: &results)
    }

    /// `gather`, moving each postmortem out of `results` rather than copying it (a copy retains every field);
    /// `results` is left holding placeholders.
    static func gather(moving results: inout [FileResult]) -> PostmortemSet {
        var postmortems: [Postmortem] = []
        postmortems.reserveCapacity(results.count)
        var failures: [Diagnostic?] = []  // per file in order: its read failure, or nil for a postmortem
        failures.reserveCapacity(results.count)
        results.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices {
                switch (base + index).move() {
                case .parsed(let postmortem):
                    postmortems.append(postmortem)
                    failures.append(nil)
                case .failed(let diagnostic):
                    failures.append(diagnostic)
                }
                (base + index).initialize(to: .failed(placeholder))
            }
        }
        IncidentNames.reportCollisions(in: &postmortems)
        var diagnostics: [Diagnostic] = []
        var parsed = 0
        for failure in failures {
            if let failure {
                diagnostics.append(failure)
            } else {
                diagnostics += postmortems[parsed].diagnostics
                parsed += 1
            }
        }
        return PostmortemSet(postmortems: postmortems, diagnostics: diagnostics)
    }

    /// What a result holds once its postmortem has been moved out.
    private static let placeholder = Diagnostic(.note, path: "", rule: .read, "")

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
