import NIOCore
import Testing

@testable import RuedaServer

@Suite("A kept page gets the session's form token")
struct KeptPageTests {
    static func replaced(_ page: String, _ target: String, _ token: String) -> String {
        String(buffer: ParticipantPages.replacing(target, with: token, in: Array(page.utf8)))
    }

    @Test("every stand-in is replaced, at the start, the end, side by side, and a near match is left alone")
    func replacesEveryStandIn() {
        let stand = ParticipantPages.formTokenStandIn
        let near = String(stand.dropLast())
        let page = "\(stand)<a>\(stand)\(stand) \(near)é\u{301} \(stand)"
        let expected = "T<a>TT \(near)é\u{301} T"
        #expect(Self.replaced(page, stand, "T") == expected)
        #expect(Self.replaced("", stand, "T") == "")
        #expect(Self.replaced("short", stand, "T") == "short")
        #expect(Self.replaced(near, stand, "T") == near)
    }

    @Test("the stand-in is random per process and cannot be typed as ordinary text by chance")
    func standInIsLong() {
        #expect(ParticipantPages.formTokenStandIn.utf8.count == 36)
        #expect(ParticipantPages.formTokenStandIn.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }
}
