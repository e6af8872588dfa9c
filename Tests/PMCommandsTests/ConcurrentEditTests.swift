import Foundation
import PMDocument
import Testing

/// Many `pm` processes editing the same files at once (issue 16): each edit holds the file's lock from
/// reading to renaming, so an edit a process reports is in the file, and a process that cannot get the
/// lock in time says so and changes nothing. Bounded by rounds, not by time.
@Suite(.cleansUpTemporaryFiles, .timeLimit(.minutes(10))) struct ConcurrentEditTests {
    static let processes = 50
    static let rounds = 20

    /// One process's edit: tick an item (by its text) or add one.
    enum Edit {
        case done(text: String)
        case add(incident: String, text: String)
    }

    /// `count` open items per file, named `<file> item <n>`.
    static func repository(files: [String], itemsPerFile: Int) throws -> URL {
        let root = try temporaryRepository()
        for file in files {
            let items = (1...itemsPerFile).map { "- [ ] \(file) item \($0) @sam due:2030-01-01" }
            try write(
                "---\ntitle: \(file)\ndate: 2020-01-01\nseverity: high\nstatus: draft\n---\n\n# \(file)\n\n"
                    + "## Action items\n\n\(items.joined(separator: "\n"))\n",
                to: "postmortems/\(file).md", in: root)
        }
        return root
    }

    /// The action ids pm prints, by item text.
    static func ids(in root: URL) throws -> [String: String] {
        let run = pm(["actions", "--format", "csv"], in: root.path)
        try #require(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
        let idColumn = try #require(lines.first?.firstIndex(of: "id"))
        let textColumn = try #require(lines.first?.firstIndex(of: "text"))
        var ids: [String: String] = [:]
        for fields in lines.dropFirst() { ids[fields[textColumn]] = fields[idColumn] }
        return ids
    }

    /// Starts every command at once with the built pm, and returns each one's status and output.
    static func runConcurrently(_ commands: [[String]], in root: URL) throws -> [Run] {
        try #require(
            FileManager.default.isExecutableFile(atPath: builtExecutable.path), "build pm first (Scripts/test does)")
        let started = try commands.map { arguments in
            try StartedProcess(
                builtExecutable, arguments + ["--dir", root.appendingPathComponent("postmortems").path],
                environment: ["PM_TODAY": testToday, "PATH": "/usr/bin:/bin"])
        }
        return started.map { $0.finish() }
    }

    /// Runs `edits` concurrently on a fresh repository and checks that every reported edit is in the files,
    /// that no refused edit is, and that every file still parses whole.
    static func round(files: [String], itemsPerFile: Int, edits: [Edit]) throws {
        let root = try repository(files: files, itemsPerFile: itemsPerFile)
        defer { TemporaryFiles.remove(root) }
        let ids = try ids(in: root)
        let commands = edits.map { edit -> [String] in
            switch edit {
            case .done(let text): ["action", "done", ids[text] ?? "missing"]
            case .add(let incident, let text):
                ["action", "add", incident, text, "--owner", "jo", "--due", "2030-02-01"]
            }
        }
        let runs = try runConcurrently(commands, in: root)

        var reportedDone: Set<String> = []
        var reportedAdded: Set<String> = []
        for (edit, run) in zip(edits, runs) {
            if run.status == 0 {
                switch edit {
                case .done(let text): reportedDone.insert(text)
                case .add(_, let text): reportedAdded.insert(text)
                }
            } else {
                // Waiting did not get the lock in time: a refusal that names the lock, and nothing else.
                #expect(run.status == 1, "\(run.stderr)")
                #expect(run.stderr.contains("is locked"), "an edit failed for another reason: \(run.stderr)")
            }
        }

        var ticked: Set<String> = []
        var added: Set<String> = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("postmortems/\(file).md")))
            let postmortem = PostmortemParser().parse(bytes, path: "\(file).md", id: file)
            #expect(postmortem.diagnostics.isEmpty, "\(file).md no longer parses cleanly: \(postmortem.diagnostics)")
            let original = (1...itemsPerFile).map { "\(file) item \($0)" }
            #expect(
                Array(postmortem.actions.prefix(itemsPerFile).map(\.text)) == original,
                "\(file).md lost or reordered items")
            for action in postmortem.actions.prefix(itemsPerFile) where action.isDone { ticked.insert(action.text) }
            for action in postmortem.actions.dropFirst(itemsPerFile) {
                #expect(!action.isDone && action.owners == ["jo"], "\(file).md: a torn added item: \(action.text)")
                #expect(!added.contains(action.text), "\(action.text) was added twice")
                added.insert(action.text)
            }
        }
        #expect(ticked == reportedDone, "ticked ≠ reported done: lost \(reportedDone.subtracting(ticked))")
        #expect(added == reportedAdded, "added ≠ reported added: lost \(reportedAdded.subtracting(added))")
        #expect(!reportedDone.isEmpty || !reportedAdded.isEmpty, "every process was refused")
    }

    @Test func fiftyEditorsOfOneFile() throws {
        for round in 1...Self.rounds {
            let edits = (1...Self.processes).map { index -> Edit in
                index % 2 == 0
                    ? .done(text: "2020-01-01-one item \(index)")
                    : .add(incident: "2020-01-01-one", text: "Round \(round) addition \(index)")
            }
            try Self.round(files: ["2020-01-01-one"], itemsPerFile: Self.processes, edits: edits)
        }
    }

    @Test func fiftyEditorsOfSeveralFiles() throws {
        let files = (1...5).map { "2020-01-0\($0)-file" }
        for round in 1...Self.rounds {
            let edits = (0..<Self.processes).map { index -> Edit in
                let file = files[index % files.count]
                return index % 3 == 0
                    ? .add(incident: file, text: "Round \(round) addition \(index)")
                    : .done(text: "\(file) item \(index / files.count + 1)")
            }
            try Self.round(files: files, itemsPerFile: Self.processes / files.count, edits: edits)
        }
    }
}
