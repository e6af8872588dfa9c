import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

/// Postmortems written elsewhere (issue 11): pm's reading of `Tests/Fixtures/realworld/` and of the three
/// batches written later to check that the reading generalises (`realworld-holdout`, `-2`, `-3`) is
/// scored against their `expected.json` the way `Scripts/score-realworld`
/// scores it, and every score must stay at or above what pm reaches today, so a change that reads them worse
/// fails.
@Suite struct RealWorldReadingTests {
    /// The floors: what pm reached when this test was written (the issue's targets are lower); lint findings per
    /// file with about one finding of headroom, as the blameless matcher (owned elsewhere) moves.
    struct Floors {
        var recall: Double
        var precision: Double
        var doneOpen: Double
        var title: Double
        var date: Double
        var impact: Double
        var rootCause: Double
        var findingsPerFile: Double
    }

    static let floors: [String: Floors] = [
        "realworld": Floors(
            recall: 1.0, precision: 1.0, doneOpen: 1.0, title: 1.0, date: 1.0, impact: 1.0, rootCause: 1.0,
            findingsPerFile: 1.45),
        "realworld-holdout": Floors(
            recall: 1.0, precision: 1.0, doneOpen: 1.0, title: 1.0, date: 1.0, impact: 1.0, rootCause: 1.0,
            findingsPerFile: 1.2),
        "realworld-holdout-2": Floors(
            recall: 1.0, precision: 1.0, doneOpen: 1.0, title: 1.0, date: 1.0, impact: 1.0, rootCause: 1.0,
            findingsPerFile: 1.35),
        // Scored once before any change for it: recall 0.949, precision 1.0, done/open 0.964, title 0.882,
        // date 0.588, impact 1.0, root cause 0.882, 1.53 findings per file.
        "realworld-holdout-3": Floors(
            recall: 1.0, precision: 1.0, doneOpen: 1.0, title: 1.0, date: 1.0, impact: 1.0, rootCause: 0.94,
            findingsPerFile: 1.25),
    ]

    @Test(arguments: ["realworld", "realworld-holdout", "realworld-holdout-2", "realworld-holdout-3"])
    func scoresStayAtOrAboveTheirFloors(folder: String) throws {
        let score = try Score(folder: folder)
        let floors = try #require(Self.floors[folder])
        #expect(score.recall >= floors.recall, "actions recall \(score.recall)\n\(score.misses)")
        #expect(score.precision >= floors.precision, "actions precision \(score.precision)\n\(score.misses)")
        #expect(score.doneOpen >= floors.doneOpen, "done/open \(score.doneOpen)\n\(score.misses)")
        #expect(score.title >= floors.title, "title \(score.title)\n\(score.misses)")
        #expect(score.date >= floors.date, "date \(score.date)\n\(score.misses)")
        #expect(score.impact >= floors.impact, "impact \(score.impact)\n\(score.misses)")
        #expect(score.rootCause >= floors.rootCause, "root cause \(score.rootCause)\n\(score.misses)")
        #expect(score.inferredMarked, "dates read only from the timeline are marked inferred\n\(score.misses)")
        #expect(
            score.findingsPerFile < floors.findingsPerFile,
            "lint findings per file \(score.findingsPerFile): \(score.findingsByRule)")
    }

    @Test func everyFieldSaysWhereItWasRead() throws {
        let set = try Score.load("realworld")
        let postmortem = try #require(set.postmortems.first { $0.id == "kafka-rebalance-storm" })
        #expect(postmortem.dateSource == .inferred, "the date is only in the timeline")
        let sources = PostmortemDetailRecord.sources(of: postmortem)
        #expect(sources["date"] == "inferred")
        #expect(sources["title"] == "heading")
        #expect(sources["impact"] == "heading")
        let labels = try #require(set.postmortems.first { $0.id == "billing-export-duplicates" })
        let labelSources = PostmortemDetailRecord.sources(of: labels)
        #expect(labelSources["impact"] == "label")
        #expect(labelSources["severity"] == "label")
        #expect(labelSources["date"] == "heading", "## Date: December 08, 2022")
        let named = try #require(set.postmortems.first { $0.id == "06-nov-2022-db-outage" })
        #expect(PostmortemDetailRecord.sources(of: named)["date"] == "label", "a Date: line before the file name")
        let frontMatter = try #require(set.postmortems.first { $0.id == "public-api-5xx-incidentio" })
        #expect(frontMatter.frontMatter.started == Timestamp("2024-02-19T08:41:00Z"), "start_time is started")
        #expect(frontMatter.frontMatter.keysReadFromOtherNames["resolved"] == "end_time")
        #expect(PostmortemDetailRecord.sources(of: frontMatter)["started"] == "front matter")
    }
}

/// The metrics of `Scripts/score-realworld`, computed in process.
struct Score {
    var recall = 0.0
    var precision = 0.0
    var doneOpen = 0.0
    var title = 0.0
    var date = 0.0
    var impact = 0.0
    var rootCause = 0.0
    var inferredMarked = true
    var findingsPerFile = 0.0
    var findingsByRule: [String: Int] = [:]
    var misses: [String] = []

    static func folder(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/Fixtures/\(name)").path
    }

    static func load(_ name: String) throws -> PostmortemSet {
        let path = folder(name)
        return try PostmortemSet.load(try PostmortemsDirectory.open(path, displayBase: path), displayBase: path)
    }

    init(folder name: String) throws {
        let path = Self.folder(name)
        let data = try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent("expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        let set = try Self.load(name)
        var byName: [String: Postmortem] = [:]
        for postmortem in set.postmortems { byName[(postmortem.path as NSString).lastPathComponent] = postmortem }

        var (expectedActions, found, reported, doneRight) = (0, 0, 0, 0)
        var titles = Tally()
        var dates = Tally()
        var impacts = Tally()
        var causes = Tally()
        for (file, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let got = byName[file] else {
                misses.append("\(file): not read")
                continue
            }
            func miss(_ what: String) { misses.append("\(file): \(what)") }
            let wantTitle = want["title"] as? String ?? ""
            titles.add(Self.title(got.title) == Self.title(wantTitle)) { miss("title \(got.title)") }
            if let wantDate = want["date"] as? String {
                dates.add(got.date?.description == wantDate) { miss("date \(got.date?.description ?? "none")") }
                if want["dateInferred"] as? Bool == true, got.dateSource != .inferred {
                    inferredMarked = false
                    miss("date not marked inferred")
                }
            }
            if let wantImpact = want["impact"] as? String {
                impacts.add(Self.text(got.impact ?? "").contains(Self.text(wantImpact))) { miss("impact") }
            }
            if let wantCause = want["rootCause"] as? String {
                causes.add(Self.text(got.rootCause ?? "").contains(Self.text(wantCause))) { miss("root cause") }
            }
            // Each expected item takes the first unmatched item whose text holds its text.
            let wantActions = want["actions"] as? [[String: Any]] ?? []
            var used = Set<Int>()
            for action in wantActions {
                expectedActions += 1
                let needle = Self.text(action["text"] as? String ?? "")
                guard
                    let match = got.actions.indices.first(where: {
                        !used.contains($0) && Self.text(got.actions[$0].text).contains(needle)
                    })
                else {
                    miss("action not found: \(needle)")
                    continue
                }
                used.insert(match)
                found += 1
                if got.actions[match].isDone == (action["done"] as? Bool ?? false) {
                    doneRight += 1
                } else {
                    miss("done/open: \(needle)")
                }
            }
            reported += got.actions.count
            for index in got.actions.indices where !used.contains(index) {
                miss("not an action: \(got.actions[index].text)")
            }
        }
        recall = Double(found) / Double(max(1, expectedActions))
        precision = Double(found) / Double(max(1, reported))
        doneOpen = Double(doneRight) / Double(max(1, found))
        title = titles.ratio
        date = dates.ratio
        impact = impacts.ratio
        rootCause = causes.ratio

        let linter = try Linter(
            config: Config(), today: CalendarDate("2026-11-21")!, now: Date(timeIntervalSince1970: 1_795_219_200),
            configPath: "pm.yml")
        let files = expected.keys.map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
        let findings = linter.lint(files: files, displayBase: path)
        for finding in findings { findingsByRule[finding.rule.rawValue, default: 0] += 1 }
        findingsPerFile = Double(findings.count) / Double(max(1, expected.count))
    }

    struct Tally {
        var hit = 0
        var total = 0
        var ratio: Double { total == 0 ? 1 : Double(hit) / Double(total) }

        mutating func add(_ ok: Bool, otherwise: () -> Void) {
            total += 1
            if ok { hit += 1 } else { otherwise() }
        }
    }

    /// Lower case, `*`, `_`, `` ` `` and `~` left out, typographic quotes straightened, whitespace as one space.
    static func text(_ text: String) -> String {
        let straightened = text.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(
            of: "\u{2018}", with: "'"
        ).replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
        return straightened.filter { !"*_`~".contains($0) }.lowercased().split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    /// A title as a reader compares it: without a leading generic label (`Postmortem:`, `RCA –`), a trailing
    /// parenthetical holding a digit, case, emoji and punctuation.
    static func title(_ title: String) -> String {
        var text = title.trimmingCharacters(in: .whitespaces)
        for label in [
            "post-mortem", "postmortem", "post mortem", "incident report", "incident review", "incident postmortem",
            "rca", "pir",
        ] {
            guard text.lowercased().hasPrefix(label) else { continue }
            let rest = text.dropFirst(label.count).drop { $0 == " " }
            if let first = rest.first, ":-–—".contains(first), rest.dropFirst().first == " " {
                text = String(rest.dropFirst().drop { $0 == " " })
            }
            break
        }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), text[open...].contains(where: \.isNumber) {
            text = String(text[..<open])
        }
        return text.map { $0.isLetter || $0.isNumber ? String($0).lowercased() : " " }.joined()
            .split(separator: " ").joined(separator: " ")
    }
}
