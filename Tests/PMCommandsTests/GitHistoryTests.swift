import Foundation
import Testing

/// Closing days, `pm action log` and time-to-close statistics read from real git repositories.
@Suite(.cleansUpTemporaryFiles, .enabled(if: (try? runProgram("git", ["--version"]).status) == 0, "needs git"))
struct GitHistoryTests {
    static let original = """
        ---
        title: Database outage
        date: 2026-01-10
        severity: high
        status: published
        ---

        ## Summary

        The primary database ran out of disk.

        ## Action items

        - [ ] Add an alert on replica lag @sam due:2026-02-01 #detect <!-- id:alrt1 -->
        - [ ] Write the failover runbook @kim due:2026-02-15 #runbook
        - [ ] Add a load test @lee due:2026-03-01 #prevent
        - [ ] Remove the old cron job @sam due:2026-01-20 #process

        """

    /// A git repository in a temporary folder, committed to by several authors on chosen days.
    struct Repository {
        let root: URL

        init() throws {
            root = try temporaryRepository()
            #expect(try git("init", "-q", "-b", "main").status == 0)
        }

        func git(_ arguments: String...) throws -> Run { try git(arguments) }

        func git(_ arguments: [String]) throws -> Run {
            try runProgram(
                "git", ["-C", root.path, "-c", "user.name=pm", "-c", "user.email=pm@example.com"] + arguments)
        }

        /// Commits everything as `author` on `day` (the author date git reports).
        func commit(_ message: String, by author: String, on day: String) throws {
            #expect(try git("add", "-A").status == 0)
            let run = try git([
                "-c", "user.name=\(author)", "-c", "user.email=\(author.lowercased())@example.com", "commit", "-qm",
                message, "--date=\(day)T12:00:00Z",
            ])
            #expect(run.status == 0, "\(run.stderr)")
        }

        func text(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            try write(change(try text(path)), to: path, in: root)
        }
    }

    static let file = "postmortems/2026-01-10-db-outage.md"
    static let renamed = "postmortems/2026-01-10-database-outage.md"

    /// The history every test starts from: created, ticked by hand, reworded, reordered, renamed, un-ticked,
    /// and ticked by `pm action done`.
    static func history() throws -> Repository {
        let repo = try Repository()
        try write(original, to: file, in: repo.root)
        try repo.commit("Postmortem for the database outage", by: "Alice", on: "2026-01-12")
        try repo.edit(file) { $0.replacingOccurrences(of: "- [ ] Add an alert", with: "- [x] Add an alert") }
        try repo.commit("Alert added", by: "Bob", on: "2026-01-20")
        try repo.edit(file) {
            $0.replacingOccurrences(
                of: "Write the failover runbook @kim", with: "Write the database failover runbook @kim")
        }
        try repo.commit("Reword", by: "Carol", on: "2026-01-25")
        try repo.edit(file) {
            $0.replacingOccurrences(of: "- [ ] Write the database", with: "- [x] Write the database")
                .replacingOccurrences(of: "- [ ] Remove the old cron", with: "- [x] Remove the old cron")
        }
        try repo.commit("Runbook written, cron removed", by: "Bob", on: "2026-02-03")
        #expect(try repo.git("mv", file, renamed).status == 0)
        try repo.commit("Rename", by: "Alice", on: "2026-02-10")
        // Un-tick the cron item; reword and move the alert to the end (it keeps its permanent id).
        try repo.edit(renamed) {
            $0.replacingOccurrences(of: "- [x] Remove the old cron", with: "- [ ] Remove the old cron")
                .replacingOccurrences(
                    of: "- [x] Add an alert on replica lag @sam due:2026-02-01 #detect <!-- id:alrt1 -->\n", with: "")
                + "- [x] Add an alert on replica lag and disk space @sam due:2026-02-01 #detect <!-- id:alrt1 -->\n"
        }
        try repo.commit("Cron is back; alert covers disk", by: "Carol", on: "2026-02-12")
        return repo
    }

    static func actionsJSON(_ repo: Repository, _ extra: [String] = []) throws -> [[String: Any]] {
        let run = pm(["actions", "--format", "json"] + extra, in: repo.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
    }

    static func closing(_ rows: [[String: Any]], _ textPrefix: String) -> (String?, String?) {
        let row = rows.first { ($0["text"] as? String)?.hasPrefix(textPrefix) == true }
        return (row?["closed"] as? String, row?["closed_source"] as? String)
    }

    @Test func closingDaysComeFromTheTokenElseTheCommitThatTickedTheItem() throws {
        let repo = try Self.history()
        defer { TemporaryFiles.remove(repo.root) }
        let loadTest = try Self.actionsJSON(repo).first { ($0["text"] as? String) == "Add a load test" }
        let id = try #require(loadTest?["id"] as? String)
        let done = pm(["action", "done", id], in: repo.root.path, environment: ["PM_TODAY": "2026-03-05"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(
            try repo.text(Self.renamed).contains("- [x] Add a load test @lee due:2026-03-01 #prevent done:2026-03-05\n")
        )
        try repo.commit("Load test", by: "Lee", on: "2026-03-06")

        let rows = try Self.actionsJSON(repo)
        #expect(Self.closing(rows, "Add an alert") == ("2026-01-20", "git"), "followed through a reword and a move")
        #expect(Self.closing(rows, "Write the database") == ("2026-02-03", "git"), "followed through a rename")
        #expect(Self.closing(rows, "Add a load test") == ("2026-03-05", "token"))
        #expect(Self.closing(rows, "Remove the old cron") == (nil, nil), "un-ticked: open again")

        // Ticked by hand but not committed: unknown, never guessed.
        try repo.edit(Self.renamed) {
            $0.replacingOccurrences(of: "- [ ] Remove the old cron", with: "- [x] Remove the old cron")
        }
        #expect(Self.closing(try Self.actionsJSON(repo), "Remove the old cron") == (nil, "unknown"))
        try repo.commit("Cron removed again", by: "Sam", on: "2026-03-09")
        #expect(Self.closing(try Self.actionsJSON(repo), "Remove the old cron") == ("2026-03-09", "git"), "re-ticked")

        // The walk is cached per HEAD commit.
        let cache = repo.root.appendingPathComponent("postmortems/.pm-cache/closing-dates.tsv")
        let head = try repo.git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try String(contentsOf: cache, encoding: .utf8).hasPrefix("pm closing-dates v1 \(head)\n"))

        // Filters by closing day; csv carries the columns too.
        let closed = try Self.actionsJSON(repo, ["--closed-since", "2026-02-01", "--closed-until", "2026-03-05"])
        #expect(
            Set(closed.compactMap { $0["text"] as? String }) == [
                "Write the database failover runbook", "Add a load test",
            ])
        let csv = pm(["actions", "--format", "csv"], in: repo.root.path).stdout
        #expect(csv.split(whereSeparator: \.isNewline).first?.hasSuffix(",closed,closed_source") == true)
    }

    @Test func outsideGitAHandTickedActionHasNoClosingDay() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            Self.original.replacingOccurrences(of: "- [ ] Add an alert", with: "- [x] Add an alert"), to: Self.file,
            in: root)
        let run = pm(["actions", "--format", "json"], in: root.path)
        let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(Self.closing(rows, "Add an alert") == (nil, "unknown"))
        // No git history was read, so no closing days were cached (the folder holds the summary cache).
        #expect(
            !FileManager.default.fileExists(
                atPath: root.appendingPathComponent("postmortems/.pm-cache/closing-dates.tsv").path))
    }

    @Test func undoRemovesTheClosingToken() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(Self.original, to: Self.file, in: root)
        #expect(pm(["action", "done", "2026-01-10/alrt1"], in: root.path).status == 0)
        #expect(
            try String(contentsOf: root.appendingPathComponent(Self.file), encoding: .utf8).contains(
                "- [x] Add an alert on replica lag @sam due:2026-02-01 #detect done:\(testToday) <!-- id:alrt1 -->"))
        #expect(pm(["action", "done", "--undo", "2026-01-10/alrt1"], in: root.path).status == 0)
        #expect(try String(contentsOf: root.appendingPathComponent(Self.file), encoding: .utf8) == Self.original)
    }

    @Test func theLogListsEveryChangeNewestFirst() throws {
        let repo = try Self.history()
        defer { TemporaryFiles.remove(repo.root) }
        let run = pm(["action", "log", "2026-01-10/alrt1", "--format", "json"], in: repo.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.map { $0["date"] as? String } == ["2026-02-12", "2026-01-20", "2026-01-12"])
        #expect(entries.map { $0["author"] as? String } == ["Carol", "Bob", "Alice"])
        #expect(entries.map { $0["changes"] as? [String] } == [["reworded"], ["ticked"], ["created"]])
        #expect(entries.first?["path"] as? String == "2026-01-10-database-outage.md")

        let runbook = try #require(
            try Self.actionsJSON(repo).first { ($0["text"] as? String)?.hasPrefix("Write the database") == true }?["id"]
                as? String)
        let table = pm(["action", "log", runbook], in: repo.root.path)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").dropFirst().filter { $0.hasPrefix("2026-") }
        #expect(lines.count == 3, "ticked, reworded (its derived id changed), created: \(table.stdout)")
        #expect(lines.first?.hasPrefix("2026-02-03  Bob  ") == true && lines.first?.hasSuffix("ticked") == true)
        #expect(lines.dropFirst().first?.hasSuffix("reworded") == true)
        #expect(table.stdout.contains("    - [ ] Write the failover runbook @kim due:2026-02-15 #runbook\n"))
    }

    @Test func statsGiveTimeToCloseAndOpenAges() throws {
        let repo = try Self.history()
        defer { TemporaryFiles.remove(repo.root) }
        let run = pm(["stats", "--format", "json"], in: repo.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let close = try #require(json["time_to_close"] as? [String: Any])
        let overall = try #require(close["overall"] as? [String: Any])
        // Alert closed 2026-01-20 (10 days after the incident), runbook 2026-02-03 (24 days).
        #expect(overall["count"] as? Int == 2)
        #expect(overall["median_days"] as? Double == 17)
        #expect(overall["p90_days"] as? Double == 24)
        #expect((close["by_kind"] as? [String: Any])?.keys.sorted() == ["detect", "runbook"])
        #expect(close["closed_by_due"] as? Int == 2 && close["closed_with_due"] as? Int == 2)
        let ages = try #require(close["open_by_age"] as? [String: Int])
        #expect(ages["181-365d"] == 2, "two open actions of an incident in January; today is \(testToday)")
        let table = pm(["stats"], in: repo.root.path).stdout
        #expect(table.contains("TIME TO CLOSE") && table.contains("closed by their due date: 2 of 2 (100%)"))
    }
}
