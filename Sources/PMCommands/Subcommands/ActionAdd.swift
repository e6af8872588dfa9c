import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm action add INCIDENT TEXT`: appends an action item to a postmortem.
struct ActionAdd: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Append an action item to an incident's actions section.",
        discussion: """
            Writes `- [ ] TEXT @owner due:YYYY-MM-DD #kind TICKET <!-- id:TOKEN -->` at the end of the actions \
            section, creating the section (with the template's heading) when the postmortem has none, and prints the \
            new action's id. Every other byte stays as it was.

            An item lint would flag (no --owner or --due, a kind not in pm.yml's lint.kinds) is refused when \
            the rule is an error in pm.yml (the default for owner and due date), and written with a warning \
            when it is a warning.

            Example:
              pm action add 2019-02-14 "Alert on Send API errors" --owner sam \\
                --due 2019-03-01 --kind detect --ticket ENG-123
            """
    )

    @Argument(help: "The incident's id, or a unique prefix of it.")
    var incident: String

    @Argument(help: "What to do, in one line.")
    var text: String

    @Option(
        name: .customLong("owner"),
        help: ArgumentHelp("Who owns it, with or without @ (repeatable).", valueName: "name"))
    var owners: [String] = []

    @Option(help: ArgumentHelp("When it is due.", valueName: "YYYY-MM-DD"))
    var due: CalendarDate?

    @Option(help: ArgumentHelp("Its kind: prevent, detect, mitigate, process, runbook …", valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("A ticket: ABC-123 or an http(s) URL.", valueName: "ticket"))
    var ticket: String?

    @OptionGroup var location: ReadingOptions

    var newAction: NewAction {
        NewAction(
            text: text.trimmingCharacters(in: .whitespaces), owners: owners.map(Token.owner),
            due: due, kind: kind.map(Token.kind), ticket: ticket)
    }

    func validate() throws {
        if let problem = newAction.problem { throw ValidationError(problem) }
    }

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context)
        let postmortem = try set.resolve(incident)
        let template = postmortem.frontMatter.template.flatMap(directory.catalog.template) ?? directory.defaultTemplate
        let heading = template?.questions.first { $0.key == "actions" }?.heading ?? "Action items"
        // An item lint would flag is refused or warned about, as pm.yml's levels say.
        let gate = try LintGate(directory: directory, context: context)
        var warnings: [Diagnostic] = []
        let action = try ActionEditor(parser: directory.parser).add(newAction, to: postmortem, actionsHeading: heading)
        {
            edited, added in
            // A refused item never gets its id: lint's words name it "the new action" instead.
            let findings = gate.findings(
                in: edited, path: postmortem.path, id: postmortem.id, rules: Self.itemRules, line: added.line
            ).map { finding in
                var finding = finding
                if finding.severity == .error {
                    finding.message = finding.message.replacingOccurrences(
                        of: "open action \(added.id)", with: "the new action")
                }
                return finding
            }
            warnings = try gate.check(findings, subject: "the new item", advice: Self.advice)
        }
        context.stdout.write("\(postmortem.path):\(action.line): [ ] \(action.id) \(action.text)\n")
        LintGate.report(warnings, to: context)
        return .success
    }

    /// The lint rules about one action item, and the flag that satisfies each.
    static let flags: [(RuleID, String)] = [
        (.actionOwner, "--owner"), (.actionDue, "--due"), (.actionDueInvalid, "--due"), (.actionKind, "--kind"),
    ]
    static let itemRules = Set(flags.map(\.0))

    /// What to pass instead, for the rules that refused the item.
    static func advice(_ rules: Set<RuleID>) -> String {
        let needed = flags.filter { rules.contains($0.0) }.map(\.1).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        return
            " (pass \(needed.joined(separator: " and ")), or lower \(rules.count == 1 ? "that rule" : "those rules") "
            + "in pm.yml's lint.rules)"
    }
}
