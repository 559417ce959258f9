import Foundation
import RuedaCore
import RuedaMatching
import RuedaStore

extension MatchUseCases {
    /// Refits the deal value model to the outcomes recorded so far in some rounds (every round with outcomes when
    /// `references` is empty): held meetings with their reported business, no-shows as no deal, each against the
    /// score and deal size its match run predicted. Returns the calibration and a configuration that uses it, based
    /// on the configuration of the newest round's current match run.
    public func calibrate(
        _ references: [String]
    ) async throws -> (calibration: Calibration, configuration: MatchConfiguration) {
        var events: [StoredEvent] = []
        if references.isEmpty {
            events = try await EventRepository(database: rueda.database).list().map(\.event)
        } else {
            for reference in references { events.append(try await rueda.selection.event(reference)) }
        }
        let schedules = ScheduleRepository(database: rueda.database)
        let outcomes = OutcomeRepository(database: rueda.database)
        var observations: [DealObservation] = []
        var base = MatchConfiguration()
        for event in events {
            let recorded = try await outcomes.latest(in: event).map(\.outcome)
            let versions = try await schedules.versions(in: event)
            guard !recorded.isEmpty, let record = versions.first(where: { $0.status == .published }) ?? versions.first,
                let runID = record.matchRunID, let run = try await repository.run(runID)
            else { continue }
            base = try MatchConfiguration.decode(try await repository.configuration(of: run))
            let predicted = Dictionary(
                try await repository.candidates(of: run).map { ($0.pair, $0.score) }, uniquingKeysWith: { a, _ in a })
            for outcome in recorded {
                guard let score = predicted[outcome.pair] else { continue }
                switch outcome.status {
                case .held:
                    let value = outcome.expected?.pesos ?? 0
                    observations.append(
                        DealObservation(
                            score: score.score, closed: value > 0, predictedSize: score.dealSize,
                            reportedValue: value > 0 ? value : nil))
                case .noShow:
                    observations.append(
                        DealObservation(score: score.score, closed: false, predictedSize: score.dealSize))
                case .cancelled:
                    continue
                }
            }
        }
        let calibration: Calibration
        do {
            calibration = try Calibration.fit(observations, model: base.dealValue)
        } catch {
            throw RuedaError(.invalidInput, error.description)
        }
        var configuration = base
        configuration.dealValue = calibration.after
        configuration.version = "calibrated-\(calibration.observations)-outcomes"
        return (calibration, configuration)
    }
}
