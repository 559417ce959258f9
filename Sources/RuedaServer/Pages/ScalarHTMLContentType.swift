import Mustache
import RuedaExport

/// HTML escaping for the participants' pages that looks at UTF-8 bytes, not Characters.
///
/// swift-mustache's default escaping compares `Character`s, and Swift compares those as grapheme clusters: a quote
/// followed by a combining accent (`"\u{301}`) is one Character that is not `"`, so it went out raw and could close
/// an attribute (`value="{{products}}"`) and open another. ``PageRenderer`` registers this content type and starts
/// every template it loads with its pragma (`{{% CONTENT_TYPE: RUEDA_HTML}}`). It escapes as the HTML exports do.
struct ScalarHTMLContentType: MustacheContentType {
    /// The name the templates' `CONTENT_TYPE` pragma uses.
    static let name = "RUEDA_HTML"

    func escapeText(_ text: String) -> String {
        AgendaWriter.html(text)
    }
}
