import ArgumentParser
import Foundation
import PMDocument
import PMReports
import Testing

@testable import PMCommands

/// Help stands alone: someone with only the binary finds every fact they need in it, and it reads whole at
/// 80 columns (issue 16).
@Suite(.cleansUpTemporaryFiles) struct HelpTests {
    /// Every command, with its path (`pm action add`).
    static func commands(
        _ command: any ParsableCommand.Type = PM.self, path: [String] = []
    ) -> [([String], any ParsableCommand.Type)] {
        let here = path + [command._commandName]
        return [(here, command)] + command.configuration.subcommands.flatMap { commands($0, path: here) }
    }

    static let builtIn = TemplateCatalog.builtIn.templates.map(\.reference.description)

    @Test func theBuiltInTemplatesAreNamedRightEverywhere() throws {
        #expect(Self.builtIn.count == 5)
        let help = PM.helpMessage(for: TemplateCommand.self, columns: 80)
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        #expect(pm(["init"], in: root.path).status == 0)
        let config = try String(
            contentsOf: root.appendingPathComponent("postmortems/pm.yml"), encoding: .utf8)
        let initHelp = PM.helpMessage(for: Init.self, columns: 80)
        for text in [help, config, initHelp] {
            for reference in Self.builtIn {
                #expect(text.contains(reference), "\(reference) is not named in:\n\(text)")
            }
            #expect(!text.contains("Two ") && !text.contains("two built"))
        }
        #expect(help.contains("Five templates are built in"))
    }

    @Test func noHelpSendsTheReaderToTheREADME() {
        for (path, command) in Self.commands() {
            let help = PM.helpMessage(for: command, columns: 80)
            #expect(!help.contains("README"), "\(path.joined(separator: " ")) --help points at the README")
        }
    }

    @Test func everyFieldIsListedWhereItIsPrinted() {
        let actionFields = ActionRecord.columns(withToday: true).map(\.name)
        let incidentFields = IncidentRecord.columns(withToday: true).map(\.name)
        #expect(Set(actionFields).isSubset(of: FieldHelp.actionMeanings.keys))
        #expect(Set(incidentFields).isSubset(of: FieldHelp.incidentMeanings.keys))
        for line in (FieldHelp.actions + "\n" + FieldHelp.incidents).split(separator: "\n") {
            #expect(line.count <= 80, "too long for 80 columns: \(line)")
        }
        let cases: [(any ParsableCommand.Type, [String])] = [
            (Actions.self, actionFields), (List.self, incidentFields),
            (ExportCommand.self, actionFields + incidentFields),
            (Show.self, incidentFields),
        ]
        for (command, fields) in cases {
            let lines = PM.helpMessage(for: command, columns: 80).split(separator: "\n").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            for field in fields {
                #expect(
                    lines.contains { $0.hasPrefix(field + " ") },
                    "\(command._commandName) --help does not list \(field)")
            }
        }
    }

    @Test func examplesNeverWrapMidCommand() {
        var examples = 0
        for (path, command) in Self.commands() {
            let help = PM.helpMessage(for: command, columns: 80)
            let lines = Set(help.split(separator: "\n").map(String.init))
            for line in command.configuration.discussion.split(separator: "\n").map(String.init)
            where line.hasPrefix("  ")
                && (line.trimmingCharacters(in: .whitespaces).hasPrefix("pm ") || line.hasSuffix("\\"))
            {
                examples += 1
                #expect(lines.contains(line), "\(path.joined(separator: " ")) --help wraps the example: \(line)")
            }
        }
        #expect(examples >= 10)
    }
}
