import RuedaUseCases
import Testing

@Suite("Values kept under the stamp of the rows they were read from")
struct StampedCacheTests {
    @Test("a value is served only under its own stamp, and one under another stamp is dropped")
    func servedUnderItsStampOnly() {
        let cache = StampedCache<String, Int, String>(capacity: 4)
        cache.keep("page at 7", for: "limit=50", stamp: 7)
        #expect(cache.value(for: "limit=50", stamp: 7) == "page at 7")
        #expect(cache.value(for: "limit=2", stamp: 7) == nil)
        #expect(cache.hits == 1)
        #expect(cache.value(for: "limit=50", stamp: 8) == nil)
        #expect(cache.count == 0)
        #expect(cache.value(for: "limit=50", stamp: 7) == nil)
        #expect(cache.hits == 1)
    }

    @Test("a full cache drops its oldest half for a new key, and replacing a key drops nothing")
    func fullCacheDropsTheOldest() {
        let cache = StampedCache<Int, Int, Int>(capacity: 4)
        for key in 1...4 { cache.keep(key, for: key, stamp: 0) }
        cache.keep(40, for: 4, stamp: 1)
        #expect(cache.count == 4)
        cache.keep(5, for: 5, stamp: 0)
        #expect(cache.count == 3)
        #expect(cache.value(for: 1, stamp: 0) == nil && cache.value(for: 2, stamp: 0) == nil)
        #expect(cache.value(for: 3, stamp: 0) == 3)
        #expect(cache.value(for: 4, stamp: 1) == 40)
        #expect(cache.value(for: 5, stamp: 0) == 5)
    }
}
