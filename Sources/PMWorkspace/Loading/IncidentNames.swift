import Foundation
import PMDocument

/// How incidents and their actions are named: an incident by its id (the file name without `.md`), by an
/// alias (an id it had before `pm mv` renamed its file), or by a prefix that only its names start with; an
/// action by `INCIDENT/TOKEN`; and the site page each incident gets. A name either names one thing or is
/// refused: never resolved to another.
public enum IncidentNames {
    /// The name of an incident's page in the site (`incidents/NAME.html`): its whole id as a slug, which is the
    /// id itself for the ids `pm new` writes.
    public static func pageSlug(_ id: String) -> String {
        // Most ids are slugs already (what `Slug.make` gives back unchanged): skip its Unicode work.
        let bytes = id.utf8
        let isSlug =
            bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-") && !id.contains("--")
            && bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
        return isSlug && !bytes.isEmpty ? id : Slug.make(id, fallback: "incident", maximumLength: .max)
    }

    /// `incidents/NAME.html` for each id. Ids whose slugs collide (a lint error) each get a name no other id
    /// can have (`NAME~HASH`) and none gets the shared one, so an old URL never shows another incident.
    public static func pages(for ids: [String]) -> [String: String] {
        let idsBySlug = Dictionary(grouping: Set(ids), by: pageSlug)
        var pages: [String: String] = [:]
        for (slug, sharing) in idsBySlug {
            for id in sharing {
                let name = sharing.count == 1 ? slug : "\(slug)~\(String(ContentHash.of(id) & 0xFF_FFFF, radix: 16))"
                pages[id] = "incidents/\(name).html"
            }
        }
        return pages
    }

    /// Appends to each postmortem the findings about names it shares with another: an id two files have
    /// (`duplicate-id`), an alias that is another incident's id or alias (`duplicate-id`), a page name that
    /// another id or alias also slugs to (`page-name`).
    static func reportCollisions(in postmortems: inout [Postmortem]) {
        var ownersByID: [String: [Int]] = [:]
        var ownersByAlias: [String: [Int]] = [:]
        // By index, reading fields: a postmortem's copy would retain every one of them.
        for index in postmortems.indices {
            let id = postmortems[index].id
            ownersByID[id, default: []].append(index)
            guard !postmortems[index].frontMatter.aliases.isEmpty else { continue }
            for alias in Set(postmortems[index].frontMatter.aliases) where alias != id {
                ownersByAlias[alias, default: []].append(index)
            }
        }
        for index in postmortems.indices {
            let id = postmortems[index].id
            let path = postmortems[index].path
            if let first = ownersByID[id]?.first, first != index {
                postmortems[index].diagnostics.append(
                    Diagnostic(
                        .error, path: path, line: 1, rule: .duplicateId,
                        "the id \(id) is also used by \(postmortems[first].path); rename one of the files"))
            }
            guard !postmortems[index].frontMatter.aliases.isEmpty else { continue }
            let aliasLine = postmortems[index].frontMatter.keyLines["aliases"] ?? 1
            for alias in Set(postmortems[index].frontMatter.aliases).sorted() where alias != id {
                let others = (ownersByID[alias] ?? []) + (ownersByAlias[alias] ?? []).filter { $0 != index }
                guard !others.isEmpty else { continue }
                postmortems[index].diagnostics.append(
                    Diagnostic(
                        .error, path: path, line: aliasLine, rule: .duplicateId,
                        "the alias \(alias) also names \(others.map { postmortems[$0].path }.joined(separator: ", ")); "
                            + "an old id must name one incident: remove it from one `aliases:` list"))
            }
        }
        // Distinct names that slug alike: the site could give only one of them the page (or redirect).
        var namesBySlug: [String: [(name: String, owner: Int)]] = [:]
        for (name, owners) in ownersByID.merging(ownersByAlias, uniquingKeysWith: +) {
            for owner in Set(owners) { namesBySlug[pageSlug(name), default: []].append((name, owner)) }
        }
        for (slug, claims) in namesBySlug where Set(claims.map(\.owner)).count > 1 && Set(claims.map(\.name)).count > 1
        {
            for owner in Set(claims.map(\.owner)).sorted() {
                let mine = claims.filter { $0.owner == owner }.map(\.name).sorted()
                let others = claims.filter { $0.owner != owner && !mine.contains($0.name) }.map(\.name).sorted()
                guard !others.isEmpty else { continue }
                postmortems[owner].diagnostics.append(
                    Diagnostic(
                        .error, path: postmortems[owner].path, line: 1, rule: .pageName,
                        "\(mine.joined(separator: ", ")) and \(others.joined(separator: ", ")) would share the site "
                            + "page "
                            + "incidents/\(slug).html (names that differ only in case, accents or punctuation); "
                            + "rename one file with `pm mv`"))
            }
        }
    }
}

extension PostmortemSet {
    /// Every name of every incident (ids and aliases), as bytes, sorted, with the index of the incident it names.
    private func sortedNames() -> [(name: [UInt8], owner: Int)] {
        var names: [(name: [UInt8], owner: Int)] = []
        for index in postmortems.indices {
            names.append((Array(postmortems[index].id.utf8), index))
            for alias in postmortems[index].frontMatter.aliases { names.append((Array(alias.utf8), index)) }
        }
        return names.sorted { $0.name.lexicographicallyPrecedes($1.name) }
    }

    /// The incidents some name of which starts with `prefix` (names sharing a prefix sort together).
    private func owners(ofPrefix prefix: some Collection<UInt8>, in names: [(name: [UInt8], owner: Int)]) -> Set<Int> {
        var low = 0
        var high = names.count
        while low < high {
            let middle = (low + high) / 2
            if names[middle].name.lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        var owners: Set<Int> = []
        while low < names.count, names[low].name.starts(with: prefix) {
            owners.insert(names[low].owner)
            low += 1
        }
        return owners
    }

    /// The incident `query` names: a path to its file (`postmortems/2019-02-14-x.md`); an action id
    /// (`INCIDENT/TOKEN`, the action must exist); its id or an alias (an id it had before `pm mv`); or a
    /// prefix that only its names start with.
    public func resolve(_ query: String) throws(PMError) -> Postmortem {
        try lookUp(query).postmortem
    }

    /// What `query` names (see `resolve`): an incident, and the action when it is an action id.
    public func lookUp(_ query: String) throws(PMError) -> (postmortem: Postmortem, action: ActionItem?) {
        let lowered = query.lowercased()
        if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") {
            let id = ((query as NSString).lastPathComponent as NSString).deletingPathExtension
            guard let match = postmortems.first(where: { $0.id == id }) else { throw .unknownIncident(query) }
            return (match, nil)
        }
        if query.contains("/") { return try resolveAction(query) }
        return (try resolveIncident(query), nil)
    }

    /// The incident an id, alias or unique prefix names (see `resolve`).
    private func resolveIncident(_ name: String) throws(PMError) -> Postmortem {
        if let exact = postmortems.first(where: { $0.id == name }) { return exact }
        let aliased = postmortems.filter { $0.frontMatter.aliases.contains(name) }
        if aliased.count == 1 { return aliased[0] }
        let matches =
            aliased.isEmpty
            ? owners(ofPrefix: Array(name.utf8), in: sortedNames()).sorted().map { postmortems[$0] } : aliased
        guard let first = matches.first, !name.isEmpty else { throw .unknownIncident(name) }
        guard matches.count == 1 else { throw .ambiguousIncident(name, candidates: matches.map(\.id).sorted()) }
        return first
    }

    /// The action `query` (`INCIDENT/TOKEN`, the incident part any name `resolve` takes) names, and its
    /// incident. Refused: a position (`INCIDENT/2`), an id no item has (removed, or a derived id whose words
    /// changed), and an id written on two items; each refusal lists the incident's actions.
    public func resolveAction(_ query: String) throws(PMError) -> (postmortem: Postmortem, action: ActionItem) {
        guard let slash = query.lastIndex(of: "/"), slash > query.startIndex,
            query.index(after: slash) < query.endIndex
        else { throw .notAnActionID(query) }
        let postmortem = try resolveIncident(String(query[..<slash]))
        let token = query[query.index(after: slash)...].lowercased()
        let candidates = postmortem.actions.map { "\($0.id)  \($0.isDone ? "[x]" : "[ ]") \($0.text)" }
        if ActionID.isPosition(token) { throw .positionalActionID(query, candidates: candidates) }
        let matches = postmortem.actions.filter { $0.token == token }
        guard let action = matches.first else {
            throw .unknownAction(query, incident: postmortem.id, candidates: candidates)
        }
        guard matches.count == 1 else {
            throw .duplicateAction(action.id, path: postmortem.path, lines: matches.map(\.line))
        }
        return (postmortem, action)
    }

    /// Each id's shortest prefix that `resolve` maps back to it, cut where a `-` follows and never inside a
    /// leading date: `2019-02-14-messenger-token` → `2019-02-14` when no other incident's id or alias starts
    /// so, `2019-02-14-messenger` when another incident shares the date.
    public func shortestUniquePrefixes() -> [String: String] {
        let names = sortedNames()
        var result: [String: String] = [:]
        for (index, postmortem) in postmortems.enumerated() {
            let id = Array(postmortem.id.utf8)
            let hasDate = CalendarDate(String(decoding: id.prefix(10), as: UTF8.self)) != nil
            // Cut before a `-` that follows a word (not a space: `Q3 review - …` is not cut at `Q3 review `).
            let cuts =
                id.indices.filter {
                    id[$0] == UInt8(ascii: "-") && (!hasDate || $0 >= 10) && $0 > 0 && id[$0 - 1] != UInt8(ascii: " ")
                } + [id.count]
            let cut = cuts.first { $0 == id.count || owners(ofPrefix: id[..<$0], in: names) == [index] } ?? id.count
            result[postmortem.id] = String(decoding: id[..<cut], as: UTF8.self)
        }
        return result
    }
}
