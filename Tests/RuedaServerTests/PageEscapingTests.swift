import Testing

@testable import RuedaServer

@Suite("Participant pages escape what they show")
struct PageEscapingTests {
    /// A value that, escaped Character by Character, keeps its quote: `"` and a combining accent are one Character.
    static let hostile = "x\"\u{301} autofocus onfocus=alert(1) <\u{301}b>'\u{301}&\u{301}"

    /// Byte-wise containment: `String.contains` compares Characters and would hide the very case under test.
    static func contains(_ text: String, _ part: String) -> Bool {
        Array(text.utf8).firstRange(of: Array(part.utf8)) != nil
    }

    @Test("a quote, angle bracket, apostrophe or ampersand followed by a combining accent is still escaped")
    func escapesByScalar() {
        // Values bound outside `#expect`: its expansion re-quotes string literals and trips on `"` before an accent.
        let escaped = ScalarHTMLContentType().escapeText(Self.hostile)
        let expected = "x&quot;\u{301} autofocus onfocus=alert(1) &lt;\u{301}b&gt;&#39;\u{301}&amp;\u{301}"
        #expect(escaped == expected)
        #expect(ScalarHTMLContentType().escapeText("Café Andino") == "Café Andino")
    }

    @Test(
        "a participant's own products cannot close the attribute they are shown in",
        arguments: ["profile", "error", "home"])
    func attributeCannotBeClosed(template: String) async throws {
        let renderer = try await PageRenderer()
        let view: [String: Any] = [
            "products": Self.hostile, "message": Self.hostile, "name": Self.hostile, "company": Self.hostile,
            "t": PageStrings.strings("es"), "lang": "es",
        ]
        let html = try #require(renderer.library.render(view, withTemplate: template))
        let quoteKept = Self.contains(html, "\"\u{301} autofocus")
        let tagKept = Self.contains(html, "<\u{301}b>")
        let escapedShown = Self.contains(html, "&quot;\u{301} autofocus")
        #expect(!quoteKept)
        #expect(!tagKept)
        #expect(escapedShown)
        #expect(!html.contains("CONTENT_TYPE"))
    }
}
