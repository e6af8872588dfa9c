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
        case .invalidTemplate(let path, let problem):
            return
                "\(path): the page layout cannot be read: \(problem); fix the Mustache syntax or remove the file to "
                + "use pm's own"
        }
    }
}

extension PMError {
    public var isUsageMistake: Bool {
        switch self {
        // A missing directory is not a usage mistake however it was named (--dir, PM_DIR, walking up).
        case .unknownIncident, .ambiguousIncident, .unknownTemplate: true
        default: false
        }
    }
}
