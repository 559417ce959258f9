import RuedaCore

/// Spanish text normalisation for product matching: folding, stop words and light (plural) stemming.
///
/// `"Cafés tostados y molidos"` becomes `["cafe", "tostado", "molido"]`, so that it shares every term with
/// `"café tostado"`.
public enum SpanishText {
    /// Words too common in product descriptions to say anything about a product.
    public static let stopWords: Set<String> = [
        "a", "al", "ante", "bajo", "con", "contra", "de", "del", "desde", "e", "el", "en", "entre", "es", "esta",
        "este", "esto", "hacia", "hasta", "la", "las", "lo", "los", "mas", "o", "otra", "otras", "otro", "otros",
        "para", "pero", "por", "que", "se", "segun", "sin", "sobre", "su", "sus", "tipo", "tipos", "todo", "todos",
        "u", "un", "una", "unas", "uno", "unos", "y", "etc", "general", "varios", "demas",
    ]

    /// The terms of a text: folded, split on anything that is not a letter or digit, stop words removed, stemmed.
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var word = ""
        func flush() {
            defer { word = "" }
            guard word.count > 1, !stopWords.contains(word) else { return }
            terms.append(stem(word))
        }
        for character in text.foldedForComparison() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                flush()
            }
        }
        flush()
        return terms
    }

    /// Light stemming of a folded Spanish word, plural endings only, applied the same way to singular and plural
    /// so both meet: `cafes` → `cafe`, `flores` → `flor`, `tostados` → `tostado`, and `nuez`/`nueces` → `nuece`.
    /// Words of three letters or fewer are left as they are.
    public static func stem(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        let count = scalars.count
        guard count > 3 else { return word }
        func prefix(dropping suffixLength: Int) -> String {
            String(String.UnicodeScalarView(scalars[0..<(count - suffixLength)]))
        }
        if scalars[count - 1] == "z" { return prefix(dropping: 1) + "ce" }
        guard scalars[count - 1] == "s" else { return word }
        if scalars[count - 2] == "e" && "lrndjy".unicodeScalars.contains(scalars[count - 3]) {
            // flores, limones, papeles, mujeres: the plural adds "es" after a consonant.
            return prefix(dropping: 2)
        }
        // cafes, tostados, frutas, dulces: the plural adds "s" after a vowel; "gas" or "mas" keep theirs.
        if "aeiou".unicodeScalars.contains(scalars[count - 2]) { return prefix(dropping: 1) }
        return word
    }
}
