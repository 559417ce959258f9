import ArgumentParser
import Foundation
import RuedaCommandLine
import RuedaCore
import RuedaMatching
import RuedaUseCases

extension MatchCommand {
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refit the expected-value model to the outcomes recorded so far and write a configuration.",
            discussion: """
                Uses every held meeting with its reported business and every no-show (as no deal), against the score \
                and deal size the round's match run predicted; refuses with fewer than \
                \(Calibration.minimumObservations). Prints predicted against reported business by decile of \
                predicted value, so you can judge the model before trusting it. Use the written file with \
                'rueda match run EVENT --config FILE'.
                """)

        @Argument(help: "Event codes (omit with --all-events).") var events: [String] = []
        @Flag(help: "Every round with recorded outcomes.") var allEvents = false
        @Option(help: "Write the calibrated configuration (JSON) to this file.") var out: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if allEvents == !events.isEmpty { throw ValidationError("give event codes or --all-events, not both") }
            if events.count > 100 { throw ValidationError("give at most 100 event codes, or --all-events") }
        }

        func run() async throws {
            let (calibration, configuration) = try await database.withRueda {
                try await $0.matching.calibrate(allEvents ? [] : events)
            }
            for line in Self.render(calibration) { Output.line(line) }
            if let out {
                try Output.write(String(decoding: configuration.encoded(), as: UTF8.self) + "\n", to: out)
                Output.line("wrote \(out) (configuration \(configuration.version))")
            }
        }

        static func render(_ calibration: Calibration) -> [String] {
            let (before, after) = (calibration.before, calibration.after)
            func model(_ m: DealValueModel) -> String {
                String(
                    format: "midpoint %.1f, steepness %.2f, ceiling %.2f, deal share %.3f", m.midpoint, m.steepness,
                    m.ceiling, m.dealShare)
            }
            var lines = [
                "\(calibration.observations) meetings with an outcome, \(calibration.deals) with a reported deal",
                "model in use: " + model(before),
                "refitted:     " + model(after),
                "",
                "decile  meetings  scores        predicted/meeting  refitted/meeting  reported/meeting",
            ]
            for decile in calibration.deciles {
                lines.append(
                    String(decile.decile).leftPadded(6) + String(decile.meetings).leftPadded(10)
                        + String(format: "  %5.1f–%5.1f", decile.lowestScore, decile.highestScore)
                        + COP.grouped(decile.predictedMeanCOP).leftPadded(19)
                        + COP.grouped(decile.refittedMeanCOP).leftPadded(18)
                        + COP.grouped(decile.reportedMeanCOP).leftPadded(18))
            }
            return lines
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
