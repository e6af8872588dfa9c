import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm`: blameless postmortems kept as Markdown files in git.
public struct PM: ParsableCommand {
    public static let version = PMVersion.current

    public static let configuration = CommandConfiguration(
        commandName: "pm",
        abstract: "Blameless postmortems kept as Markdown files in git.",
        discussion: """
            pm scaffolds a postmortem after an incident, reads every postmortem back with a real Markdown \
            parser, and reports what they say: the incidents, and the open action items across all of them.

            The postmortems directory is --dir, else $PM_DIR, else found like git finds its repository: \
            walking up from the current directory to a folder holding pm.yml or a postmortems/ folder.

            Exit status: 0 success; 1 a postmortem had errors (reports still list every good file; \
            diagnostics go to stderr as path:line: message) or the command failed; 2 usage error.

            Shell completion: pm --generate-completion-script bash (or zsh, fish) prints a script to source.

            Examples:
              pm init
              pm new "Messenger replies stopped" --severity critical --edit
              pm actions --open --by owner
              pm lint --strict
            """,
        version: version,
        subcommands: [
            Init.self, New.self, List.self, Show.self, Actions.self, Action.self, Lint.self, Render.self, Stats.self,
            ExportCommand.self, TemplateCommand.self, Related.self, Move.self, Fix.self,
        ]
    )

    public init() {}
}
