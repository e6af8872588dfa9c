import Foundation
import Mustache
import PMDocument
import PMWorkspace

/// The page layouts: pm's own from `Templates/site/`, each replaceable by a file of the same name in
/// the postmortems directory's `templates/site/` folder.
struct SiteTemplates: Sendable {
    /// The layout files, by name (`index.mustache`, `style.css` …).
    static let names = [
        "layout.mustache", "index.mustache", "postmortem.mustache", "actions.mustache", "stats.mustache", "style.css",
        "pager.mustache", "search.js",
    ]

    let library: MustacheLibrary
    let stylesheet: String
    /// The search and filters of the listing pages (`search.js`).
    let script: String
    /// A fingerprint of every layout, so a changed layout re-renders every page.
    let fingerprint: UInt64

    /// - Parameter teamFolder: where a team's replacements live (`postmortems/templates/site`).
    init(teamFolder: String, displayBase: String) throws(PMError) {
        var texts: [String: String] = [:]
        var fingerprint = ContentHash.of(PMVersion.current)
        for name in Self.names {
            let teamPath = (teamFolder as NSString).appendingPathComponent(name)
            let text: String
            if FileManager.default.fileExists(atPath: teamPath) {
                do {
                    text = try String(decoding: Data(contentsOf: URL(fileURLWithPath: teamPath)), as: UTF8.self)
                } catch {
                    throw .unreadable(
                        path: DisplayPath.of(teamPath, relativeTo: displayBase), reason: error.localizedDescription)
                }
            } else {
                guard let builtIn = EmbeddedResources.files["site/\(name)"] else {
                    preconditionFailure("pm ships site/\(name)")
                }
                text = builtIn
            }
            texts[name] = text
            fingerprint = ContentHash.of(name + "\u{0}" + text, seed: fingerprint)
        }
        var library = MustacheLibrary()
        for name in Self.names where name.hasSuffix(".mustache") {
            do {
                try library.register(texts[name]!, named: String(name.dropLast(".mustache".count)))
            } catch {
                let path =
                    FileManager.default.fileExists(atPath: (teamFolder as NSString).appendingPathComponent(name))
                    ? DisplayPath.of((teamFolder as NSString).appendingPathComponent(name), relativeTo: displayBase)
                    : "Templates/site/\(name)"
                throw .invalidTemplate(path: path, problem: "\(error)")
            }
        }
        self.library = library
        self.stylesheet = texts["style.css"]!
        self.script = texts["search.js"]!
        self.fingerprint = fingerprint
    }

    func render(_ page: Any, with template: String) -> String {
        guard let html = library.render(page, withTemplate: template) else {
            preconditionFailure("the \(template) layout is registered")
        }
        return html
    }
}

/// pm's version, shown by `pm --version` and folded into fingerprints of generated files.
public enum PMVersion {
    public static let current = "0.1.0"
}
