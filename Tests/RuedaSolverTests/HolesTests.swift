import Testing

@testable import RuedaSolver

@Suite("Holes")
struct HolesTests {
    /// The definition, slot by slot: consecutive meeting slots with an available slot strictly between.
    static func byDefinition(occupied: UInt64, available: UInt64) -> Int {
        let slots = (0..<64).filter { occupied & (1 << UInt64($0)) != 0 }
        return zip(slots, slots.dropFirst()).filter { lower, upper in
            upper - lower > 1 && ((lower + 1)..<upper).contains { available & (1 << UInt64($0)) != 0 }
        }.count
    }

    @Test("the bit arithmetic counts holes as the definition does", arguments: 0..<20)
    func matchesDefinition(seed: UInt64) {
        var random = SolverRandom(seed: seed)
        for _ in 0..<2_000 {
            // Sparse and dense masks, and masks that reach the top bit.
            let occupied = random.next() & random.next() & (random.below(2) == 0 ? random.next() : ~0)
            let available = random.next() | (random.below(2) == 0 ? random.next() : 0)
            #expect(
                SlotMask.holes(occupied: occupied, available: available)
                    == Self.byDefinition(occupied: occupied, available: available))
        }
        #expect(SlotMask.holes(occupied: 0b1000_0001, available: 0b0001_0000) == 1)
        #expect(SlotMask.holes(occupied: 0b1000_0001, available: 0) == 0)
        #expect(SlotMask.holes(occupied: 0b1010_0101, available: ~0) == 3)
    }
}
