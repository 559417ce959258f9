import Mustache

/// HTML escaping for the participants' pages that looks at UTF-8 bytes, not Characters.
///
/// swift-mustache's default escaping compares `Character`s, and Swift compares those as grapheme clusters: a quote
/// followed by a combining accent (`"\u{301}`) is one Character that is not `"`, so it went out raw and could close
/// an attribute (`value="{{products}}"`) and open another. Every template names this content type in its first line
/// (`{{% CONTENT_TYPE: RUEDA_HTML}}`); ``PageRenderer`` registers it before loading them.
struct ScalarHTMLContentType: MustacheContentType {
    /// The name the templates' `CONTENT_TYPE` pragma uses.
    static let name = "RUEDA_HTML"

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `&`, `<`, `>`, `"` and `'` as entities, wherever they stand.
    static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            case UInt8(ascii: "'"): bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
