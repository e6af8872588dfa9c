import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

@Suite struct CmarkTests {
    @Test func treesAreFlatWithSourcePositions() {
        let tree = Cmark.parse(Array("# Title\n\n- a\n- b *c*\n".utf8))
        #expect(
            tree.nodes.map(\.kind) == [
                .document, .heading, .text, .list, .item, .paragraph, .text, .item, .paragraph, .text, .emphasis, .text,
            ])
        #expect(tree.children(of: 0) == [1, 3])
        #expect(tree.nodes[3].start == SourcePosition(line: 3, column: 1))
        #expect(tree.nodes[1].headingLevel == 1)
        #expect(tree.plainText(of: 3) == "a\nb c")
    }

    @Test func deepNestingNeedsNoRecursion() {
        let tree = Cmark.parse(Array((String(repeating: "> ", count: 5000) + "deep\n").utf8))
        #expect(tree.nodes.count > 5000)
        #expect(tree.plainText(of: 0) == "deep")
    }

    @Test func htmlRenderingIsSafe() {
        let html = Cmark.parseAndRender(
            Array("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n".utf8),
            isTitle: { _ in true }, decorator: SiteHTMLDecorator()
        ).html
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onerror"))
    }

    @Test func emptyInput() {
        #expect(Cmark.parse([UInt8]()).nodes.map(\.kind) == [.document])
    }
}
