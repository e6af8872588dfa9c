import Foundation
import PMDocument

/// Closing days of actions ticked by hand, read from git and cached per HEAD commit.
///
/// An action whose `done:` token says when it was closed keeps that day. For a done action without one, the
/// day is the author date of the commit that last ticked it (its checkbox went from `[ ]`, or from not
/// existing, to `[x]`), following the item by its id through edits, reorders and renames. Outside git, or for
/// an item git has never seen ticked (not committed yet), the day stays unknown: never guessed.
public enum GitClosings {
    /// The cache file, in the folder the summary cache uses (`.pm-cache`).
    public static let cacheFolder = SummaryCache.folderName
    public static let cacheName = "closing-dates.tsv"
    static let cacheHeader = "pm closing-dates v1"

    /// The relative path of `postmortem`'s file within `directory`, as git names it there.
    public static func relativePath(_ postmortem: Postmortem, in directory: PostmortemsDirectory) -> String {
        let base = (directory.path as NSString).standardizingPath
        let file = (postmortem.filePath as NSString).standardizingPath
        return file.hasPrefix(base + "/") ? String(file.dropFirst(base.count + 1)) : file
    }

    /// The current commit of the repository holding `directory`, or nil outside git (or before a first commit).
    ///
    /// `PM_GIT=off` in the environment makes pm read no git history at all (closing days from tokens only).
    public static func head(of directory: PostmortemsDirectory, environment: [String: String]) -> String? {
        guard environment["PM_GIT"]?.lowercased() != "off" else { return nil }
        guard
            let output = GitRunner.run(
                ["rev-parse", "--verify", "-q", "HEAD"], in: directory.path,
                environment: environment, limit: 4096),
            output.status == 0
        else { return nil }
        let head = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return head.isEmpty ? nil : head
    }

    /// The history of every item in the directory, from one `git log`; nil outside git or when the log failed or
    /// was cut at its bound.
    public static func history(
        of directory: PostmortemsDirectory, environment: [String: String], log: PendingLog? = nil
    ) -> ActionHistory? {
        guard
            let output = log?.output
                ?? GitRunner.run(ActionHistory.logArguments, in: directory.path, environment: environment),
            output.status == 0, !output.truncated
        else { return nil }
        return ActionHistory.read(output.stdout, parser: directory.parser)
    }

    /// A `git log` started early, in the background, so that git walks the history while pm reads the files.
    public final class PendingLog: @unchecked Sendable {
        /// The commit the log starts from.
        public let head: String
        private let finished = DispatchSemaphore(value: 0)
        private var result: GitRunner.Output?

        init(head: String, directory: PostmortemsDirectory, environment: [String: String]) {
            self.head = head
            let path = directory.path
            DispatchQueue.global().async {
                self.result = GitRunner.run(ActionHistory.logArguments, in: path, environment: environment)
                self.finished.signal()
            }
        }

        /// The log's output, once git has finished (waiting for it).
        var output: GitRunner.Output? {
            finished.wait()
            finished.signal()
            return result
        }
    }

    /// Starts the `git log` that ``apply(to:directory:environment:log:)`` will need, when the directory is in
    /// git and the cache does not hold this HEAD's closing days; nil when no walk is needed.
    public static func startLog(for directory: PostmortemsDirectory, environment: [String: String]) -> PendingLog? {
        guard let head = head(of: directory, environment: environment),
            readCache(cachePath(directory), head: head) == nil
        else { return nil }
        return PendingLog(head: head, directory: directory, environment: environment)
    }

    static func cachePath(_ directory: PostmortemsDirectory) -> String {
        ((directory.path as NSString).appendingPathComponent(cacheFolder) as NSString)
            .appendingPathComponent(cacheName)
    }

    /// Sets the closing day of every done action in `set` that has none from a token, from git (source `git`);
    /// `log` is the walk ``startLog(for:environment:)`` started, if any.
    public static func apply(
        to set: inout PostmortemSet, directory: PostmortemsDirectory, environment: [String: String],
        log: PendingLog? = nil
    ) {
        let wanted = set.postmortems.contains { $0.actions.contains { $0.closedSource == .unknown } }
        guard wanted, let head = log?.head ?? head(of: directory, environment: environment) else { return }
        let cachePath = cachePath(directory)
        var days = readCache(cachePath, head: head)
        if days == nil {
            guard let history = history(of: directory, environment: environment, log: log) else { return }
            var found: [String: CalendarDate] = [:]
            for (path, items) in history.live {
                for (token, index) in items {
                    if let closed = history.tracks[index].closed { found["\(path)\t\(token)"] = closed }
                }
            }
            days = found
            let folder = (cachePath as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // The cache ignores itself, so it is never committed.
            let ignore = (folder as NSString).appendingPathComponent(".gitignore")
            if !FileManager.default.fileExists(atPath: ignore) {
                try? FileWriter.save(ignore, contents: Array("*\n".utf8))
            }
            // Under the cache's lock, without waiting: a process that holds it is writing these same days (or
            // left the lock behind, which only costs the next run a walk of the history; it is never broken).
            if let lock = try? FileLock.acquire(cachePath, policy: .noWait) {
                defer { lock.release() }
                try? FileWriter.save(cachePath, contents: Array(cacheText(found, head: head).utf8))
            }
        }
        guard let days else { return }
        for p in set.postmortems.indices {
            let path = relativePath(set.postmortems[p], in: directory)
            for a in set.postmortems[p].actions.indices where set.postmortems[p].actions[a].closedSource == .unknown {
                let token = ActionHistory.rawToken(set.postmortems[p].actions[a].token)
                if let day = days["\(path)\t\(token)"] {
                    set.postmortems[p].actions[a].closed = day
                    set.postmortems[p].actions[a].closedSource = .git
                }
            }
        }
    }

    static func cacheText(_ days: [String: CalendarDate], head: String) -> String {
        var text = "\(cacheHeader) \(head)\n"
        for key in days.keys.sorted() { text += "\(key)\t\(days[key]!)\n" }
        return text
    }

    static func readCache(_ path: String, head: String) -> [String: CalendarDate]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == "\(cacheHeader) \(head)"[...] else { return nil }
        var days: [String: CalendarDate] = [:]
        for line in lines.dropFirst() {
            guard let tab = line.lastIndex(of: "\t"), let day = CalendarDate(line[line.index(after: tab)...]) else {
                return nil
            }
            days[String(line[..<tab])] = day
        }
        return days
    }
}
