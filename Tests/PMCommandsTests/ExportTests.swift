import Foundation
import Testing

/// `pm export`, loaded into the sqlite3 command-line tool and a real PostgreSQL server.
@Suite(.cleansUpTemporaryFiles) struct ExportTests {
    /// A title with quotes, a comma, a newline and non-ASCII text; actions with the same.
    static let tricky = """
        ---
        title: "Payments \\"failed\\", then\\nrecovered — café ☕"
        date: 2026-01-02
        severity: high
        status: published
        started: 2026-01-02T10:00:00+01:00
        detected: 2026-01-02T09:10:00Z
        resolved: 2026-01-02T10:00:00Z
        responders: [sam, jo]
        tags: [payments]
        ticket_count: 3
        ---

        # Payments failed

        ## Action items

        - [ ] Add "retry", with back-off — naïve fix; O'Brien's idea
          @sam due:2026-03-01 #prevent PAY-1 <!-- id:retry -->
        - [x] Page on 5xx @jo due:2026-01-05 #detect <!-- id:page5xx -->

        """

    static func repository() throws -> URL {
        let root = try temporaryRepository()
        try write(tricky, to: "postmortems/2026-01-02-payments.md", in: root)
        try write(
            "---\ntitle: Quiet\ndate: 2026-02-03\nseverity: low\nstatus: draft\n---\n\n# Quiet\n",
            to: "postmortems/2026-02-03-quiet.md", in: root)
        return root
    }

    /// The fixture's actions reordered, reworded, re-owned and re-dated, with a new item among them.
    static let reorderedAndReworded =
        tricky.components(separatedBy: "## Action items")[0] + """
            ## Action items

            - [x] Page on 5xx and timeouts @jo due:2026-01-05 #detect <!-- id:page5xx -->
            - [ ] A new item @li <!-- id:brandnew -->
            - [ ] Retry with back-off, reworded @priya due:2026-04-01 #prevent PAY-1 <!-- id:retry -->

            """

    /// Each action row's key, position and text, after the reordering and rewording.
    static let rowsAfterTheEdit = """
        2026-01-02-payments/brandnew|2|A new item|li
        2026-01-02-payments/page5xx|1|Page on 5xx and timeouts|jo
        2026-01-02-payments/retry|3|Retry with back-off, reworded|priya

        """

    static let rowsQuery = "SELECT id || '|' || position || '|' || text || '|' || owners FROM pm_actions ORDER BY id;"

    static let expectedTitle = "Payments \"failed\", then\nrecovered — café ☕"
    static let expectedText = "Add \"retry\", with back-off — naïve fix; O'Brien's idea"

    @Test(arguments: ["json", "ndjson", "sql"])
    func reRunningGivesByteIdenticalOutputWhateverTheDay(format: String) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let first = pm(["export", "--format", format], in: root.path)
        let later = pm(["export", "--format", format], in: root.path, environment: ["PM_TODAY": "2031-12-31"])
        #expect(first.status == 0)
        #expect(first.stdout == later.stdout)
        #expect(!first.stdout.contains("overdue"))
    }

    @Test func jsonHasBothRecordTypes() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(pm(["export"], in: root.path).stdout.utf8)) as? [String: Any])
        let incidents = try #require(json["incidents"] as? [[String: Any]])
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(incidents.map { $0["id"] as? String } == ["2026-01-02-payments", "2026-02-03-quiet"])
        #expect(incidents[0]["title"] as? String == Self.expectedTitle)
        #expect(incidents[0]["started"] as? String == "2026-01-02T09:00:00Z", "times in UTC")
        #expect(incidents[0]["time_to_detect_seconds"] as? Int == 600)
        #expect((incidents[0]["extra"] as? [String: Any])?["ticket_count"] as? Int == 3)
        #expect(actions.map { $0["id"] as? String } == ["2026-01-02-payments/retry", "2026-01-02-payments/page5xx"])
        #expect(actions[0]["text"] as? String == Self.expectedText)
        let ndjson = pm(["export", "--format", "ndjson", "--table", "actions"], in: root.path).stdout.split(
            separator: "\n")
        #expect(ndjson.count == 2)
        #expect(ndjson.allSatisfy { $0.contains("\"record\":\"action\"") })
    }

    @Test func csvFollowsRFC4180AndLoadsIntoSQLite() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(["export", "--format", "csv", "--output", "out"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "wrote out/incidents.csv\nwrote out/actions.csv\n")
        let incidents = try String(contentsOf: root.appendingPathComponent("out/incidents.csv"), encoding: .utf8)
        #expect(incidents.contains("\"Payments \"\"failed\"\", then\nrecovered — café ☕\""))
        #expect(incidents.hasSuffix("\r\n"))
        #expect(
            pm(["export", "--format", "csv", "--table", "actions"], in: root.path).stdout
                == (try String(contentsOf: root.appendingPathComponent("out/actions.csv"), encoding: .utf8)))

        let database = root.appendingPathComponent("csv.db").path
        for table in ["incidents", "actions"] {
            let load = try runProgram(
                "sqlite3", [database, ".import --csv \(root.appendingPathComponent("out/\(table).csv").path) \(table)"])
            #expect(load.status == 0, "\(load.stderr)")
        }
        #expect(
            try runProgram("sqlite3", [database, "SELECT count(*) FROM incidents; SELECT count(*) FROM actions;"])
                .stdout == "2\n2\n")
        let title = try runProgram(
            "sqlite3", [database, "SELECT title FROM incidents WHERE id = '2026-01-02-payments';"]
        ).stdout
        #expect(title == Self.expectedTitle + "\n")
        let text = try runProgram(
            "sqlite3", [database, "SELECT text || '|' || owners || '|' || due FROM actions WHERE position = '1';"]
        ).stdout
        #expect(text == Self.expectedText + "|sam|2026-03-01\n")
    }

    @Test func csvToStdoutNeedsATable() {
        let run = pm(["export", "--format", "csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("pass --table incidents or --table actions, or --output DIR for both"))
    }

    @Test func sqlLoadsIntoSQLiteTwiceAndUpdatesInPlace() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let database = root.appendingPathComponent("sql.db").path
        #expect(pm(["export", "--format", "sql", "--output", "export.sql"], in: root.path).status == 0)
        let sql = root.appendingPathComponent("export.sql").path
        for _ in 0..<2 {
            let load = try runProgram("sqlite3", ["-bail", database, ".read \(sql)"])
            #expect(load.status == 0, "\(load.stderr)")
        }
        #expect(
            try runProgram(
                "sqlite3", [database, "SELECT count(*) FROM pm_incidents; SELECT count(*) FROM pm_actions;"]
            ).stdout == "2\n2\n")
        #expect(
            try runProgram("sqlite3", [database, "SELECT title FROM pm_incidents WHERE id = '2026-01-02-payments';"])
                .stdout == Self.expectedTitle + "\n")
        #expect(
            try runProgram(
                "sqlite3", [database, "SELECT text FROM pm_actions WHERE id = '2026-01-02-payments/retry';"]
            )
            .stdout == Self.expectedText + "\n")
        #expect(
            try runProgram(
                "sqlite3",
                [
                    database,
                    "SELECT time_to_detect_seconds + 0, typeof(time_to_detect_seconds) FROM pm_incidents WHERE "
                        + "severity = 'high';",
                ]
            ).stdout == "600|integer\n")

        // The file changes: one action is removed, the title edited; the next load updates the rows.
        try write(
            Self.tricky.replacingOccurrences(
                of: "- [x] Page on 5xx @jo due:2026-01-05 #detect <!-- id:page5xx -->\n", with: ""
            )
            .replacingOccurrences(of: "then\\nrecovered", with: "then recovered"),
            to: "postmortems/2026-01-02-payments.md", in: root)
        #expect(pm(["export", "--format", "sql", "--output", "export.sql"], in: root.path).status == 0)
        #expect(try runProgram("sqlite3", ["-bail", database, ".read \(sql)"]).status == 0)
        #expect(
            try runProgram(
                "sqlite3",
                [
                    database,
                    "SELECT count(*) FROM pm_actions; SELECT title FROM pm_incidents WHERE id = '2026-01-02-payments';",
                ]
            ).stdout
                == "1\nPayments \"failed\", then recovered — café ☕\n")
    }

    @Test func sqliteRowsKeepTheirKeysWhenItemsAreReorderedAndReworded() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let database = root.appendingPathComponent("sql.db").path
        let sql = root.appendingPathComponent("export.sql").path
        #expect(pm(["export", "--format", "sql", "--output", "export.sql"], in: root.path).status == 0)
        #expect(try runProgram("sqlite3", ["-bail", database, ".read \(sql)"]).status == 0)
        #expect(
            try runProgram("sqlite3", [database, Self.rowsQuery]).stdout
                == "2026-01-02-payments/page5xx|2|Page on 5xx|jo\n"
                + "2026-01-02-payments/retry|1|\(Self.expectedText)|sam\n"
        )
        try write(Self.reorderedAndReworded, to: "postmortems/2026-01-02-payments.md", in: root)
        #expect(pm(["export", "--format", "sql", "--output", "export.sql"], in: root.path).status == 0)
        let load = try runProgram("sqlite3", ["-bail", database, ".read \(sql)"])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(try runProgram("sqlite3", [database, Self.rowsQuery]).stdout == Self.rowsAfterTheEdit)
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["PM_TEST_PG"] != nil,
            "needs the PostgreSQL server Scripts/test starts (PM_TEST_PG)"))
    func sqlLoadsIntoPostgreSQLTwice() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let server = try #require(ProcessInfo.processInfo.environment["PM_TEST_PG"])
        let database = "pm_test_\(UUID().uuidString.prefix(8).lowercased())"
        #expect(
            try runProgram("psql", [server, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE \(database)"]).status == 0)
        defer { _ = try? runProgram("psql", [server, "-qc", "DROP DATABASE \(database)"]) }
        let connection = server.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(database)")
        let sql = pm(["export", "--format", "sql"], in: root.path).stdout
        for _ in 0..<2 {
            let load = try runProgram("psql", [connection, "-v", "ON_ERROR_STOP=1", "-q"], input: sql)
            #expect(load.status == 0, "\(load.stderr)")
        }
        func query(_ sql: String) throws -> String {
            try runProgram("psql", [connection, "-At", "-c", sql]).stdout
        }
        #expect(try query("SELECT count(*) FROM pm_incidents") == "2\n")
        #expect(try query("SELECT count(*) FROM pm_actions") == "2\n")
        #expect(
            try query("SELECT title FROM pm_incidents WHERE id = '2026-01-02-payments'") == Self.expectedTitle + "\n")
        #expect(
            try query("SELECT text FROM pm_actions WHERE id = '2026-01-02-payments/retry'") == Self.expectedText + "\n")
        #expect(
            try query("SELECT time_to_detect_seconds * 2, extra FROM pm_incidents WHERE severity = 'high'")
                == "1200|{\"ticket_count\":3}\n")
        #expect(try query("SELECT string_agg(status, ',' ORDER BY position) FROM pm_actions") == "open,done\n")

        // Items reordered, reworded and one added in the file: each row keeps its key and has the new text.
        try write(Self.reorderedAndReworded, to: "postmortems/2026-01-02-payments.md", in: root)
        let again = try runProgram(
            "psql", [connection, "-v", "ON_ERROR_STOP=1", "-q"],
            input: pm(["export", "--format", "sql"], in: root.path).stdout)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try query(Self.rowsQuery) == Self.rowsAfterTheEdit)
    }
}
