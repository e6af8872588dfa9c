import PMDocument
import PMLint
import PMWorkspace

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one input through everything that reads a postmortem: the parser (front matter, sections,
/// actions, prose, HTML), the linter, the template upgrade and the checkbox edit, all in memory. Any
/// crash, hang or sanitizer report is a bug; diagnostics are the expected outcome for bad input.
/// With `PM_FUZZ_MODE=parse` only the parser runs (many more inputs a second, for long runs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if FuzzTarget.parseOnly {
        _ = PostmortemParser().read(bytes, path: "fuzz.md", id: "2020-01-01-fuzz", for: .outline)
        return 0
    }
    let document = PostmortemParser().read(
        bytes, path: "fuzz.md", id: "2020-01-01-fuzz", for: ParseRequest(prose: true, html: FuzzDecorator()))
    let postmortem = document.postmortem
    _ = FuzzTarget.linter.lint(document)
    if !postmortem.hasErrors {
        _ = try? TemplateUpgrader(target: TemplateCatalog.builtIn.defaultTemplate).upgrade(
            bytes, postmortem: postmortem)
        if let offset = postmortem.actions.first?.checkboxOffset {
            _ = ActionEditor.setCheckbox(true, at: offset, in: bytes)
        }
    }
    return 0
}

/// Markup of the site's shape, so the HTML pass of the parser runs as in `pm render`.
struct FuzzDecorator: HTMLDecorator {
    func headingPrefixes(for headings: [String]) -> [String] {
        headings.map { _ in "<a class=\"anchor\"></a>" }
    }

    func checkbox(isDone: Bool) -> String {
        isDone ? "<input type=\"checkbox\" checked disabled> " : "<input type=\"checkbox\" disabled> "
    }
}

enum FuzzTarget {
    static let parseOnly = getenv("PM_FUZZ_MODE").map { String(cString: $0) == "parse" } ?? false

    static let linter: Linter = {
        do {
            return try Linter(
                config: Config(), today: CalendarDate("2026-11-21")!, now: .init(timeIntervalSince1970: 1_795_219_200),
                configPath: "pm.yml")
        } catch {
            preconditionFailure("the default lint configuration is valid")
        }
    }()
}

/// libFuzzer's driver, started from the `main` SwiftPM gives an executable target (`pm_fuzz_main`),
/// so that libFuzzer's own `main` is not needed.
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("pm_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments, fuzz)
}
