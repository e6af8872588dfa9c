import PMDocument

/// A unified diff (`diff -u`) of two texts, line by line, from the standard library's collection difference.
public enum UnifiedDiff {
    /// The diff of `old` and `new` with `context` lines around each change; empty when they are equal.
    public static func make(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        guard a != b else { return "" }
        let difference = b.difference(from: a)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // The edit script: each step is (old index?, new index?).
        var script: [(Int?, Int?)] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                script.append((i, nil))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                script.append((nil, j))
                j += 1
            } else {
                script.append((i, j))
                i += 1
                j += 1
            }
        }
        let changed = script.indices.filter { script[$0].0 == nil || script[$0].1 == nil }
        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        var index = 0
        while index < changed.count {
            let first = max(0, changed[index] - context)
            var last = min(script.count - 1, changed[index] + context)
            while index + 1 < changed.count, changed[index + 1] - context <= last + 1 {
                index += 1
                last = min(script.count - 1, changed[index] + context)
            }
            let hunk = script[first...last]
            let oldLines = hunk.compactMap(\.0)
            let newLines = hunk.compactMap(\.1)
            let oldStart = oldLines.first.map { $0 + 1 } ?? (script[..<first].compactMap(\.0).last.map { $0 + 1 } ?? 0)
            let newStart = newLines.first.map { $0 + 1 } ?? (script[..<first].compactMap(\.1).last.map { $0 + 1 } ?? 0)
            output += "@@ -\(oldStart),\(oldLines.count) +\(newStart),\(newLines.count) @@\n"
            for step in hunk {
                switch step {
                case (let x?, nil): output += "-\(a[x])\n"
                case (nil, let y?): output += "+\(b[y])\n"
                case (let x?, _): output += " \(a[x])\n"
                default: break
                }
            }
            index += 1
        }
        return output
    }

    private static func lines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift, so split on any newline character, not on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
