/// The `[ ]`, `[x]` or `[X]` that makes a list item a task item, read the same way by the parser and
/// by the HTML renderer.
enum TaskCheckbox {
    /// Whether a paragraph's first text starts with a checkbox followed by a space (or nothing), and how
    /// many characters the checkbox takes.
    static func parse(_ literal: String) -> (isDone: Bool, length: Int)? {
        let bytes = Array(literal.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]") else { return nil }
        guard bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "\t") else { return nil }
        switch bytes[1] {
        case UInt8(ascii: " "): return (false, 3)
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return (true, 3)
        default: return nil
        }
    }

    /// Whether the source has a checkbox at `offset` (so `\[ ]` and `&#91; ]`, which read the same, do not count).
    static func isAt(_ offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset >= 0, offset + 2 < bytes.count else { return false }
        return bytes[offset] == UInt8(ascii: "[") && bytes[offset + 2] == UInt8(ascii: "]")
            && [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(bytes[offset + 1])
    }
}
