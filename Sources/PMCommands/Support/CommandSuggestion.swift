import ArgumentParser
import PMDocument

/// A word where pm expects a command name that names none: `pm lst`, `pm acions --open`, `pm action finish`.
/// Found before parsing, so the message blames the word (not an option after it) and says what was meant.
struct UnknownCommand: Error {
    /// The mistyped word.
    var word: String
    /// The command it was given to, as typed: `pm`, `pm action`.
    var parent: String
    /// The commands it is near, nearest first.
    var suggestions: [String]

    /// Words people type for a command of another name, by that name.
    static let synonyms: [String: [String]] = [
        "list": ["ls"],
        "done": ["finish", "finished", "complete", "close", "tick", "check", "resolve"],
        "show": ["view", "cat", "get"],
        "new": ["create"],
        "add": ["create", "new"],
        "lint": ["check", "validate"],
        "export": ["dump"],
    ]

    /// The first word of `arguments` in a command's place that is not a command there, if any. Options end
    /// the search (`--help`, `--version` and their values are the parser's to judge), and so does `help`.
    static func find(in arguments: [String], root: any ParsableCommand.Type) -> UnknownCommand? {
        var command = root
        var path = [root._commandName]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !argument.hasPrefix("-"), argument != "help" else { return nil }
            let names = subcommands.map { ($0, [$0._commandName] + $0.configuration.aliases) }
            guard let next = names.first(where: { $0.1.contains(argument) })?.0 else {
                let available = names.map(\.1[0])
                let meant = available.filter { Self.synonyms[$0, default: []].contains(argument.lowercased()) }
                return UnknownCommand(
                    word: argument, parent: path.joined(separator: " "),
                    suggestions: meant.isEmpty ? EditDistance.nearest(to: argument, among: available) : meant)
            }
            command = next
            path.append(next._commandName)
        }
        return nil
    }

    var message: String {
        let hint =
            suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "`\($0)`" }.joined(separator: " or "))?"
        return "`\(word)` is not a \(parent) command\(hint) (see \(parent) --help)"
    }
}
