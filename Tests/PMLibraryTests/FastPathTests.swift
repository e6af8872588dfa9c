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

    @Test func aHashFedInPiecesIsTheHashOfTheWhole() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 100, 1000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = bytes.withUnsafeBytes { ContentHash.words($0) }
            for _ in 0..<20 {
                var stream = ContentHash.Stream()
                var start = 0
                while start < length {
                    let end = min(length, start + Int.random(in: 0...11, using: &generator))
                    stream.feed(Array(bytes[start..<end]))
                    start = end
                }
                #expect(stream.value == whole, "\(length)")
            }
        }
        #expect(ContentHash.ofFile([1, 2, 3]) != ContentHash.ofFile([1, 2, 3, 0]))
    }
}
