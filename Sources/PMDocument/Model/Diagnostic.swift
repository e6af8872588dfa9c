import Foundation

/// A problem found in a file: what the command layer prints as `path:line: severity: message`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// Information that changes nothing (a file skipped because it is not Markdown).
        case note
        case warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }
    }

    public var severity: Severity
    /// The file the problem is in, as the user named it (or relative to the postmortems directory).
    public var path: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// 1-based column, when the problem has one.
    public var column: Int?
    /// One sentence saying what is wrong and what to do.
    public var message: String
    /// A stable identifier of the check that found it (`front-matter`, `yaml`, `encoding` …).
    public var rule: RuleID

    public init(
        _ severity: Severity, path: String, line: Int? = nil, column: Int? = nil, rule: RuleID, _ message: String
    ) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.message = message
    }

    /// `path:line:col: severity: message`, the form editors and CI problem matchers read.
    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let line = line, line > 0, let column { location += ":\(column)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// An error pm reports to the user as one sentence that names the file, the line where there is one,
/// and what to do; every layer's error type conforms, so the command layer has one way to report them.
public protocol UserFacingError: LocalizedError {
    /// Whether the mistake is in how pm was called (an unknown id, a bad flag value: exit status 2)
    /// rather than in the files or the system (exit status 1).
    var isUsageMistake: Bool { get }
}
