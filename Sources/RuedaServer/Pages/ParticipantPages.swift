import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RuedaCore
import RuedaUseCases

/// The participants' pages: a personal link opens a session, and the session sees only its own company in its own
/// round. Forms carry the session's CSRF token; links and forms are rate-limited per address and per session.
struct ParticipantPages: Sendable {
    let rueda: Rueda
    let configuration: ServerConfiguration
    let renderer: PageRenderer

    static let cookie = "rueda_session"

    /// Whether a path is one of these pages (errors there are shown as pages, not problem documents).
    static func owns(_ path: String) -> Bool {
        path == "/p" || path.hasPrefix("/p/") || path.hasPrefix("/i/") || path.hasPrefix("/cal/")
    }

    /// The language asked for by the request's cookie, for pages shown before a session exists.
    static func language(_ request: Request) -> String {
        request.cookies["rueda_lang"]?.value == "en" ? "en" : "es"
    }

    func register(on router: Router<ServerContext>) {
        router.get("/i/:token", use: open)
        router.get("/cal/:feed", use: calendarFeed)
        let pages = router.group("p")
        pages.get(use: { try await page($0, $1, home) })
        pages.get("profile", use: { try await page($0, $1, profile) })
        pages.post("profile", use: { try await form($0, $1, saveProfile) })
        pages.get("candidates", use: { try await page($0, $1, candidates) })
        pages.post("interest", use: { try await form($0, $1, interest) })
        pages.get("agenda", use: { try await page($0, $1, agenda) })
        pages.get("agenda.ics", use: { try await page($0, $1, download) })
        pages.get("outcomes", use: { try await page($0, $1, outcomes) })
        pages.post("outcomes", use: { try await form($0, $1, saveOutcome) })
        pages.post("language", use: { try await form($0, $1, language) })
        pages.post("logout", use: { try await form($0, $1, logout) })
    }

    // MARK: Sessions

    /// Exchanges a personal link for a session cookie and goes to the participant's home page.
    func open(_ request: Request, context: ServerContext) async throws -> Response {
        let client = ClientAddress.of(request, context: context, trustProxy: configuration.trustProxy)
        guard try await rueda.access.allow("link:\(client)", limit: configuration.linkRateLimit) else {
            throw RuedaError(.tooManyRequests, "too many links opened from this address")
        }
        let token = context.parameters.get("token") ?? ""
        let cookie = try await rueda.access.openSession(
            link: token, language: Self.language(request), hours: configuration.sessionHours)
        var response = Response.redirect(to: "/p", type: .normal)
        response.setCookie(
            Cookie(
                name: Self.cookie, value: cookie, maxAge: configuration.sessionHours * 3_600, path: "/",
                secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// The session of a request, or a refusal that asks to open the link again.
    func session(_ request: Request) async throws -> ParticipantSession {
        guard let cookie = request.cookies[Self.cookie]?.value,
            let session = try await rueda.access.session(cookie: cookie)
        else { throw RuedaError(.unauthorized, "open your personal link again to sign in") }
        return session
    }

    typealias View = (ParticipantSession, Request) async throws -> Response

    /// A page read with the request's session.
    func page(_ request: Request, _ context: ServerContext, _ view: View) async throws -> Response {
        try await view(try await session(request), request)
    }

    /// A form post: rate-limited per session, refused without the session's CSRF token, then handled with the use
    /// cases acting for the participant, and answered with a redirect (post/redirect/get).
    func form(
        _ request: Request, _ context: ServerContext,
        _ handle: (ParticipantSession, FormFields, Rueda) async throws -> String
    ) async throws -> Response {
        let session = try await session(request)
        let bucket = "form:" + (session.sessionHash.map { Data($0).base64EncodedString() } ?? "none")
        guard try await rueda.access.allow(bucket, limit: configuration.formRateLimit) else {
            throw RuedaError(.tooManyRequests, "too many forms sent; wait a minute")
        }
        let fields = try await FormFields.read(request)
        guard session.acceptsForm(token: fields["csrf"]) else {
            throw RuedaError(.forbidden, "the form's security token is missing or wrong")
        }
        let target = try await handle(session, fields, rueda.acting(as: session.actor))
        return Response.redirect(to: target, type: .found)
    }

    func render(_ template: String, _ session: ParticipantSession, _ view: [String: Any]) -> Response {
        var context = PageViews.frame(session, rueda: rueda)
        context.merge(view) { _, new in new }
        return renderer.page(template, context, language: session.language)
    }

    // MARK: Pages

    func home(_ session: ParticipantSession, _ request: Request) async throws -> Response {
        render("home", session, [:])
    }

    func profile(_ session: ParticipantSession, _ request: Request) async throws -> Response {
        render("profile", session, PageViews.profile(session, rueda: rueda, saved: request.uri.query == "saved"))
    }

    func saveProfile(_ session: ParticipantSession, _ fields: FormFields, _ rueda: Rueda) async throws -> String {
        try await rueda.participants.updateProfile(
            session,
            ProfileFields(
                description: fields["description"], products: fields["products"],
                contactName: fields["contactName"], email: fields["email"], phone: fields["phone"],
                website: fields["website"], available: fields.all("available").compactMap { Int($0) }))
        return "/p/profile?saved"
    }

    func candidates(_ session: ParticipantSession, _ request: Request) async throws -> Response {
        let cards = try await rueda.participants.candidates(session)
        return render("candidates", session, PageViews.candidates(cards, session: session, rueda: rueda))
    }

    func interest(_ session: ParticipantSession, _ fields: FormFields, _ rueda: Rueda) async throws -> String {
        guard let level = InterestLevel(rawValue: fields["level"]) else {
            throw RuedaError(.invalidInput, "choose must, like or no")
        }
        try await rueda.participants.setInterest(session, counterpart: try NIT(parsing: fields["nit"]), level: level)
        return "/p/candidates"
    }

    /// The agenda page. After publishing it is rendered once per agenda and frame (language, names, feed) and kept
    /// beside the cached agenda, with a stand-in for the session's form token that each request replaces.
    func agenda(_ session: ParticipantSession, _ request: Request) async throws -> Response {
        let feed = "\(configuration.publicURL)/cal/\(try await rueda.access.calendarToken(for: session)).ics"
        var frame = PageViews.frame(session, rueda: rueda)
        frame["csrf"] = Self.formTokenStandIn
        let variant = ([session.language, feed] + frame.keys.sorted().map { "\($0)=\(frame[$0] ?? "")" })
            .joined(separator: "\u{0}")
        let renderer = renderer
        let page = try await rueda.participants.renderedAgenda(session, variant: variant) { agenda in
            let view = frame.merging(PageViews.agenda(agenda, session: session, feed: feed)) { _, new in new }
            return Array(renderer.html("agenda", view, language: session.language).utf8)
        }
        guard let page else { return render("agenda", session, PageViews.agenda(nil, session: session, feed: feed)) }
        return PageRenderer.response(Self.replacing(Self.formTokenStandIn, with: session.csrfToken, in: page))
    }

    /// Stands for the session's form token in a kept page: random per process, so no text a user enters can be it.
    static let formTokenStandIn = "csrf" + UUID().uuidString.replacingOccurrences(of: "-", with: "")

    /// `page` with every `target` replaced, byte for byte.
    static func replacing(_ target: String, with replacement: String, in page: [UInt8]) -> ByteBuffer {
        ByteBuffer(bytes: page.replacingAll(Array(target.utf8), with: Array(replacement.utf8)))
    }

    func download(_ session: ParticipantSession, _ request: Request) async throws -> Response {
        try calendarResponse(try await rueda.participants.calendar(session), attachment: true)
    }

    /// The live calendar feed: the published agenda, with stable UIDs and a SEQUENCE that follows reschedules.
    func calendarFeed(_ request: Request, context: ServerContext) async throws -> Response {
        let client = ClientAddress.of(request, context: context, trustProxy: configuration.trustProxy)
        guard try await rueda.access.allow("feed:\(client)", limit: configuration.linkRateLimit * 3) else {
            throw RuedaError(.tooManyRequests, "too many calendar requests from this address")
        }
        let feed = context.parameters.get("feed") ?? ""
        guard feed.hasSuffix(".ics"), let session = try await rueda.access.calendar(token: String(feed.dropLast(4)))
        else { throw RuedaError(.unauthorized, "this calendar link is not valid") }
        return try calendarResponse(try await rueda.participants.calendar(session), attachment: false)
    }

    func calendarResponse(_ text: String?, attachment: Bool) throws -> Response {
        guard let text else { throw RuedaError(.notFound, "the agenda is not published yet") }
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        if attachment { headers[.contentDisposition] = #"attachment; filename="agenda.ics""# }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func outcomes(_ session: ParticipantSession, _ request: Request) async throws -> Response {
        let meetings = try await rueda.participants.meetings(session)
        return render(
            "outcomes", session,
            PageViews.outcomes(meetings, open: rueda.participants.outcomesOpen(session), session: session))
    }

    func saveOutcome(_ session: ParticipantSession, _ fields: FormFields, _ rueda: Rueda) async throws -> String {
        try await rueda.participants.recordOutcome(
            session, counterpart: try NIT(parsing: fields["nit"]), status: fields["status"],
            expected: fields["expected"], horizon: fields["horizon"])
        return "/p/outcomes"
    }

    func language(_ session: ParticipantSession, _ fields: FormFields, _ rueda: Rueda) async throws -> String {
        try await rueda.access.setLanguage(fields["lang"], for: session)
        return "/p"
    }

    func logout(_ session: ParticipantSession, _ fields: FormFields, _ rueda: Rueda) async throws -> String {
        try await rueda.access.endSession(session)
        return "/p"
    }
}
