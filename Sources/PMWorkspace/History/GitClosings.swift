import Foundation
import PMDocument

/// Closing days of actions ticked by hand, read from git and cached per HEAD commit.
///
/// An action whose `done:` token says when it was closed keeps that day. For a done action without one, the
/// day is the author date of the commit that last ticked it (its checkbox went from `[ ]`, or from not
/// existing, to `[x]`), following the item by its id through edits, reorders and renames. Outside git, or for
/// an item git has never seen ticked (not committed yet), the day stays unknown: never guessed.
public enum GitClosings {
    /// The cache file, in the folder the summary cache uses (`SummaryCache.folder(for:settings:)`), so
    /// `--no-cache`, `PM_NO_CACHE` and the read-only fallback apply to it as well.
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

    /// The closing days of HEAD as found before the files are read: from the cache, or from a `git log`
    /// started early, in the background, so that git walks the history while pm reads the files.
    public final class PendingLog: @unchecked Sendable {
        /// The commit the log starts from.
        public let head: String
        /// The days the cache holds for `head`; nil when they are being walked.
        let cachedDays: [String: CalendarDate]?
        private let finished = DispatchSemaphore(value: 0)
        private var result: GitRunner.Output?

        init(
            head: String, cachedDays: [String: CalendarDate]?, directory: PostmortemsDirectory,
            environment: [String: String]
        ) {
            self.head = head
            self.cachedDays = cachedDays
            guard cachedDays == nil else {
                finished.signal()
                return
            }
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

    /// What ``apply(to:directory:environment:cache:log:)`` will need, found before the files are read: this
    /// HEAD's closing days from the cache, else a `git log` started now; nil outside git.
    public static func startLog(
        for directory: PostmortemsDirectory, environment: [String: String], cache: SummaryCache.Settings
    ) -> PendingLog? {
        guard let head = head(of: directory, environment: environment) else { return nil }
        let cached = cachePath(directory, cache).flatMap { readCache($0, head: head) }
        return PendingLog(head: head, cachedDays: cached, directory: directory, environment: environment)
    }

    /// Where the closing days of `directory` are cached; nil when caching is off or no folder can be written.
    static func cachePath(_ directory: PostmortemsDirectory, _ cache: SummaryCache.Settings) -> String? {
        SummaryCache.folder(for: directory.path, settings: cache).map {
            ($0 as NSString).appendingPathComponent(cacheName)
        }
    }

    /// Sets the closing day of every done action in `set` that has none from a token, from git (source `git`);
    /// `log` is what ``startLog(for:environment:cache:)`` found or started, if it was called.
    public static func apply(
        to set: inout PostmortemSet, directory: PostmortemsDirectory, environment: [String: String],
        cache: SummaryCache.Settings, log: PendingLog? = nil
    ) {
        let wanted = set.postmortems.contains { $0.actions.contains { $0.closedSource == .unknown } }
        guard wanted, let head = log?.head ?? head(of: directory, environment: environment) else { return }
        let cachePath = cachePath(directory, cache)
        // A started log has looked in the cache already.
        var days = log.map(\.cachedDays) ?? cachePath.flatMap { readCache($0, head: head) }
        if days == nil {
            guard let history = history(of: directory, environment: environment, log: log) else { return }
            var found: [String: CalendarDate] = [:]
            for (path, items) in history.live {
                for (token, index) in items {
                    if let closed = history.tracks[index].closed { found["\(path)\t\(token)"] = closed }
                }
            }
            days = found
            // Under the cache's lock, without waiting: a process that holds it is writing these same days (or
            // left the lock behind, which only costs the next run a walk of the history; it is never broken).
            // The folder ignores itself (`SummaryCache.folder`), so the cache is never committed.
            if let cachePath, let lock = try? FileLock.acquire(cachePath, policy: .noWait) {
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
