import Foundation
import PMDocument
import PMWorkspace
import Testing

/// The summary cache never changes what pm prints: every command prints the same with and without it,
/// and every way a file can change (edit, touch, same-second edit, rename, delete, a git branch switch),
/// every way the cache can be damaged, a read-only directory and concurrent writers are handled.
@Suite(.cleansUpTemporaryFiles, .timeLimit(.minutes(5))) struct SummaryCacheTests {
    /// A repository holding the bundled postmortems, the real-world fixtures and the robustness corpus.
    static func repository(robustness: Bool = false) throws -> URL {
        let root = robustness ? try RobustnessTests.repository() : try temporaryRepository()
        let folder = root.appendingPathComponent("postmortems")
        // Postmortems in pm's format and written elsewhere (read by meaning: dates, labels, tables, actions).
        let sources = [
            "postmortems", "Tests/Fixtures/realworld", "Tests/Fixtures/realworld-holdout",
            "Tests/Fixtures/realworld-holdout-2",
        ]
        for source in sources {
            let from = packageRoot.appendingPathComponent(source)
            for name in try FileManager.default.contentsOfDirectory(atPath: from.path)
            where name.hasSuffix(".md")
                && !FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
            {
                try FileManager.default.copyItem(
                    at: from.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
        }
        return root
    }

    /// Cache settings for loads through the library, with a build name of their own.
    static func settings(wholeSeconds: Bool = false) -> SummaryCache.Settings {
        SummaryCache.Settings(isEnabled: true, fallbackFolder: nil, build: "tests", wholeSecondTimes: wholeSeconds)
    }

    /// The outline of every postmortem in `root`, through the cache (`settings`) or without it.
    static func load(_ root: URL, _ settings: SummaryCache.Settings = .disabled) throws -> PostmortemSet {
        let directory = try PostmortemsDirectory.open(root.appendingPathComponent("postmortems").path)
        return try PostmortemSet.load(directory, displayBase: root.path, request: .outline, cache: settings)
    }

    /// Waits until the clock is in a later second than now, so files written before are not racy.
    static func waitForNextSecond() {
        let start = Int(Date().timeIntervalSince1970)
        while Int(Date().timeIntervalSince1970) == start { usleep(20_000) }
    }

    static let commands: [[String]] = [
        ["list"], ["list", "--format", "json"], ["list", "--severity", "critical", "--format", "csv"],
        ["actions"], ["actions", "--open", "--by", "owner"], ["actions", "--format", "json"],
        ["actions", "--overdue", "--format", "markdown"], ["stats"], ["stats", "--format", "json"],
        ["show", "2019-02-14"], ["show", "2019-02-14", "--format", "json"],
        ["show", "2023-02-07-ingestion-lag", "--format", "json"], ["show", "outline-style-notes"], ["export"],
        ["export", "--format", "ndjson"], ["export", "--format", "sql"],
        ["export", "--format", "csv", "--table", "actions"],
        ["lint"], ["lint", "--format", "json"], ["related", "2019-02-14"],
        ["template", "upgrade", "2019-02-14", "--dry-run"],
    ]

    /// The files under `folder` and their bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    @Test func everyCommandPrintsTheSameWithAndWithoutTheCache() throws {
        let root = try Self.repository(robustness: true)
        defer { TemporaryFiles.remove(root) }
        // PM_NO_CACHE rather than --no-cache, which the commands that never use the cache (lint) do not take.
        let uncached = Self.commands.map { pm($0, in: root.path, environment: ["PM_NO_CACHE": "1"]) }
        let uncachedRender = pm(["render", "--out", "site-uncached", "--no-cache"], in: root.path)
        for phase in ["cold", "warm, racy", "warm"] {
            if phase == "warm" { Self.waitForNextSecond() }
            for (command, expected) in zip(Self.commands, uncached) {
                let run = pm(command, in: root.path)
                #expect(run.stdout == expected.stdout, "\(command) \(phase)")
                #expect(run.stderr == expected.stderr, "\(command) \(phase)")
                #expect(run.status == expected.status, "\(command) \(phase)")
            }
            let rendered = pm(["render", "--out", "site-\(phase)"], in: root.path)
            #expect(rendered.status == uncachedRender.status)
            #expect(rendered.stderr == uncachedRender.stderr)
            #expect(
                try Self.tree(root.appendingPathComponent("site-\(phase)"))
                    == Self.tree(root.appendingPathComponent("site-uncached")), "render \(phase)")
        }
        // PM_NO_CACHE is --no-cache.
        let noCache = try Self.repository()
        defer { TemporaryFiles.remove(noCache) }
        let off = pm(["list"], in: noCache.path, environment: ["PM_NO_CACHE": "1"])
        #expect(off.stdout == pm(["list", "--no-cache"], in: noCache.path).stdout)
        #expect(!FileManager.default.fileExists(atPath: noCache.appendingPathComponent("postmortems/.pm-cache").path))
        // Commands that never read the cache do not offer to turn it off.
        for command in [["lint"], ["template", "list"]] {
            #expect(pm(command + ["--no-cache"], in: noCache.path).stderr.contains("Unknown option '--no-cache'"))
        }
    }

    @Test func unchangedFilesAreNotReadAgain() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let expected = try Self.load(root)
        let files = expected.postmortems.count
        #expect(try Self.load(root, Self.settings()).counts == .init(parsed: files))
        Self.waitForNextSecond()
        // Entries written in the second their files changed are racy: read and hashed once more.
        let second = try Self.load(root, Self.settings()).counts
        #expect(second.parsed == 0)
        #expect(second.unread + second.hashed == files)
        let warm = try Self.load(root, Self.settings())
        #expect(warm.counts == .init(unread: files))
        #expect(warm.postmortems == expected.postmortems)
        #expect(warm.diagnostics == expected.diagnostics)
        // The cache folder keeps itself out of git.
        let ignore = root.appendingPathComponent("postmortems/.pm-cache/.gitignore")
        #expect(try String(contentsOf: ignore, encoding: .utf8).hasSuffix("\n*\n"))
    }

    @Test func anEditIsSeen() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let file = "postmortems/2019-02-14-messenger-replies-stopped.md"
        _ = pm(["list"], in: root.path)
        Self.waitForNextSecond()
        _ = pm(["list"], in: root.path)
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        try write(
            text.replacingOccurrences(of: "title: Messenger replies", with: "title: Edited replies"), to: file, in: root
        )
        let run = pm(["list", "--format", "json"], in: root.path)
        #expect(run.stdout.contains("Edited replies"))
        #expect(run.stdout == pm(["list", "--format", "json", "--no-cache"], in: root.path).stdout)
        #expect(try Self.load(root, Self.settings()).postmortems == Self.load(root).postmortems)
    }

    @Test func aTouchWithoutChangeIsHashedNotParsed() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        _ = try Self.load(root, Self.settings())
        Self.waitForNextSecond()
        _ = try Self.load(root, Self.settings())
        let path = root.appendingPathComponent("postmortems/2019-02-14-messenger-replies-stopped.md").path
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
        let touched = try Self.load(root, Self.settings())
        #expect(touched.counts.hashed == 1)
        #expect(touched.counts.parsed == 0)
        #expect(touched.postmortems == (try Self.load(root)).postmortems)
    }

    /// Writes `text` into the file at `path` in place (same inode), as an editor saving in place does.
    static func overwrite(_ path: String, _ text: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// On a file system with whole-second times, an edit in the second the cache was written leaves the
    /// signature as it was; git's racily-clean rule (re-hash entries that changed in the second they were
    /// validated) is what sees it.
    @Test func anEditInTheSameSecondIsSeen() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let path = root.appendingPathComponent("postmortems/2020-01-01-race.md").path
        let settings = Self.settings(wholeSeconds: true)
        var tested = false
        for _ in 0..<20 where !tested {
            Self.waitForNextSecond()
            let second = Int(Date().timeIntervalSince1970)
            try Self.overwrite(path, "---\ntitle: AAAA\n---\n")
            #expect(try Self.load(root, settings).postmortems.first?.title == "AAAA")
            let before = try #require(FileSignature.of(path)).toWholeSeconds
            try Self.overwrite(path, "---\ntitle: BBBB\n---\n")
            let after = try #require(FileSignature.of(path)).toWholeSeconds
            // Only a run that stayed within one second (and kept the inode) shows the race.
            guard Int(Date().timeIntervalSince1970) == second, before == after else { continue }
            let cache = try #require(
                PostmortemsDirectory.open(root.appendingPathComponent("postmortems").path).summaryCache(settings))
            #expect(cache.unchangedHash(of: path, signature: after) == nil, "the entry is racy")
            #expect(try Self.load(root, settings).postmortems.first?.title == "BBBB")
            tested = true
        }
        #expect(tested, "no attempt stayed within one second")
    }

    @Test func aRenamedFileIsHashedNotParsed() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        _ = try Self.load(root, Self.settings())
        let folder = root.appendingPathComponent("postmortems")
        try FileManager.default.moveItem(
            at: folder.appendingPathComponent("2019-02-14-messenger-replies-stopped.md"),
            to: folder.appendingPathComponent("2019-02-15-renamed.md"))
        let renamed = try Self.load(root, Self.settings())
        #expect(renamed.counts.parsed == 0)
        #expect(renamed.postmortems == (try Self.load(root)).postmortems)
        #expect(
            renamed.postmortems.contains {
                $0.id == "2019-02-15-renamed" && $0.actions.first?.id.hasPrefix("2019-02-15-renamed/") == true
            })
        #expect(pm(["actions"], in: root.path).stdout == pm(["actions", "--no-cache"], in: root.path).stdout)
    }

    @Test func aDeletedFileIsGone() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        _ = pm(["list"], in: root.path)
        try FileManager.default.removeItem(
            at: root.appendingPathComponent("postmortems/2019-02-14-messenger-replies-stopped.md"))
        let run = pm(["list"], in: root.path)
        #expect(!run.stdout.contains("2019-02-14"))
        #expect(run.stdout == pm(["list", "--no-cache"], in: root.path).stdout)
        let files = try Self.load(root, Self.settings()).postmortems.count
        try FileManager.default.removeItem(
            at: root.appendingPathComponent("postmortems/2019-03-07-migration-blocked-outage.md"))
        let after = try Self.load(root, Self.settings())
        #expect(after.postmortems == (try Self.load(root)).postmortems)
        let directory = try PostmortemsDirectory.open(root.appendingPathComponent("postmortems").path)
        #expect(directory.summaryCache(Self.settings())?.counts.files == files - 1)
    }

    @Test func switchingGitBranchesReadsEachBranch() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        func git(_ arguments: String...) throws {
            let run = try runProgram(
                "git", ["-C", root.path, "-c", "user.name=pm", "-c", "user.email=pm@example.com"] + arguments)
            #expect(run.status == 0, "git \(arguments): \(run.stderr)")
        }
        try git("init", "-q", "-b", "main")
        try git("add", "-A")
        try git("commit", "-q", "-m", "main")
        try git("checkout", "-q", "-b", "other")
        let folder = "postmortems/"
        let edited = folder + "2019-02-14-messenger-replies-stopped.md"
        let text = try String(contentsOf: root.appendingPathComponent(edited), encoding: .utf8)
        try write(text.replacingOccurrences(of: "- [ ]", with: "- [x]"), to: edited, in: root)
        try FileManager.default.removeItem(
            at: root.appendingPathComponent(folder + "2019-03-07-migration-blocked-outage.md"))
        try write(
            "# Only on the branch\n\n## Action items\n\n- [ ] Branch work @li\n", to: folder + "2030-01-01-branch.md",
            in: root)
        try git("add", "-A")
        try git("commit", "-q", "-m", "other")
        for command in [["actions"], ["list"], ["stats", "--format", "json"]] {
            #expect(pm(command, in: root.path).stdout == pm(command + ["--no-cache"], in: root.path).stdout)
        }
        try git("checkout", "-q", "main")
        for command in [["actions"], ["list"], ["stats", "--format", "json"]] {
            #expect(pm(command, in: root.path).stdout == pm(command + ["--no-cache"], in: root.path).stdout)
        }
        // Through one cache (pm above runs as another build), every switch to a branch seen before finds
        // the summaries of the files git rewrote: they are hashed, not parsed.
        _ = try Self.load(root, Self.settings())
        try git("checkout", "-q", "other")
        _ = try Self.load(root, Self.settings())
        for branch in ["main", "other", "main"] {
            try git("checkout", "-q", branch)
            let switched = try Self.load(root, Self.settings())
            #expect(switched.counts.parsed == 0, "\(branch)")
            #expect(switched.postmortems == (try Self.load(root)).postmortems, "\(branch)")
        }
    }

    @Test(arguments: ["empty", "garbage", "truncated", "flipped", "version", "extended"])
    func aDamagedCacheIsIgnoredAndRebuilt(damage: String) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let expected = try Self.load(root)
        _ = try Self.load(root, Self.settings())
        let file = root.appendingPathComponent("postmortems/.pm-cache/summaries.bin")
        var bytes = try [UInt8](Data(contentsOf: file))
        switch damage {
        case "empty": bytes = []
        case "garbage": bytes = Array("not a cache at all, but long enough to have a header".utf8)
        case "truncated": bytes = Array(bytes.prefix(bytes.count / 2))
        case "flipped": bytes[bytes.count * 2 / 3] ^= 0x20
        case "version": bytes[8] &+= 1
        default: bytes += [0]
        }
        try Data(bytes).write(to: file)
        let directory = try PostmortemsDirectory.open(root.appendingPathComponent("postmortems").path)
        if !bytes.isEmpty { #expect(directory.summaryCache(Self.settings())?.rejection != nil) }
        let read = try Self.load(root, Self.settings())
        #expect(read.counts.parsed == expected.postmortems.count)
        #expect(read.postmortems == expected.postmortems)
        #expect(read.diagnostics == expected.diagnostics)
        let rebuilt = try #require(directory.summaryCache(Self.settings()))
        #expect(rebuilt.rejection == nil)
        #expect(rebuilt.counts.files == expected.postmortems.count)
    }

    @Test func anotherBuildOrOtherTemplatesStartAfresh() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        _ = try Self.load(root, Self.settings())
        var other = Self.settings()
        other.build = "another build"
        let directory = try PostmortemsDirectory.open(root.appendingPathComponent("postmortems").path)
        #expect(directory.summaryCache(other)?.rejection?.contains("another build") == true)
        #expect(try Self.load(root, other).counts.hashed == 0)
        // A team template changes what headings mean: the summaries are parsed again.
        try write(
            "---\nname: ours\nversion: 1\ndescription: Ours.\nquestions:\n  - key: impact\n    heading: What hurt?\n"
                + "    aliases: [What went wrong?]\n---\n\n## What hurt?\n",
            to: "postmortems/templates/ours.md", in: root)
        let withTemplate = try Self.load(root, other)
        #expect(withTemplate.counts.hashed == 0)
        #expect(withTemplate.postmortems == (try Self.load(root)).postmortems)
    }

    @Test func aReadOnlyDirectoryKeepsItsCacheUnderXDG() throws {
        let root = try Self.repository()
        let xdg = try TemporaryFiles.makeFolder()
        defer {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent("postmortems").path)
            TemporaryFiles.remove(root)
            TemporaryFiles.remove(xdg)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: xdg.path)
        let folder = root.appendingPathComponent("postmortems")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        let expected = pm(["actions", "--no-cache"], in: root.path)
        // Root may write anywhere: the command then runs as `nobody`, for whom the directory is read-only.
        func run() throws -> Run {
            let arguments = ["actions", "--dir", folder.path]
            let environment = ["PM_TODAY": testToday, "XDG_CACHE_HOME": xdg.path]
            guard geteuid() == 0 else { return pm(arguments, in: root.path, environment: environment) }
            return try runProgram(
                "setpriv",
                ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "env"]
                    + environment.map { "\($0)=\($1)" } + [builtExecutable.path] + arguments)
        }
        for _ in 0..<2 {
            let result = try run()
            #expect(result.status == expected.status)
            #expect(result.stdout == expected.stdout)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".pm-cache").path))
        let caches = try FileManager.default.contentsOfDirectory(atPath: xdg.appendingPathComponent("pm").path)
        #expect(caches.count == 1)
        #expect(caches.first?.hasSuffix("-postmortems") == true)
        #expect(
            FileManager.default.fileExists(
                atPath: xdg.appendingPathComponent("pm/\(caches.first ?? "")/summaries.bin").path))
    }

    @Test func twoProcessesWritingAtOnceLeaveAValidCache() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let folder = root.appendingPathComponent("postmortems")
        let file = "postmortems/2019-02-14-messenger-replies-stopped.md"
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        for round in 0..<4 {
            // Every round changes a file, so every process has something to write.
            try write(text.replacingOccurrences(of: "Messenger", with: "Round \(round)"), to: file, in: root)
            let expected = pm(["actions", "--no-cache"], in: root.path).stdout
            let processes = try (0..<6).map { _ -> (Process, Pipe) in
                let process = Process()
                process.executableURL = builtExecutable
                process.arguments = ["actions", "--dir", folder.path]
                process.environment = ["PM_TODAY": testToday]
                let output = Pipe()
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                try process.run()
                return (process, output)
            }
            for (process, output) in processes {
                let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(printed == expected)
            }
            let cache = try #require(PostmortemsDirectory.open(folder.path).summaryCache(Self.settings()))
            // Written by the pm executable (another build than these tests): whole, but not this build's.
            #expect(cache.rejection?.contains("another build") == true)
            #expect(pm(["actions"], in: root.path).stdout == expected)
        }
        // No temporary file is left behind.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".pm-cache").path)
                .sorted() == [".gitignore", "CACHEDIR.TAG", "summaries.bin"])
    }
}
