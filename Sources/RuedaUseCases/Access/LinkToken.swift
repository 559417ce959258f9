import Crypto
import Foundation

/// A signed, expiring token for a participant's link: the invite's id and expiry, and an HMAC-SHA256 of both under
/// a server secret, base64url-encoded. Anyone can read it; nobody without the secret can forge or alter one, and the
/// signature is checked in constant time before the database is asked whether the invite is still valid.
struct LinkToken: Sendable, Hashable {
    /// What a token opens: the pages (through a session) or the calendar feed (directly).
    enum Purpose: String, Sendable {
        case invite
        case calendar
    }

    let invite: Int64
    let expires: Int64

    /// The token text.
    func encoded(purpose: Purpose, secret: [UInt8]) -> String {
        let payload = Self.payload(invite: invite, expires: expires)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(purpose.rawValue.utf8) + payload, using: SymmetricKey(data: secret))
        return Self.base64url(payload + Data(mac))
    }

    /// The token's invite and expiry, if its signature is right for this purpose; nil for anything else.
    static func verified(_ text: String, purpose: Purpose, secret: [UInt8]) -> LinkToken? {
        guard text.count <= 100, let data = unbase64url(text), data.count == 48 else { return nil }
        let payload = data.prefix(16)
        let mac = data.suffix(32)
        guard
            HMAC<SHA256>.isValidAuthenticationCode(
                mac, authenticating: Data(purpose.rawValue.utf8) + payload, using: SymmetricKey(data: secret))
        else { return nil }
        let bytes = [UInt8](payload)
        func integer(_ range: Range<Int>) -> Int64 {
            bytes[range].reduce(Int64(0)) { ($0 << 8) | Int64($1) }
        }
        return LinkToken(invite: integer(0..<8), expires: integer(8..<16))
    }

    static func payload(invite: Int64, expires: Int64) -> Data {
        var data = Data()
        for value in [invite, expires] {
            for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        return data
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

/// Random secrets and their hashes.
enum Secrets {
    /// `count` bytes from the system's secure random generator.
    static func random(_ count: Int = 32) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A random token as base64url text.
    static func token(_ count: Int = 32) -> String { LinkToken.base64url(Data(random(count))) }

    static func sha256(_ text: String) -> [UInt8] { [UInt8](SHA256.hash(data: Data(text.utf8))) }

    /// Whether two byte strings are equal, in time that does not depend on where they differ.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(lhs, rhs) { difference |= a ^ b }
        return difference == 0
    }
}
