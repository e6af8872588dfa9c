/// The bytes of a file with a table of where each line starts.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, exactly as cmark counts them, so cmark's line numbers
/// and byte columns map back to file offsets.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset of the start of each line; line `n` starts at `lineStarts[n - 1]`.
    public let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var index = 0
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            while index < count {
                let byte = buffer[index]
                if byte == 0x0A {
                    starts.append(index + 1)
                } else if byte == 0x0D {
                    if index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
        }
        self.lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// Byte offset of the start of 1-based `line` (the end of the file past the last line).
    public func offset(ofLine line: Int) -> Int {
        line >= 1 && line <= lineStarts.count ? lineStarts[line - 1] : bytes.count
    }

    /// The 1-based line containing byte `offset`.
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The bytes of `line` without its line ending.
    public func content(ofLine line: Int) -> ArraySlice<UInt8> {
        let start = offset(ofLine: line)
        var end = offset(ofLine: line + 1)
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<end]
    }

    /// The text of lines `first...last`, line endings included, invalid UTF-8 repaired.
    public func text(lines first: Int, _ last: Int) -> String {
        guard first <= last else { return "" }
        return String(decoding: bytes[offset(ofLine: first)..<offset(ofLine: last + 1)], as: UTF8.self)
    }

    /// Byte offset of the first byte that is not valid UTF-8, or nil when the whole text is valid.
    public func firstInvalidUTF8Offset() -> Int? {
        // The standard library's validation is vectorised; walk the bytes only when it fails.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
