import Foundation
import PMDocument

/// Why an edit to a postmortem was refused; the file is unchanged in every case.
public enum EditError: Error, UserFacingError, Sendable, Equatable {
    case alreadyInState(id: String, done: Bool, path: String, line: Int)
    case changedOnDisk(path: String)
    case noCheckbox(id: String, path: String, line: Int)
    case cannotWrite(path: String, reason: String)
    case fileHasErrors(path: String, first: Diagnostic)
    case verificationFailed(path: String, problem: String)

    public var errorDescription: String? {
        switch self {
        case .alreadyInState(let id, let done, let path, let line):
            return "\(path):\(line): action \(id) is already \(done ? "done" : "open"); nothing was changed"
        case .noCheckbox(let id, let path, let line):
            return
                "\(path):\(line): action \(id) is a plain list item with no checkbox to tick; write it as a task item "
                + "(- [ ] …) first"
        case .changedOnDisk(let path):
            return "\(path) changed on disk while pm was editing it; nothing was written, run the command again"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot be written (\(reason)); nothing was changed"
        case .fileHasErrors(let path, let first):
            return "\(path) has errors (\(first)); fix them before editing it with pm"
        case .verificationFailed(let path, let problem):
            return "\(path): the edit was not written because reading it back showed \(problem); please report this"
        }
    }
}

extension EditError {
    public var isUsageMistake: Bool {
        false
    }
}
