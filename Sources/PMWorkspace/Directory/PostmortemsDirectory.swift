import Foundation
import PMDocument

/// The folder that holds a team's postmortems, its config and its own templates.
public struct PostmortemsDirectory: Sendable {
    /// The directory's path (absolute).
    public var path: String
    public var config: Config
    /// The built-in templates and the team's own (from `templates/`).
    public var catalog: TemplateCatalog
    /// Team templates that could not be read; reported by the commands that use templates.
    public var templateProblems: [Diagnostic]

    public static let defaultName = "postmortems"

    public init(path: String, config: Config, catalog: TemplateCatalog = .builtIn, templateProblems: [Diagnostic] = [])
    {
        self.path = path
        self.config = config
        self.catalog = catalog
        self.templateProblems = templateProblems
    }

    /// The folder of the team's own templates.
    public var templatesPath: String { (path as NSString).appendingPathComponent(TemplateCatalog.teamFolderName) }

    /// The template pm.yml names (or the built-in default); nil when pm.yml names one that does not exist.
    public var defaultTemplate: Template? {
        guard let reference = config.defaultTemplate else { return catalog.defaultTemplate }
        return catalog.template(reference)
    }

    /// A parser that knows the team's templates.
    public var parser: PostmortemParser { PostmortemParser(catalog: catalog) }

    /// The summary cache of this directory (see `SummaryCache`), or nil when `settings` turn it off or no
    /// folder for it can be written.
    /// - Parameter request: the parse whose postmortems the cache keeps (`ParseRequest.cacheVariant`).
    public func summaryCache(_ settings: SummaryCache.Settings, for request: ParseRequest = .outline) -> SummaryCache? {
        guard let variant = request.cacheVariant else { return nil }
        return SummaryCache.open(directory: path, catalog: catalog, settings: settings, variant: variant)
    }

    /// The config file's path.
    public var configPath: String { (path as NSString).appendingPathComponent(Config.fileName) }

    /// Finds the postmortems directory: `explicit` (from --dir or PM_DIR) if given, else walking up from
    /// `workingDirectory` the way git finds its repository: a folder holding `pm.yml`, or holding a
    /// `postmortems/` folder.
    public static func locate(explicit: String?, workingDirectory: String) throws(PMError) -> PostmortemsDirectory {
        let fileManager = FileManager.default
        if let explicit {
            let absolute = absolutePath(explicit, relativeTo: workingDirectory)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .directoryNotFound(explicit)
            }
            return try open(absolute, displayBase: workingDirectory)
        }
        var current = URL(fileURLWithPath: workingDirectory).standardizedFileURL.path
        while true {
            if fileManager.fileExists(atPath: (current as NSString).appendingPathComponent(Config.fileName)) {
                return try open(current, displayBase: workingDirectory)
            }
            let candidate = (current as NSString).appendingPathComponent(defaultName)
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return try open(candidate, displayBase: workingDirectory)
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { break }
            current = parent
        }
        throw .noPostmortemsDirectory(searchedFrom: workingDirectory)
    }

    /// Opens `path`: its config when it has one, and the team's templates.
    /// - Parameter displayBase: paths in messages are shown relative to this folder when inside it.
    public static func open(_ path: String, displayBase: String = "") throws(PMError) -> PostmortemsDirectory {
        let configPath = (path as NSString).appendingPathComponent(Config.fileName)
        var config = Config()
        if FileManager.default.fileExists(atPath: configPath) {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: configPath))
            } catch {
                throw .unreadable(path: configPath, reason: error.localizedDescription)
            }
            config = try Config.parse(
                String(decoding: data, as: UTF8.self), path: DisplayPath.of(configPath, relativeTo: displayBase))
        }
        var directory = PostmortemsDirectory(path: path, config: config)
        (directory.catalog, directory.templateProblems) = TemplateCatalog.loading(
            teamFolder: directory.templatesPath, displayBase: displayBase)
        return directory
    }

    /// Creates the directory and its config; refuses when a config is already there.
    public static func initialize(at path: String, template: TemplateReference) throws(PMError) -> PostmortemsDirectory
    {
        let configPath = (path as NSString).appendingPathComponent(Config.fileName)
        if FileManager.default.fileExists(atPath: configPath) { throw .alreadyInitialized(configPath) }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: path, reason: error.localizedDescription)
        }
        try FileWriter.createExclusively(at: configPath, contents: Array(Config.initialText(template: template).utf8))
        ignoreCache(in: path)
        return try open(path)
    }

    /// The line of the `.gitignore` `pm init` writes: pm's summary cache is never committed.
    public static let ignoredCacheLine = "\(SummaryCache.folderName)/"

    /// Makes git ignore the summary cache in the directory at `path`: writes a `.gitignore` saying so, or
    /// adds the line to the one there (changing nothing else in it). Best effort: the cache folder also
    /// carries a `.gitignore` of its own.
    static func ignoreCache(in path: String) {
        let ignorePath = (path as NSString).appendingPathComponent(".gitignore")
        let line = Array("# pm's summary cache (safe to delete)\n\(ignoredCacheLine)\n".utf8)
        guard FileManager.default.fileExists(atPath: ignorePath) else {
            try? FileWriter.create(at: ignorePath, contents: line)
            return
        }
        guard let lock = try? FileLock.acquire(ignorePath) else { return }
        defer { lock.release() }
        guard let existing = FileManager.default.contents(atPath: ignorePath).map({ [UInt8]($0) }) else { return }
        let lines = String(decoding: existing, as: UTF8.self).split(whereSeparator: \.isNewline)
        let names = lines.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains(ignoredCacheLine), !names.contains(SummaryCache.folderName) else { return }
        let separator: [UInt8] = existing.isEmpty || existing.last == UInt8(ascii: "\n") ? [] : [UInt8(ascii: "\n")]
        try? FileWriter.replace(ignorePath, expected: existing, with: existing + separator + line, holding: lock)
    }

    /// The postmortem files under the directory, sorted by path (see `scan`).
    public func postmortemFiles() throws(PMError) -> [String] {
        try scan().files
    }

    /// The postmortem files under the directory, sorted by path: every Markdown file (`.md`, `.markdown`)
    /// except README.md, hidden files and folders, and the team's `templates/` folder; and the other
    /// files that were skipped (not Markdown), so commands can say so. Images, PDFs and pm.yml are
    /// expected beside postmortems and are not counted as skipped, nor are the `FILE.lock` files of edits
    /// in progress (``FileLock``).
    public func scan() throws(PMError) -> (files: [String], skipped: [String]) {
        var files: [String] = []
        var skipped: [String] = []
        var pending = [path]
        // Real paths of folders already listed, so a symlink loop is listed once, not forever.
        var visited: Set<String> = []
        while let directory = pending.popLast() {
            guard visited.insert(URL(fileURLWithPath: directory).resolvingSymlinksInPath().path).inserted else {
                continue
            }
            let entries: [(name: String, kind: DirectoryListing.Kind)]
            switch DirectoryListing.entries(of: directory) {
            case .success(let listed): entries = listed
            case .failure(let error): throw .unreadable(path: directory, reason: error.description)
            }
            for (name, kind) in entries where !name.hasPrefix(".") {
                let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                // readdir says what most entries are; a link (or a file system that does not say) is looked at.
                // A broken symlink does not "exist"; it is listed anyway so that reading it reports the problem.
                var isFolder = kind == .folder
                if kind == .other {
                    var isDirectory: ObjCBool = false
                    isFolder =
                        FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory)
                        && isDirectory.boolValue
                }
                let lowered = name.utf8.allSatisfy { $0 < 0x80 } ? Self.asciiLowercased(name) : name.lowercased()
                let fileExtension = Self.pathExtension(lowered)
                if isFolder {
                    if !(directory == path && Self.reservedFolders.contains(name)) { pending.append(child) }
                } else if Self.markdownExtensions.contains(fileExtension) {
                    if lowered != "readme.md" && lowered != "readme.markdown" { files.append(child) }
                } else if !(directory == path && name == Config.fileName)
                    && !Self.assetExtensions.contains(fileExtension) && fileExtension != "lock"
                {
                    skipped.append(child)
                }
            }
        }
        return (files.sorted(), skipped.sorted())
    }

    /// ASCII `text` in lower case.
    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// What follows the last `.` of a file name that does not start with it (`NSString.pathExtension`).
    static func pathExtension(_ name: String) -> String {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return "" }
        return String(name[name.utf8.index(after: dot)...])
    }

    /// Extensions of the files read as postmortems.
    public static let markdownExtensions: Set<String> = ["md", "markdown"]
    /// Extensions of files that belong beside postmortems (screenshots, graphs, attachments).
    public static let assetExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "pdf"]

    /// Folders in the postmortems directory that hold something other than postmortems.
    public static let reservedFolders: Set<String> = ["templates"]

    /// `path` made absolute against `base` and standardized (`..` and `.` removed).
    public static func absolutePath(_ path: String, relativeTo base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
