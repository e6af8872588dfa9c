import Foundation
import Testing

/// How the command line behaves for someone who uses git (issue 16).
@Suite(.cleansUpTemporaryFiles) struct CommandLineTests {
    @Test(arguments: [
        (["lst"], "pm: error: `lst` is not a pm command; did you mean `list`? (see pm --help)\n"),
        (["acions", "--open"], "pm: error: `acions` is not a pm command; did you mean `actions`? (see pm --help)\n"),
        (["shwo", "2019"], "pm: error: `shwo` is not a pm command; did you mean `show`? (see pm --help)\n"),
        (["ls"], "pm: error: `ls` is not a pm command; did you mean `list`? (see pm --help)\n"),
        (
            ["action", "finish", "2019-02-14/5"],
            "pm: error: `finish` is not a pm action command; did you mean `done`? (see pm action --help)\n"
        ),
        (
            ["templte", "list"],
            "pm: error: `templte` is not a pm command; did you mean `template`? (see pm --help)\n"
        ),
        (["frobnicate"], "pm: error: `frobnicate` is not a pm command (see pm --help)\n"),
    ])
    func aMistypedCommandGetsDidYouMean(arguments: [String], message: String) {
        let run = pm(arguments)
        #expect(run.status == 2)
        #expect(run.stderr == message)
        #expect(run.stdout.isEmpty)
    }

    @Test func realCommandsAndHelpStillParse() {
        #expect(pm(["help", "list"]).status == 0)
        #expect(pm(["action", "--help"]).status == 0)
        #expect(pm(["--version"]).status == 0)
        #expect(pm(["template", "list"]).status == 0)
    }
}
