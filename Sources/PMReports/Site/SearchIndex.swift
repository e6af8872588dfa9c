import Foundation
import PMDocument
import PMWorkspace

/// The words of a text as the site's search splits them (`Templates/site/SEARCH-INDEX.md`, "Words"):
/// runs of UTF-16 code units that are not separators, lower-cased, then normalised to NFC.
enum SearchWords {
    /// ASCII other than letters and digits, and the punctuation, symbol and space blocks the format names.
    static func isSeparator(_ unit: UInt16) -> Bool {
        if unit < 0x80 {
            return !((unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122))
        }
        switch unit {
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x2BFF, 0x2E00...0x2E7F, 0x3000...0x303F, 0xFE10...0xFE1F,
            0xFE30...0xFE6F, 0xFEFF, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
            return true
        default:
            return false
        }
    }

    /// Each word of `text` once, in order of first appearance.
    static func words(in text: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        var run: [UInt8] = []  // the word's UTF-8
        var ascii = true
        func finish() {
            guard !run.isEmpty else { return }
            let word =
                ascii
                ? String(decoding: run, as: UTF8.self)
                : String(decoding: run, as: UTF8.self).lowercased().precomposedStringWithCanonicalMapping
            if seen.insert(word).inserted { result.append(word) }
            run.removeAll(keepingCapacity: true)
            ascii = true
        }
        for scalar in text.unicodeScalars {
            // A scalar beyond the BMP is two UTF-16 code units (surrogates), which are never separators.
            if scalar.value < 0x10000, isSeparator(UInt16(scalar.value)) {
                finish()
            } else if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                run.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            } else {
                ascii = false
                run.append(contentsOf: String(scalar).utf8)
            }
        }
        finish()
        return result
    }

    /// JavaScript's string order (UTF-16 code units).
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}

/// `search-index.js` and `search-actions.js`: what the site's search reads, as specified in
/// `Templates/site/SEARCH-INDEX.md`. Data only, written so that no string can close a `<script>`.
struct SearchIndex {
    /// One incident, a row of the index, in the order of the index page (newest first).
    struct Incident {
        var id: String
        var title: String
        var date: String
        var severity: String?
        var status: String?
        var services: [String]
        var tags: [String]
        var owners: [String]
        var open: Int
        var overdue: Int
        var timeToResolve: Int?
        /// The page from the site's root (`incidents/ID.html`).
        var page: String
        /// The words of the summary, impact and root cause.
        var words: [String]
    }

    /// One row of the open-actions page: an action under one of its owners.
    struct ActionRow {
        /// The action's id after its incident's (`5` of `2019-02-14-x/5`).
        var local: String
        /// The row of its incident in `incidents`.
        var incident: Int
        var owner: String
        var text: String
        var due: String
        var overdueDays: Int
        var kind: String
        var ticket: String
        var ticketURL: String?
        /// The fragment of the action's row on its incident page.
        var anchor: String
    }

    var incidents: [Incident]
    var severityScale: [String]
    var today: CalendarDate
    static let base = "incidents/"

    /// `window.pmSearchIndex = {…};`
    func incidentsScript() -> String {
        let severities = Self.ordered(incidents.compactMap(\.severity), first: severityScale)
        let statuses = Self.ordered(incidents.compactMap(\.status), first: ["draft", "in-review", "published"])
        let services = Self.table(incidents.flatMap(\.services))
        let tags = Self.table(incidents.flatMap(\.tags))
        let owners = Self.table(incidents.flatMap(\.owners))
        var postings: [String: [Int]] = [:]
        for (row, incident) in incidents.enumerated() {
            for word in incident.words { postings[word, default: []].append(row) }
        }
        let words = postings.keys.sorted(by: SearchWords.precedes)
        let severityIndex = Self.positions(severities)
        let statusIndex = Self.positions(statuses)
        let serviceIndex = Self.positions(services)
        let tagIndex = Self.positions(tags)
        let ownerIndex = Self.positions(owners)

        var json = JSONText()
        json.raw("{\"v\":1,\"base\":")
        json.string(Self.base)
        json.raw(",\"today\":")
        json.string(today.description)
        for (name, values) in [
            ("severities", severities), ("statuses", statuses), ("services", services), ("tags", tags),
            ("owners", owners), ("words", words),
        ] {
            json.raw(",\"\(name)\":")
            json.strings(values)
        }
        json.raw(",\"postings\":[")
        for (k, word) in words.enumerated() {
            if k > 0 { json.raw(",") }
            var previous = 0
            json.integers(
                postings[word]!.enumerated().map { position, row in
                    defer { previous = row }
                    return position == 0 ? row : row - previous
                })
        }
        json.raw("],\"incidents\":{\"id\":")
        json.strings(incidents.map(\.id))
        json.raw(",\"title\":")
        json.strings(incidents.map(\.title))
        json.raw(",\"date\":")
        json.strings(incidents.map(\.date))
        json.raw(",\"severity\":")
        json.integers(incidents.map { $0.severity.flatMap { severityIndex[$0] } ?? -1 })
        json.raw(",\"status\":")
        json.integers(incidents.map { $0.status.flatMap { statusIndex[$0] } ?? -1 })
        for (name, lists) in [
            ("services", incidents.map { $0.services.compactMap { serviceIndex[$0] } }),
            ("tags", incidents.map { $0.tags.compactMap { tagIndex[$0] } }),
            ("owners", incidents.map { $0.owners.compactMap { ownerIndex[$0] } }),
        ] {
            json.raw(",\"\(name)\":[")
            for (k, list) in lists.enumerated() {
                if k > 0 { json.raw(",") }
                json.integers(Array(Set(list)).sorted())
            }
            json.raw("]")
        }
        json.raw(",\"open\":")
        json.integers(incidents.map(\.open))
        json.raw(",\"overdue\":")
        json.integers(incidents.map(\.overdue))
        json.raw(",\"ttr\":[")
        json.raw(incidents.map { $0.timeToResolve.map(String.init) ?? "null" }.joined(separator: ","))
        json.raw("]")
        let pages = incidents.map { Self.isDefaultPage($0.page, id: $0.id) ? nil : $0.page }
        json.optionalColumn("page", pages)
        json.raw("}}")
        return "window.pmSearchIndex = " + json.text + ";\n"
    }

    /// `window.pmSearchActions = {…};`: the rows of the open-actions page, in its order.
    /// - Parameter shortIDs: incident id → the shortest prefix that names it (`2019-02-14`).
    func actionsScript(_ rows: [ActionRow], shortIDs: [String: String]) -> String {
        let owners = Self.table(rows.map(\.owner).filter { !$0.isEmpty })
        let kinds = Self.table(rows.map(\.kind).filter { !$0.isEmpty })
        let ownerIndex = Self.positions(owners)
        let kindIndex = Self.positions(kinds)
        var json = JSONText()
        json.raw("{\"v\":1,\"today\":")
        json.string(today.description)
        json.raw(",\"owners\":")
        json.strings(owners)
        json.raw(",\"kinds\":")
        json.strings(kinds)
        json.raw(",\"short\":")
        json.strings(incidents.map { shortIDs[$0.id] ?? $0.id })
        json.raw(",\"actions\":{\"local\":")
        json.strings(rows.map(\.local))
        json.raw(",\"incident\":")
        json.integers(rows.map(\.incident))
        json.raw(",\"owner\":")
        json.integers(rows.map { ownerIndex[$0.owner] ?? -1 })
        json.raw(",\"text\":")
        json.strings(rows.map(\.text))
        json.raw(",\"due\":")
        json.strings(rows.map(\.due))
        json.raw(",\"overdue\":")
        json.integers(rows.map(\.overdueDays))
        json.raw(",\"kind\":")
        json.integers(rows.map { kindIndex[$0.kind] ?? -1 })
        json.raw(",\"ticket\":")
        json.strings(rows.map(\.ticket))
        json.optionalColumn("ticketURL", rows.map(\.ticketURL))
        json.optionalColumn("anchor", rows.map { $0.anchor == "action-" + $0.local ? nil : $0.anchor })
        json.raw("}}")
        return "window.pmSearchActions = " + json.text + ";\n"
    }

    /// Whether a page is where `search.js` looks by default: `base + encodeURIComponent(id) + ".html"`.
    static func isDefaultPage(_ page: String, id: String) -> Bool {
        let plain = id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_.".unicodeScalars
                    .contains($0)
        }
        return plain && page == base + id + ".html"
    }

    /// Unique values in JavaScript's order.
    static func table(_ values: [String]) -> [String] {
        Set(values).sorted(by: SearchWords.precedes)
    }

    /// `first`'s values that occur, in its order, then the others in JavaScript's order.
    static func ordered(_ values: [String], first: [String]) -> [String] {
        let present = Set(values)
        let known = Set(first)
        return first.filter { present.contains($0) } + table(values.filter { !known.contains($0) })
    }

    static func positions(_ values: [String]) -> [String: Int] {
        Dictionary(values.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Compact JSON written by hand (the index is large, and its bytes must not depend on a dictionary's
/// order), safe inside `<script>`: `<` is `\u003c`, and U+2028 and U+2029 are escaped.
struct JSONText {
    private(set) var text = ""

    mutating func raw(_ piece: String) { text += piece }

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<": text += "\\u003c"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    text += String(format: "\\u%04x", scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    mutating func strings(_ values: [String]) {
        text += "["
        for (k, value) in values.enumerated() {
            if k > 0 { text += "," }
            string(value)
        }
        text += "]"
    }

    /// `,"name":[…]` with `null` for nil, left out when every value is nil.
    mutating func optionalColumn(_ name: String, _ values: [String?]) {
        guard values.contains(where: { $0 != nil }) else { return }
        text += ",\"\(name)\":["
        for (k, value) in values.enumerated() {
            if k > 0 { text += "," }
            if let value { string(value) } else { text += "null" }
        }
        text += "]"
    }

    mutating func integers(_ values: [Int]) {
        text += "[" + values.map(String.init).joined(separator: ",") + "]"
    }
}
