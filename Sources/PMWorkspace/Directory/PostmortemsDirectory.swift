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
        return try open(path)
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
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw .unreadable(path: directory, reason: error.localizedDescription)
            }
            for name in names where !name.hasPrefix(".") {
                let child = (directory as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                // A broken symlink does not "exist"; it is listed anyway so that reading it reports the problem.
                let exists = FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory)
                let lowered = name.lowercased()
                let fileExtension = (lowered as NSString).pathExtension
                if exists && isDirectory.boolValue {
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
