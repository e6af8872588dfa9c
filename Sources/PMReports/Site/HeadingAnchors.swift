import PMDocument
import PMWorkspace

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

/// The markup the site adds to a postmortem's body: an anchor with a stable id in each heading, and a
/// disabled checkbox for each task item.
struct SiteHTMLDecorator: HTMLDecorator {
    func headingPrefixes(for headings: [String]) -> [String] {
        HeadingAnchors.ids(for: headings).map {
            "<a class=\"anchor\" id=\"\($0)\" href=\"#\($0)\" aria-hidden=\"true\">#</a>"
        }
    }

    /// Where the action items' list was: the page puts its table of them there.
    static let placeholder = "<!-- pm:actions -->"

    var actionsPlaceholder: String? { Self.placeholder }

    func checkbox(isDone: Bool) -> String {
        isDone ? "<input type=\"checkbox\" checked disabled> " : "<input type=\"checkbox\" disabled> "
    }
}
