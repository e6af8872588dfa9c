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
        FastHTML.registerOnce
        for name in Self.names where name.hasSuffix(".mustache") {
            do {
                // Escaped through `FastHTML` (the pragma's line is standalone, so the output is unchanged); a
                // layout the pragma would break, or that has an error, is registered as written.
                let template = String(name.dropLast(".mustache".count))
                do {
                    try library.register(FastHTML.pragma + texts[name]!, named: template)
                } catch {
                    try library.register(texts[name]!, named: template)
                }
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

/// HTML escaping as swift-mustache's own (`<`, `>`, `&`, `"` and `'` as entities, character by character), without
/// its cost: text with none of them is returned as it is, and ASCII text is escaped byte by byte. Mustache's escaping
/// took a tenth of a full render.
struct FastHTML: MustacheContentType {
    static let name = "PM_HTML"
    /// The pragma that makes a template escape through this type.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    /// Registers the type with swift-mustache (before any template that names it is parsed).
    static let registerOnce: Void = MustacheContentTypes.register(FastHTML(), named: name)

    func escapeText(_ text: String) -> String {
        let special = { (byte: UInt8) in
            byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard text.utf8.contains(where: special) else { return text }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return Self.escapeCharacters(text) }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// swift-mustache's escaping, character by character (a `'` with a combining mark is one character, and kept).
    static func escapeCharacters(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// pm's version, shown by `pm --version` and folded into fingerprints of generated files.
public enum PMVersion {
    public static let current = "0.1.0"
}
