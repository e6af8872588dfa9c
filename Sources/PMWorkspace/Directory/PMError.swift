import Foundation
import PMDocument

/// Something pm could not do, phrased so the user knows which file and what to do next.
public enum PMError: Error, UserFacingError, Sendable, Equatable {
    case noPostmortemsDirectory(searchedFrom: String)
    case directoryNotFound(String)
    case alreadyInitialized(String)
    case unreadable(path: String, reason: String)
    case invalidConfig(path: String, line: Int?, problem: String)
    case unknownTemplate(String, available: [String])
    case unknownIncident(String)
    case ambiguousIncident(String, candidates: [String])
    case cannotCreate(path: String, reason: String)
    case invalidTemplate(path: String, problem: String)
    case notAnActionID(String)
    /// An id of the old positional form (`INCIDENT/2`), with the incident's actions.
    case positionalActionID(String, candidates: [String])
    /// No action of the incident has the id (it was removed, or, for a derived id, its words changed).
    case unknownAction(String, incident: String, candidates: [String])
    /// More than one item of a file carries the id (a copy-paste).
    case duplicateAction(String, path: String, lines: [Int])

    public var errorDescription: String? {
        switch self {
        case .noPostmortemsDirectory(let start):
            return
                "no postmortems directory found in \(start) or any folder above it; run `pm init` to create one, or "
                + "pass --dir (or set PM_DIR)"
        case .directoryNotFound(let path):
            return "\(path): no such directory; check --dir or PM_DIR, or run `pm init --dir \(path)`"
        case .alreadyInitialized(let path):
            return "\(path) already exists; pm is already set up here, nothing was changed"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .invalidConfig(let path, let line, let problem):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(problem)"
        case .unknownTemplate(let name, let available):
            return "no template named \(name); available: \(available.joined(separator: ", "))"
        case .unknownIncident(let id):
            return "no postmortem matches \"\(id)\"; run `pm list` to see the ids"
        case .ambiguousIncident(let id, let candidates):
            return
                "\"\(id)\" matches \(candidates.count) postmortems: \(candidates.joined(separator: ", ")); type more "
                + "of the id"
        case .cannotCreate(let path, let reason):
            return "\(path): cannot be created (\(reason))"
        case .notAnActionID(let id):
            return
                "\"\(id)\" is not an action id; write INCIDENT/ID as `pm actions` shows it, like "
                + "2019-02-14-messenger/a7k2q"
        case .positionalActionID(let id, let candidates):
            return
                "\"\(id)\" names an action by its position, which changes when items are added or moved; use its id "
                + "instead\(Self.listing(candidates))"
        case .unknownAction(let id, let incident, let candidates):
            let derived = id.split(separator: "/").last.map { ActionID.isDerived($0) } ?? false
            return
                "no action \(id) in \(incident)"
                + (derived ? " (an id derived from an item's words: its words may have changed)" : "")
                + "; nothing was done\(Self.listing(candidates))"
        case .duplicateAction(let id, let path, let lines):
            return
                "\(path): lines \(lines.map(String.init).joined(separator: ", ")) all carry the id \(id), so it names "
                + "no one item; delete the id comment of the copy and run `pm fix ids`"
        case .invalidTemplate(let path, let problem):
            return
                "\(path): the page layout cannot be read: \(problem); fix the Mustache syntax or remove the file to "
                + "use pm's own"
        }
    }
}

extension PMError {
    /// `; its actions are:` and one indented line per candidate, or that it has none.
    static func listing(_ candidates: [String]) -> String {
        candidates.isEmpty
            ? "; it has no action items" : "; its actions are:\n" + candidates.map { "  \($0)" }.joined(separator: "\n")
    }

    public var isUsageMistake: Bool {
        switch self {
        // A missing directory is not a usage mistake however it was named (--dir, PM_DIR, walking up).
        case .unknownIncident, .ambiguousIncident, .unknownTemplate, .notAnActionID, .positionalActionID,
            .unknownAction, .duplicateAction:
            true
        default: false
        }
    }
}
