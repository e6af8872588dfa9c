import Foundation
import Testing

@testable import PMDocument

/// The byte-level fast paths of the parser give what the general code gives.
@Suite struct FastPathTests {
    @Test func asciiHeadingsNormaliseAsAnyText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 .:-)(#!?\t_1x")
        var headings = [
            "", " ", "1", "1 2", "1. 2. Impact", "2) 🔥 Impact:", "What went wrong?", "  Root   Cause ", "42",
            "3 - Action items", "A1 b2", "1.2.3", "Q3 review",
        ].filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for _ in 0..<3000 {
            headings.append(
                String(
                    (0..<Int.random(in: 0...14, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    }))
        }
        for heading in headings {
            #expect(
                HeadingKey.normalizeASCII(heading) == HeadingKey.normalizeUnicode(heading),
                "\(heading.debugDescription)")
        }
    }

    @Test func exactHeadingsMeanWhatTheyNormaliseTo() {
        let catalog = TemplateCatalog.builtIn
        for template in catalog.templates {
            for question in template.questions {
                for heading in [question.heading] + question.aliases {
                    #expect(
                        catalog.key(forHeading: heading) == catalog.key(forHeading: " " + heading + " "), "\(heading)")
                }
            }
        }
    }
}
