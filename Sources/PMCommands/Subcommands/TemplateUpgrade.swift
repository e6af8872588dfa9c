import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm template upgrade ID…`: moves postmortems onto another template version.
struct TemplateUpgrade: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Move postmortems onto another template version without losing a word.",
        discussion: """
            Every section is kept: those the target template knows move to its order under its headings; \
            questions new in the target are added, unanswered; sections it does not know stay, in order, \
            after the known ones. In the front matter only the template: value changes. --dry-run prints a \
            unified diff and changes nothing; otherwise each file is replaced atomically.

            --to defaults to the newest version of the postmortem's own template (or of pm.yml's default). \
            A postmortem already on the target is left as it is (nothing to do, exit status 0).

            Examples:
              pm template upgrade 2019-02-14 --dry-run
              pm template upgrade 2019-02-14 2019-03 --to six-questions@2
            """
    )

    @Argument(help: ArgumentHelp("Incident ids (or unique prefixes, or paths).", valueName: "id"))
    var ids: [String]

    @Option(help: ArgumentHelp("The template to move to.", valueName: "name@version"))
    var to: TemplateReference?

    @Flag(help: "Print a unified diff of each change and write nothing.")
    var dryRun = false

    @OptionGroup var location: ReadingOptions

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one postmortem to upgrade (pm list shows the ids)") }
    }

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context, quiet: true)
        context.report(directory.templateProblems)
        if let to, directory.catalog.template(to) == nil {
            throw PMError.unknownTemplate(
                to.description, available: directory.catalog.templates.map(\.reference.description))
        }
        let postmortems = try ids.map { try set.resolve($0) }
        var status = ExitStatus.success
        for postmortem in postmortems {
            do {
                try upgrade(postmortem, directory: directory, context: context)
            } catch let error as LocalizedError {
                context.stderr.write("pm: error: \(error.errorDescription ?? "\(error)")\n")
                status = .failure
            }
        }
        return status
    }

    /// `a/postmortems/x.md` as git labels a relative path; an absolute path as it is.
    static func label(_ side: String, _ path: String) -> String {
        path.hasPrefix("/") ? path : "\(side)/\(path)"
    }

    private func upgrade(_ postmortem: Postmortem, directory: PostmortemsDirectory, context: CommandContext) throws {
        let catalog = directory.catalog
        let family =
            postmortem.frontMatter.template?.name ?? directory.defaultTemplate?.name ?? TemplateCatalog.defaultFamily
        let reference = to ?? TemplateReference(name: family, version: nil)
        guard let target = catalog.template(reference) else {
            throw PMError.unknownTemplate(
                reference.description, available: catalog.templates.map(\.reference.description))
        }
        let original: [UInt8]
        let outcome: TemplateUpgrader.Outcome
        do {
            (original, outcome) = try TemplateUpgrader(target: target).apply(
                to: postmortem, parser: directory.parser, write: !dryRun)
        } catch UpgradeError.alreadyOn {
            // Nothing to do is success; a dry run keeps its output a diff (an empty one).
            (dryRun ? context.stderr : context.stdout).write(
                "\(postmortem.path): already on \(target.reference); nothing to do\n")
            return
        }
        if dryRun {
            context.stdout.write(
                UnifiedDiff.make(
                    old: String(decoding: original, as: UTF8.self), new: String(decoding: outcome.bytes, as: UTF8.self),
                    oldLabel: Self.label("a", postmortem.path), newLabel: Self.label("b", postmortem.path)))
            return
        }
        let from = outcome.from?.description ?? "no template"
        var details: [String] = []
        if !outcome.renamed.isEmpty { details.append("\(outcome.renamed.count) renamed") }
        if !outcome.added.isEmpty { details.append("\(outcome.added.count) added") }
        if !outcome.keptAfter.isEmpty {
            details.append("\(outcome.keptAfter.count) kept after: \(outcome.keptAfter.joined(separator: ", "))")
        }
        context.stdout.write(
            "\(postmortem.path): \(from) → "
                + "\(target.reference)\(details.isEmpty ? "" : " (sections: \(details.joined(separator: "; ")))")\n"
        )
    }
}
