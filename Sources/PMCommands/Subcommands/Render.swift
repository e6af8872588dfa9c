import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm render`: the static HTML site.
struct Render: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the static HTML site: incidents, one page per postmortem, open actions, charts.",
        discussion: """
            Writes index.html, actions.html, stats.html, style.css and incidents/*.html into --out (default \
            site/). The site is self-contained (open it from disk or serve it anywhere), deterministic (the \
            same postmortems give the same bytes), and incremental: a re-render rewrites only the pages whose \
            inputs changed. Layouts are Mustache files; replace any of them (or style.css) by putting a file of \
            the same name in the postmortems directory's templates/site/ folder.

            Example:
              pm render --out site
            """
    )

    @Option(help: ArgumentHelp("The folder to write the site to.", valueName: "dir"))
    var out = "site"

    @Flag(help: "Render and rewrite every page, whatever the last render remembered.")
    var clean = false

    @Flag(help: "Print the build time in page footers (the output then differs from run to run).")
    var stamp = false

    @OptionGroup var location: ReadingOptions

    func run(context: CommandContext) throws -> ExitStatus {
        let directory = try location.locate(in: context)
        let builder = try SiteBuilder(directory: directory, displayBase: context.workingDirectory)
        let outPath = PostmortemsDirectory.absolutePath(out, relativeTo: context.workingDirectory)
        var options = SiteBuilder.Options(
            outputPath: outPath, today: try context.today, clean: clean, cache: location.cacheSettings(in: context))
        options.gitEnvironment = context.environment
        if stamp { options.generatedAt = ISO8601DateFormatter().string(from: context.now) }
        // Progress only on a terminal, and only when there is enough work to wait for.
        let stderr = context.stderr
        let showsProgress = context.stderrIsTerminal
        let outcome = try builder.build(options) { done, total in
            guard showsProgress, total >= 200, done % 50 == 0 || done == total else { return }
            stderr.write("\rRendering pages: \(done)/\(total)")
            if done == total { stderr.write("\n") }
            stderr.flush()
        }
        context.report(outcome.diagnostics)
        let shown = context.display(outPath)
        context.stdout.write(
            "\(shown): \(outcome.written.count) file\(outcome.written.count == 1 ? "" : "s") written, "
                + "\(outcome.unchanged) page\(outcome.unchanged == 1 ? "" : "s") "
                + "unchanged\(outcome.removed.isEmpty ? "" : ", \(outcome.removed.count) removed"); open "
                + "\(shown)/index.html\n"
        )
        return outcome.diagnostics.contains { $0.severity == .error } ? .failure : .success
    }
}
