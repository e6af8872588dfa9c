/// Stable `id`s for headings in rendered HTML: the heading's slug, made unique with `-2`, `-3` …
public enum HeadingAnchors {
    public static func ids(for headings: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return headings.map { heading in
            let base = Slug.make(heading, fallback: "section")
            let count = seen[base, default: 0] + 1
            seen[base] = count
            return count == 1 ? base : "\(base)-\(count)"
        }
    }
}
