import Foundation
import PMDocument

/// A postmortem file about to be edited: its bytes as they are now, read fresh, and what they say.
public enum EditableFile {
    /// The file's bytes and a fresh parse of them, refusing a file with errors (its structure cannot be trusted).
    public static func read(_ postmortem: Postmortem, parser: PostmortemParser) throws -> ([UInt8], Postmortem) {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: postmortem.filePath)))
        } catch {
            throw EditError.cannotWrite(path: postmortem.path, reason: PostmortemSet.readFailure(error))
        }
        var current = parser.parse(bytes, path: postmortem.path, id: postmortem.id)
        current.filePath = postmortem.filePath
        if let first = current.diagnostics.first(where: { $0.severity == .error }) {
            throw EditError.fileHasErrors(path: postmortem.path, first: first)
        }
        return (bytes, current)
    }

    /// The first line ending in the file (`\r\n`, `\r` or `\n`), `\n` when there is none.
    public static func lineEnding(of bytes: [UInt8]) -> [UInt8] {
        guard let index = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return [0x0A] }
        if bytes[index] == 0x0A { return [0x0A] }
        return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? [0x0D, 0x0A] : [0x0D]
    }
}
