import HTTPTypes

/// Header names the service sets or reads that HTTPTypes does not predefine.
extension HTTPField.Name {
    /// The request id echoed on every response and written in every log line.
    static let xRequestID = known("X-Request-Id")
    /// Refuses framing by other sites (clickjacking).
    static let xFrameOptions = known("X-Frame-Options")
    /// Keeps participant links out of other sites' logs.
    static let referrerPolicy = known("Referrer-Policy")
    /// The client address a trusted reverse proxy saw.
    static let xForwardedFor = known("X-Forwarded-For")

    /// A header name written as a literal in this file; an invalid one is a programming error caught by any test.
    private static func known(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("invalid header name \(name)") }
        return field
    }
}
