import PMDocument

/// `pm related ID`: the incidents like one, as text or JSON.
public struct RelatedReport: Sendable {
    public var subject: Postmortem
    public var matches: [RelatedIncidents.Match]

    public init(subject: Postmortem, matches: [RelatedIncidents.Match]) {
        self.subject = subject
        self.matches = matches
    }

    /// Writes the matches, one per line with the reason, or as JSON.
    public func write(json: Bool, style: TerminalStyle, to output: inout some TextOutputStream) {
        if json {
            JSONOutput.write(Record(id: subject.id, related: matches.map(Record.Entry.init)), to: &output)
            return
        }
        guard !matches.isEmpty else {
            output.write("No incident like \(subject.id) yet.\n")
            return
        }
        output.write(style.apply(.strong, to: "Incidents like \(subject.id):") + "\n")
        Self.writeLines(matches, to: &output)
    }

    /// One line per match: `  ID  title  (reason)`, for `pm related`, `pm show` and `pm new`.
    public static func writeLines(_ matches: [RelatedIncidents.Match], to output: inout some TextOutputStream) {
        for match in matches {
            output.write("  \(match.id)  \(match.title)  (\(match.reason))\n")
        }
    }

    struct Record: Encodable {
        struct Entry: Encodable {
            var id: String
            var title: String
            @NullWhenMissing var date: CalendarDate?
            var score: Double
            var reason: String

            init(_ match: RelatedIncidents.Match) {
                id = match.id
                title = match.title
                date = match.date
                score = (match.score * 1000).rounded() / 1000
                reason = match.reason
            }

            enum CodingKeys: String, CodingKey { case id, title, date, score, reason }

        }

        var id: String
        var related: [Entry]
    }
}
