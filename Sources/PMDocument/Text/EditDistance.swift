/// How far apart two words are, for "did you mean" hints (a mistyped front-matter key, a mistyped command).
public enum EditDistance {
    /// The number of single-character insertions, deletions, substitutions and swaps of two neighbours
    /// that turn `a` into `b` (`lst` → `list` is 1, `shwo` → `show` is 1).
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var rows = [Array(0...b.count)]
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], rows[i - 2][j - 2] + 1)
                }
            }
            rows.append(row)
        }
        return rows[a.count][b.count]
    }

    /// The candidates nearest to `word`, when they are near enough to be what was meant (at most a third of
    /// its length away, and at most `limit`), in the order given.
    public static func nearest(to word: String, among candidates: [String], limit: Int = 2) -> [String] {
        let bound = min(limit, max(1, word.count / 3))
        let distances = candidates.map { between(word.lowercased(), $0.lowercased()) }
        guard let best = distances.min(), best <= bound else { return [] }
        return zip(candidates, distances).filter { $0.1 == best }.map(\.0)
    }
}
