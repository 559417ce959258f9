import Foundation
import OpenAPIRuntime
import RuedaCore
import RuedaStore
import RuedaUseCases

/// The organiser API: each operation of openapi.yaml is a thin call to the use case the command line calls.
struct APIHandler: APIProtocol {
    let rueda: Rueda
    let configuration: ServerConfiguration

    /// The key that authenticated this request.
    func principal() throws -> APIPrincipal {
        guard let principal = CurrentRequest.context?.principal else {
            throw RuedaError(.unauthorized, "send an API key as 'Authorization: Bearer KEY'")
        }
        return principal
    }

    /// The use cases acting for the request's key.
    func acting() throws -> Rueda { rueda.acting(as: try principal().actor) }

    /// A round the key may work on; another round's name is refused as such.
    func event(_ reference: String) async throws -> StoredEvent {
        let event = try await rueda.selection.event(reference)
        guard try principal().may(event.id) else {
            throw RuedaError(.forbidden, "this API key may not work on \(event.spec.code)")
        }
        return event
    }

    /// Refuses keys scoped to some rounds for operations on the whole programme or the company directory.
    func requireAllEvents(_ what: String) throws {
        guard try principal().allEvents else {
            throw RuedaError(.forbidden, "\(what) needs an API key for all events")
        }
    }

    /// An uploaded CSV file, read up to the upload limit.
    func file(_ body: HTTPBody, name: String) async throws -> ImportFile {
        do {
            let bytes = try await [UInt8](collecting: body, upTo: configuration.maxUploadBytes)
            return ImportFile(name: name, bytes: bytes)
        } catch {
            throw RuedaError(
                .invalidInput, "the CSV body is larger than \(configuration.maxUploadBytes / 1_048_576) MiB")
        }
    }

    // MARK: Service

    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(.init(body: .json(.init(status: "alive"))))
    }

    func readiness(_ input: Operations.Readiness.Input) async throws -> Operations.Readiness.Output {
        do {
            let pending = try await DatabaseUseCases.status(rueda.database).filter { $0.state != .applied }.count
            guard pending == 0 else {
                return .serviceUnavailable(
                    .init(body: .json(.init(status: "migrations pending", migrationsPending: pending))))
            }
            return .ok(.init(body: .json(.init(status: "ready", migrationsPending: 0))))
        } catch {
            return .serviceUnavailable(.init(body: .json(.init(status: "database unreachable"))))
        }
    }
}
