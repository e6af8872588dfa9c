import Foundation
import PMDocument
import PMWorkspace

/// Writes RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled, CRLF line ends.
public enum CSV {
    public static func write(header: [String], rows: [[String]], to output: inout some TextOutputStream) {
        output.write(line(header))
        for row in rows { output.write(line(row)) }
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
