import Foundation
import PMDocument

extension TemplateCatalog {
    /// The folder, inside the postmortems directory, that holds a team's own templates.
    public static let teamFolderName = "templates"

    /// The built-in templates plus every `*.md` template in `folder` (a team's own, which replace
    /// built-in ones of the same `name@version`); a template that cannot be read is left out and reported.
    public static func loading(teamFolder folder: String, displayBase: String) -> (TemplateCatalog, [Diagnostic]) {
        var templates = builtIn.templates
        var problems: [Diagnostic] = []
        var teamPaths: [TemplateReference: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where name.lowercased().hasSuffix(".md") && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            let shown = DisplayPath.of(path, relativeTo: displayBase)
            do {
                let text = try String(decoding: Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                let template = try TemplateParser.parse(text, path: shown, origin: .team(path: shown))
                if let earlier = teamPaths[template.reference] {
                    problems.append(
                        Diagnostic(
                            .warning, path: shown, line: 1, rule: .template,
                            "\(template.reference) is also declared in \(earlier); pm uses this one, remove or "
                                + "renumber the other"
                        ))
                }
                teamPaths[template.reference] = shown
                templates.append(template)
            } catch let error as TemplateError {
                problems.append(
                    Diagnostic(
                        .error, path: error.path, line: error.line, rule: .template, "template error: \(error.problem)")
                )
            } catch {
                problems.append(
                    Diagnostic(
                        .error, path: shown, rule: .template,
                        "cannot read the template: \(PostmortemSet.readFailure(error))"))
            }
        }
        let catalog = TemplateCatalog(templates: templates)
        let shownFolder = DisplayPath.of(folder, relativeTo: displayBase)
        problems += catalog.conflicts.map {
            Diagnostic(
                .warning, path: shownFolder, rule: .template, "heading conflict: \($0); rename one of the headings")
        }
        return (catalog, problems)
    }
}
