import Foundation
import PMDocument
import PMWorkspace

/// The findings of `pm lint` over a set of files, in the formats editors and CI read.
public struct LintReport: Sendable {
    /// Output formats of `pm lint`.
    public enum Format: String, Sendable, CaseIterable {
        /// `path:line:col: severity: message [rule]`, what editors and CI problem matchers read.
        case text
        /// An array of findings with path, line, column, severity, rule and message.
        case json
        /// GitHub Actions workflow commands (`::error file=…,line=…::message`), shown on the pull request.
        case github
    }

    public var findings: [Diagnostic]
    public var fileCount: Int

    public init(findings: [Diagnostic], fileCount: Int) {
        self.findings = findings
        self.fileCount = fileCount
    }

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// Whether the run fails: any error, or any warning under `strict`.
    public func fails(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }

    /// `6 files: 1 error, 2 warnings`.
    public var summary: String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        return "\(count(fileCount, "file")): \(count(errorCount, "error")), \(count(warningCount, "warning"))"
    }

    public func write(_ format: Format, to output: inout some TextOutputStream) {
        switch format {
        case .text:
            for finding in findings {
                output.write(
                    "\(finding.path):\(finding.line ?? 1):\(finding.column ?? 1): \(finding.severity.rawValue): "
                        + "\(finding.message) [\(finding.rule)]\n"
                )
            }
        case .json:
            JSONOutput.write(findings.map(Record.init), to: &output)
        case .github:
            for finding in findings {
                let title = Self.escapeProperty("pm lint [\(finding.rule)]")
                let properties =
                    "file=\(Self.escapeProperty(finding.path)),line=\(finding.line ?? 1),col=\(finding.column ?? 1),"
                    + "title=\(title)"
                output.write("::\(finding.severity.rawValue) \(properties)::\(Self.escapeData(finding.message))\n")
            }
        }
    }

    /// The json shape of a finding.
    struct Record: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var rule: String
        var message: String

        init(_ finding: Diagnostic) {
            path = finding.path
            line = finding.line ?? 1
            column = finding.column ?? 1
            severity = finding.severity.rawValue
            rule = finding.rule.rawValue
            message = finding.message
        }
    }

    /// GitHub's escaping for a workflow command's message.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// GitHub's escaping for a workflow command's property value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
