import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace
import Testing

@Suite(.cleansUpTemporaryFiles) struct InitTests {
    @Test func createsTheDirectoryAndConfigThenRefusesPolitely() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let first = pm(["init", "--dir", "incidents"], in: root.path)
        #expect(first.status == 0)
        #expect(
            first.stdout.hasPrefix(
                "Created incidents/pm.yml (template six-questions@2, severities critical, high, medium, low)"))
        let configPath = root.appendingPathComponent("incidents/pm.yml").path
        let config = try String(contentsOfFile: configPath, encoding: .utf8)
        let parsed = try Config.parse(config, path: configPath)
        #expect(parsed.defaultTemplate == TemplateReference("six-questions@2"))
        #expect(parsed.severities == Config.defaultSeverities)
        #expect(
            try String(contentsOfFile: root.appendingPathComponent("incidents/.gitignore").path, encoding: .utf8)
                == "# pm's summary cache (safe to delete)\n.pm-cache/\n")

        try Data("template: six-questions@1\n".utf8).write(to: URL(fileURLWithPath: configPath))
        let second = pm(["init", "--dir", "incidents"], in: root.path)
        #expect(second.status == 1)
        #expect(second.stderr.contains("already exists"))
        #expect(
            try String(contentsOfFile: configPath, encoding: .utf8) == "template: six-questions@1\n",
            "nothing was changed")
    }

    @Test func aGitignoreThereKeepsEveryLineAndGainsTheCache() throws {
        let root = try temporaryRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("site/\n*.tmp", to: "postmortems/.gitignore", in: root)
        #expect(pm(["init"], in: root.path).status == 0)
        #expect(
            try String(contentsOfFile: root.appendingPathComponent("postmortems/.gitignore").path, encoding: .utf8)
                == "site/\n*.tmp\n# pm's summary cache (safe to delete)\n.pm-cache/\n")
    }

    @Test func anUnknownTemplateIsAUsageError() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(["init", "--template", "nope@3"], in: root.path)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "no template named nope@3; available: atlassian@1, google-sre@1, pagerduty@1, six-questions@1, "
                    + "six-questions@2"
            ))
    }
}

@Suite(.cleansUpTemporaryFiles) struct NewTests {
    @Test func writesTheScaffoldAndPrintsItsPath() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(["new", "Messenger replies stopped", "--severity", "critical"], in: root.path)
        #expect(run.status == 0)
        #expect(run.stdout == "postmortems/2026-11-21-messenger-replies-stopped.md\n")
        let text = try String(
            contentsOf: root.appendingPathComponent("postmortems/2026-11-21-messenger-replies-stopped.md"),
            encoding: .utf8)
        expectGolden(text, "new-default.md")
    }

    @Test func everyFlagRoundTripsThroughShow() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(
            [
                "new", "Payouts failed: cert \"rotated\"", "--severity", "HIGH", "--date", "2019-02-14", "--template",
                "six-questions@1",
                "--started", "2019-02-14T10:02:00Z", "--detected", "2019-02-14T11:20+01:00", "--acknowledged",
                "2019-02-14T10:24Z",
                "--resolved", "2019-02-14 11:08", "--detection", "customer-support", "--responder", "@sam",
                "--responder", "priya",
                "--facilitator", "jo", "--service", "messenger", "--service", "payouts", "--tag", "third-party",
                "--tag", "x, y",
            ],
            in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "postmortems/2019-02-14-payouts-failed-cert-rotated.md\n")
        let show = pm(["show", "2019-02-14-payouts", "--format", "json"], in: root.path)
        #expect(show.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(json["title"] as? String == "Payouts failed: cert \"rotated\"")
        #expect(json["date"] as? String == "2019-02-14")
        #expect(json["severity"] as? String == "high")
        #expect(json["status"] as? String == "draft")
        #expect(json["template"] as? String == "six-questions@1")
        #expect(json["started"] as? String == "2019-02-14T10:02:00Z")
        #expect(json["detected"] as? String == "2019-02-14T10:20:00Z")
        #expect(json["acknowledged"] as? String == "2019-02-14T10:24:00Z")
        #expect(json["resolved"] as? String == "2019-02-14T11:08:00Z")
        #expect(json["time_to_detect_seconds"] as? Int == 18 * 60)
        #expect(json["time_to_resolve_seconds"] as? Int == 48 * 60)
        #expect(json["detection"] as? String == "customer-support")
        #expect(json["responders"] as? [String] == ["sam", "priya"])
        #expect(json["facilitator"] as? String == "jo")
        #expect(json["services"] as? [String] == ["messenger", "payouts"])
        #expect(json["tags"] as? [String] == ["third-party", "x, y"])
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(
            sections.map { $0["key"] as? String } == [
                "summary", "impact", "root-cause", "resolution", "prevention", "faster-response", "actions",
            ])
        #expect(sections.allSatisfy { $0["answered"] as? Bool == false })
    }

    @Test func neverOverwritesAndNumbersTheSecondIncident() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let existing = root.appendingPathComponent("postmortems/2020-01-01-outage.md")
        try Data("mine".utf8).write(to: existing)
        let run = pm(["new", "Outage", "--date", "2020-01-01"], in: root.path)
        #expect(run.stdout == "postmortems/2020-01-01-outage-2.md\n")
        let third = pm(["new", "Outage", "--date", "2020-01-01"], in: root.path)
        #expect(third.stdout == "postmortems/2020-01-01-outage-3.md\n")
        #expect(try String(contentsOf: existing, encoding: .utf8) == "mine")
    }

    @Test func titlesCannotEscapeTheDirectory() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(["new", "../../../etc/passwd", "--date", "2020-01-01"], in: root.path)
        #expect(run.stdout == "postmortems/2020-01-01-etc-passwd.md\n")
        #expect(
            FileManager.default.fileExists(
                atPath: root.appendingPathComponent("postmortems/2020-01-01-etc-passwd.md").path))
    }

    @Test(arguments: [
        (["new", ""], "the title is empty"),
        (
            ["new", "x", "--severity", "sev1"],
            "--severity sev1 is not on the scale; use one of critical, high, medium, low"
        ),
        (["new", "x", "--date", "2020-02-30"], "--date"),
        (["new", "x", "--started", "noon"], "--started"),
        (
            ["new", "x", "--started", "14:02"],
            "The value '14:02' is invalid for '--started <time>': write a date and time in ISO 8601, like "
                + "2019-02-14T10:02:00Z, 2019-02-14T10:02Z, 2019-02-14 10:02 (UTC) or 2019-02-14T11:02+01:00"
        ),
        (
            ["new", "x", "--started", "2020-01-01T10:00Z", "--resolved", "2020-01-01T09:00Z"],
            "pm: error: `resolved` (2020-01-01T09:00:00Z) is before `started` (2020-01-01T10:00:00Z); the times must "
                + "run started ≤ detected ≤ acknowledged ≤ resolved [time-order]; pm lint would reject the new "
                + "postmortem, so nothing was written\n"
        ),
        (
            ["new", "x", "--started", "2026-11-21T10:00Z"],
            "pm: error: `started: 2026-11-21T10:00:00Z` is in the future [future-time]; pm lint would reject"
        ),
        (["new", "x", "--date", "2026-12-01"], "pm: error: `date: 2026-12-01` is in the future [future-time]"),
        (["new", "x", "--template", "six-questions@9"], "no template named six-questions@9"),
    ])
    func badInputIsAUsageError(arguments: [String], message: String) throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(arguments, in: root.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("postmortems").path).isEmpty
        )
    }

    @Test func theDateComesFromTheStartWhenNotGiven() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(["new", "Late night", "--started", "2026-11-20T23:40Z"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "postmortems/2026-11-20-late-night.md\n")
        let text = try String(
            contentsOf: root.appendingPathComponent("postmortems/2026-11-20-late-night.md"), encoding: .utf8)
        #expect(text.contains("\ndate: 2026-11-20\n"))
        // The day as written, with its offset: the team's day, not UTC's.
        let offset = pm(["new", "Evening", "--started", "2026-11-19T22:30-05:00"], in: root.path)
        #expect(offset.stdout == "postmortems/2026-11-19-evening.md\n", "\(offset.stderr)")
        let given = pm(["new", "Given", "--date", "2026-11-19", "--started", "2026-11-20T10:00Z"], in: root.path)
        #expect(given.stdout == "postmortems/2026-11-19-given.md\n")
    }

    @Test func aRuleTheTeamTurnedDownOnlyWarns() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("lint:\n  rules:\n    time-order: warning\n", to: "postmortems/pm.yml", in: root)
        let run = pm(
            ["new", "x", "--started", "2020-01-01T10:00Z", "--resolved", "2020-01-01T09:00Z"], in: root.path)
        #expect(run.status == 0)
        #expect(
            run.stderr
                == "postmortems/2020-01-01-x.md:8: warning: `resolved` (2020-01-01T09:00:00Z) is before `started` "
                + "(2020-01-01T10:00:00Z); the times must run started ≤ detected ≤ acknowledged ≤ resolved "
                + "[time-order]\n")
    }

    @Test func theConfiguredTemplateAndScaleAreUsed() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("template: six-questions@1\nseverities: [sev1, sev2]\n", to: "postmortems/pm.yml", in: root)
        let run = pm(["new", "Queue stuck", "--severity", "sev2", "--date", "2020-01-01"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(
            contentsOf: root.appendingPathComponent("postmortems/2020-01-01-queue-stuck.md"), encoding: .utf8)
        #expect(text.contains("template: six-questions@1\n"))
        #expect(text.contains("## What could we do to find and fix the issue faster?"))
        #expect(text.contains("severity: sev2\n"))
    }

    @Test func editOpensTheEditorOnTheNewFile() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(
            ["new", "Edited", "--date", "2020-01-01", "--edit"], in: root.path,
            environment: ["EDITOR": "sh -c 'echo \"edited by the editor\" >> \"$0\"'", "VISUAL": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(
            contentsOf: root.appendingPathComponent("postmortems/2020-01-01-edited.md"), encoding: .utf8)
        #expect(text.hasSuffix("edited by the editor\n"))
    }

    @Test(arguments: [
        (["editor", "vi"], "editor"), (["vi"], "vi"),
    ])
    func editFallsBackLikeGit(programs: [String], used: String) throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for program in programs {
            let script = bin.appendingPathComponent(program)
            try Data("#!/bin/sh\necho \"edited by \(program)\" >> \"$1\"\n".utf8).write(to: script)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
        let run = pm(
            ["new", "Edited", "--date", "2020-01-01", "--edit"], in: root.path,
            environment: ["PATH": bin.path, "VISUAL": "", "EDITOR": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(
            contentsOf: root.appendingPathComponent("postmortems/2020-01-01-edited.md"), encoding: .utf8)
        #expect(text.hasSuffix("edited by \(used)\n"))
    }

    @Test func editWithNoEditorAnywhereKeepsTheFileAndSaysWhatWasTried() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(
            ["new", "Edited", "--date", "2020-01-01", "--edit"], in: root.path,
            environment: ["PATH": root.path, "VISUAL": "", "EDITOR": ""])
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "pm: error: --edit found no editor: $VISUAL and $EDITOR are not set, and neither editor nor vi is "
                + "on PATH; the file was created: postmortems/2020-01-01-edited.md\n")
    }

    @Test func aHundredConcurrentProcessesGiveAHundredFiles() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try #require(
            FileManager.default.isExecutableFile(atPath: builtExecutable.path), "build pm first (Scripts/test does)")
        var processes: [(Process, Pipe)] = []
        for _ in 0..<100 {
            let process = Process()
            let output = Pipe()
            process.executableURL = builtExecutable
            process.arguments = [
                "new", "Same incident", "--date", "2020-01-01", "--dir",
                root.appendingPathComponent("postmortems").path,
            ]
            process.standardOutput = output
            try process.run()
            processes.append((process, output))
        }
        var printed: [String] = []
        for (process, output) in processes {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            printed.append(String(decoding: data, as: UTF8.self))
        }
        #expect(Set(printed).count == 100)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("postmortems").path)
                .filter { $0.hasSuffix(".md") }.count == 100)
    }
}

@Suite(.cleansUpTemporaryFiles) struct NewRoundTripTests {
    @Test(arguments: [
        "null", "~", "yes", "No", "3", "2019-02-14", "1.5e3", "Foo ##", "# hash", "*stars* and `code` [x](y)",
        "a: b # c", "-dash",
    ])
    func valuesYAMLOrMarkdownWouldReadDifferentlyComeBackAsWritten(value: String) throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(
            [
                "new", "--detection=\(value)", "--facilitator=\(value)", "--responder=\(value)", "--tag=\(value)",
                "--date", "2020-01-01", "--", value,
            ],
            in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let show = pm(["show", String(run.stdout.dropLast()), "--format", "json"], in: root.path)
        #expect(show.stderr == "")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(json["title"] as? String == value)
        #expect(json["detection"] as? String == value.lowercased())
        #expect(json["facilitator"] as? String == value)
        #expect(json["responders"] as? [String] == [value])
        #expect(json["tags"] as? [String] == [value])
        let text = try String(
            contentsOfFile: root.appendingPathComponent(String(run.stdout.dropLast())).path, encoding: .utf8)
        let postmortem = PostmortemParser().parse(Array(text.utf8), path: "x.md", id: "x")
        #expect(postmortem.headingTitle == value, "the # heading reads back as the title")
    }

    @Test func idsStayUniqueAcrossSubfolders() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("# Old\n", to: "postmortems/2019/2020-01-01-outage.md", in: root)
        let run = pm(["new", "Outage", "--date", "2020-01-01"], in: root.path)
        #expect(run.stdout == "postmortems/2020-01-01-outage-2.md\n")
    }

    @Test func anUnknownTemplateInTheConfigNamesTheConfig() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("template: team@7\n", to: "postmortems/pm.yml", in: root)
        let run = pm(["new", "x"], in: root.path)
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "pm: error: postmortems/pm.yml: `template: team@7` is not a known template; use one of "
                + "atlassian@1, google-sre@1, pagerduty@1, six-questions@1, six-questions@2\n"
        )
    }

    @Test func aNewIncidentLikeAnEarlierOneNamesItOnStderr() throws {
        let root = try ActionEditTests.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = pm(
            [
                "new", "Payouts failed after the provider rotated a certificate", "--service", "payments", "--tag",
                "certificates",
            ], in: root.path)
        #expect(run.status == 0)
        #expect(run.stdout == "postmortems/2026-11-21-payouts-failed-after-the-provider-rotated-a-certificate.md\n")
        #expect(run.stderr.hasPrefix("Incidents like this one (pm related 2026-11-21-payouts-failed-after-the-"))
        #expect(
            run.stderr.contains(
                "  2026-10-23-advance-disbursements-failed  Cash advance payouts failed after the payments provider "
                    + "rotated its certificate  (same service: payments; shared tag: certificates; similar title)"))
        let unlike = pm(["new", "Office printer jammed"], in: root.path)
        #expect(unlike.status == 0)
        #expect(unlike.stderr == "", "nothing is printed when no incident is alike")
    }
}
