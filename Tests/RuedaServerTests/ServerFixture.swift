import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Metrics
import NIOCore
import Prometheus
import RuedaCore
import RuedaServer
import RuedaStore
import RuedaTestSupport
import RuedaUseCases
import Testing

/// A service on a scratch database with a programme of two rounds: round A matched, solved and published, round B
/// matched and open to requests; an all-events key, a key scoped to round B, a revoked key, and a personal link for each
/// participant of both rounds.
struct ServerFixture: Sendable {
    let rueda: Rueda
    let roundA: SeededRound
    let roundB: SeededRound
    let allKey: String
    let scopedKey: String
    let revokedKey: String
    let invitesA: [NIT: InviteLink]
    let invitesB: [NIT: InviteLink]
    /// The service's agenda cache, to see what it holds.
    let agendaCache: AgendaCache
    /// The served instance's participant cache.
    let participantCache: ParticipantCache

    static let publicURL = "https://rueda.example.org"

    /// One metrics registry per process: swift-metrics can be bootstrapped only once.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static func configuration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.publicURL = publicURL
        return configuration
    }

    /// Runs `test` against the router (no sockets), on a fresh database.
    static func with(
        publish: Bool = true, configuration: ServerConfiguration = configuration(),
        _ test: @escaping @Sendable (ServerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let registry = registry  // bootstrapped before the pool's metrics are made
        let reference = try ReferenceData.bundled()
        try await ScratchDatabase.withMigrated { database, _ in
            let rueda = Rueda(database: database, reference: reference)
            let rounds = try await SeededRound.seedProgramme(rueda, buyers: 6, suppliers: 18, events: 2, seed: 11)
            let (roundA, roundB) = (rounds[0], rounds[1])
            _ = try await rueda.matching.run(roundB.code)
            if publish {
                _ = try await rueda.matching.run(roundA.code)
                let report = try await rueda.scheduling.solve(
                    roundA.code, options: .init(timeLimit: .seconds(2), seed: 1))
                _ = try await rueda.scheduling.publish(roundA.code, version: report.record.version)
            }
            let allKey = try await rueda.access.createKey(name: "organiser").key
            let scopedKey = try await rueda.access.createKey(name: "round B", events: [roundB.code]).key
            let revoked = try await rueda.access.createKey(name: "former")
            _ = try await rueda.access.revokeKey("\(revoked.stored.id)")
            func invites(_ round: SeededRound) async throws -> [NIT: InviteLink] {
                let links = try await rueda.access.createInvites(round.code, baseURL: publicURL)
                return Dictionary(uniqueKeysWithValues: links.map { ($0.nit, $0) })
            }
            // The service keeps published agendas and its secrets in memory, as `rueda serve` does.
            let cache = AgendaCache()
            let participantCache = ParticipantCache()
            let fixture = ServerFixture(
                rueda: rueda, roundA: roundA, roundB: roundB, allKey: allKey, scopedKey: scopedKey,
                revokedKey: revoked.key, invitesA: try await invites(roundA), invitesB: try await invites(roundB),
                agendaCache: cache, participantCache: participantCache)
            let served = Rueda(
                database: database, reference: reference, agendaCache: cache, secretCache: SecretCache(),
                participantCache: participantCache)
            let router = try await RuedaServer.router(
                rueda: served, configuration: configuration, metrics: registry)
            let app = Application(router: router, logger: ScratchDatabase.logger)
            try await app.test(.router) { client in try await test(fixture, client) }
        }
    }

    /// The path of a personal link (`/i/TOKEN`).
    static func path(_ invite: InviteLink) -> String {
        String(invite.link.dropFirst(publicURL.count))
    }

    /// The meeting requests stored for a round.
    func requests(_ round: SeededRound) async throws -> [MeetingRequest] {
        try await EnrolmentRepository(database: rueda.database).requests(in: round.event)
    }

    /// The participants stored for a round.
    func participants(_ round: SeededRound) async throws -> [EnrolledParticipant] {
        try await EnrolmentRepository(database: rueda.database).participants(in: round.event)
    }

    /// A company as stored.
    func company(_ nit: NIT) async throws -> Company { try await rueda.companies.show(nit).company }

    /// The invite of the first participant of round B (by NIT) that has candidates.
    func inviteWithCandidatesB() async throws -> InviteLink {
        for invite in invitesB.values.sorted(by: { $0.nit.description < $1.nit.description }) {
            let (_, candidates) = try await rueda.matching.candidates(
                roundB.code, run: nil, company: invite.nit, top: 1)
            if !candidates.isEmpty { return invite }
        }
        throw CancellationError()
    }

    /// A buyer of round A with at least one published meeting, and its invite.
    func scheduledBuyerA() async throws -> (NIT, InviteLink) {
        let view = try await rueda.scheduling.show(roundA.code)
        let buyer = try #require(view.appointments.first).buyer
        return (buyer, try #require(invitesA[buyer]))
    }
}

/// Requests of the tests, and what they read back.
extension TestClientProtocol {
    func get(_ uri: String, key: String? = nil, cookie: String? = nil) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: Self.headers(key: key, cookie: cookie))
    }

    func send(
        _ method: HTTPRequest.Method, _ uri: String, key: String? = nil, cookie: String? = nil,
        type: String = "application/json", body: String
    ) async throws -> TestResponse {
        var headers = Self.headers(key: key, cookie: cookie)
        headers[.contentType] = type
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form as a browser would (`application/x-www-form-urlencoded`).
    func form(_ uri: String, cookie: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(
            .post, uri, cookie: cookie, type: "application/x-www-form-urlencoded", body: body)
    }

    /// Opens a personal link and returns the session cookie (`rueda_session=…`) it sets.
    func signIn(_ invite: InviteLink) async throws -> String {
        let response = try await get(ServerFixture.path(invite))
        #expect(response.status == .seeOther)
        let cookie = try #require(response.headers[.setCookie])
        return String(try #require(cookie.split(separator: ";").first))
    }

    /// The CSRF token of the page's forms.
    func csrf(_ cookie: String) async throws -> String {
        let page = String(buffer: try await get("/p/candidates", cookie: cookie).body)
        let marker = #"name="csrf" value=""#
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    static func headers(key: String?, cookie: String?) -> HTTPFields {
        var headers = HTTPFields()
        if let key { headers[.authorization] = "Bearer \(key)" }
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as JSON.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// The problem document's `code`, for error responses.
    func problemCode() throws -> String? {
        (try json() as? [String: Any])?["code"] as? String
    }
}
