import RuedaCore
import RuedaSolver
import RuedaStore

// Rueda's enumerations as the API's: exhaustive switches, so a case added on either side fails to compile instead
// of falling back to some other value.

extension Components.Schemas.Company.SizePayload {
    init(_ size: CompanySize) {
        switch size {
        case .micro: self = .micro
        case .pequena: self = .pequena
        case .mediana: self = .mediana
        case .grande: self = .grande
        }
    }
}

extension Components.Schemas.Event.StatusPayload {
    init(_ status: EventStatus) {
        switch status {
        case .draft: self = .draft
        case .open: self = .open
        case .matched: self = .matched
        case .scheduled: self = .scheduled
        case .published: self = .published
        case .closed: self = .closed
        }
    }
}

extension Components.Schemas.ScheduleVersion.StatusPayload {
    init(_ status: ScheduleStatus) {
        switch status {
        case .draft: self = .draft
        case .published: self = .published
        case .superseded: self = .superseded
        }
    }
}

extension Components.Schemas.ScheduleVersion.SolverStatusPayload {
    init(_ status: Schedule.Status) {
        switch status {
        case .optimal: self = .optimal
        case .feasible: self = .feasible
        case .infeasible: self = .infeasible
        case .unknown: self = .unknown
        }
    }
}

extension Components.Schemas.Outcome.StatusPayload {
    init(_ status: OutcomeStatus) {
        switch status {
        case .held: self = .held
        case .noShow: self = .noShow
        case .cancelled: self = .cancelled
        }
    }
}

extension Components.Schemas.Outcome.HorizonPayload {
    init(_ horizon: DealHorizon) {
        switch horizon {
        case .immediate: self = .immediate
        case .threeMonths: self = ._3m
        case .sixMonths: self = ._6m
        case .twelveMonths: self = ._12m
        }
    }
}
