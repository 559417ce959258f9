import Testing

@testable import RuedaMatching

@Suite("Spanish text normalisation")
struct SpanishTextTests {
    @Test("folds accents and case, drops stop words and stems plurals")
    func normalisesProductText() {
        #expect(SpanishText.terms("Cafés tostados y molidos") == ["cafe", "tostado", "molido"])
        #expect(SpanishText.terms("café tostado") == ["cafe", "tostado"])
        #expect(SpanishText.terms("FLORES de exportación; limones") == ["flor", "exportacion", "limon"])
    }

    @Test(
        "singular and plural forms meet on the same stem",
        arguments: [
            ("nuez", "nueces"), ("flor", "flores"), ("dulce", "dulces"), ("papel", "papeles"), ("fruta", "frutas"),
            ("empaque", "empaques"), ("mujer", "mujeres"),
        ])
    func pluralsMeetSingulars(singular: String, plural: String) {
        #expect(SpanishText.stem(singular) == SpanishText.stem(plural))
    }

    @Test("short words and words without a plural ending stay as they are")
    func shortWordsStay() {
        #expect(SpanishText.stem("gas") == "gas")
        #expect(SpanishText.stem("miel") == "miel")
        #expect(SpanishText.terms("a la de y") == [])
    }

    @Test("TF-IDF gives a rare shared term more weight than a common one")
    func rareTermsWeighMore() {
        var vocabulary = TermVocabulary()
        let documents = [
            "productos de panela", "productos lácteos", "productos cárnicos", "productos de aseo", "panela orgánica",
        ].map(SpanishText.terms)
        for document in documents { vocabulary.add(document: document) }
        let query = vocabulary.vector(SpanishText.terms("panela y productos"))
        let panela = vocabulary.vector(documents[4])
        let lacteos = vocabulary.vector(documents[1])
        #expect(query.cosine(panela) > query.cosine(lacteos))
        #expect(query.cosine(lacteos) > 0)
        #expect(abs(query.cosine(query) - 1) < 1e-9)
        #expect(vocabulary.vector(["desconocido"]).isEmpty)
    }
}
