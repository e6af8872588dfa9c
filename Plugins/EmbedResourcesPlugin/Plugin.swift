import Foundation
import PackagePlugin

/// Compiles part of the package's `Templates/` folder into a target as `EmbeddedResources.files`:
/// the site layouts (`Templates/site/`) into PMReports, the postmortem templates into every other target.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    /// The `Templates/` sub-folder that holds the site layouts, which only the site needs.
    static let siteFolder = "site"

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        let wantsSite = target.name == "PMReports"
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where !url.hasDirectoryPath {
                let relative = url.path.dropFirst(templates.path.count + 1)
                if relative.hasPrefix(Self.siteFolder + "/") == wantsSite { inputs.append(url) }
            }
        }
        let selection = wantsSite ? ["--only", Self.siteFolder] : ["--except", Self.siteFolder]
        return [
            .buildCommand(
                displayName: "Embedding Templates/ into \(target.name)",
                executable: try context.tool(named: "EmbedResources").url,
                arguments: [templates.path, output.path] + selection,
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]
            )
        ]
    }
}
