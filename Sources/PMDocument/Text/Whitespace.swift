extension String {
    /// The text without leading and trailing whitespace and newlines.
    ///
    /// Faster than Foundation's `trimmingCharacters(in:)` on the common path (nothing to trim, or ASCII
    /// spaces), which the parser takes for every section and front-matter value.
    var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        let isPlainEdge = { (byte: UInt8) in byte > 0x20 && byte < 0x80 }
        if isPlainEdge(first) && isPlainEdge(last) { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !Self.isSpace($0) }),
            let end = scalars.lastIndex(where: { !Self.isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}

extension Substring {
    /// See `String.trimmed`.
    var trimmed: String { String(self).trimmed }
}
