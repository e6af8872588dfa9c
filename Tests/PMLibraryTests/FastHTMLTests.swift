import Foundation
import Mustache
import Testing

@testable import PMReports

/// The site's HTML escaping gives what swift-mustache's own gives, for any text.
@Suite struct FastHTMLTests {
    @Test func escapingMatchesSwiftMustache() throws {
        var texts = [
            "", "plain", "<script>alert('x')</script>", "a & b", "\"quoted\"", "it's", "'\u{301}", "<\u{301}>",
            "café <b>", "🔥 & 🔥", "\r\n<", "&amp;", "<<>>&&\"\"''",
        ]
        var generator = SystemRandomNumberGenerator()
        let pieces = ["<", ">", "&", "\"", "'", "a", "é", "\u{301}", " ", "🔥", "\n", "x"]
        for _ in 0..<500 {
            texts.append(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined())
        }
        _ = FastHTML.registerOnce
        let plain = try MustacheTemplate(string: "{{text}}|{{#list}}{{.}},{{/list}}")
        let fast = try MustacheTemplate(string: FastHTML.pragma + "{{text}}|{{#list}}{{.}},{{/list}}")
        for text in texts {
            let context: [String: Any] = ["text": text, "list": [text, text + "<"]]
            #expect(fast.render(context) == plain.render(context), "\(text.debugDescription)")
        }
    }
}
