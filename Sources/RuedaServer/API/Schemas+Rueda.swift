import Foundation
import RuedaCore
import RuedaMatching
import RuedaSolver
import RuedaStore
import RuedaUseCases

// Rueda's values as the API's schemas (generated from openapi.yaml).

extension Components.Schemas.Company {
    init(_ company: Company) {
        self.init(
            nit: company.nit.description, name: company.name, department: company.departmentCode, city: company.city,
            size: .init(company.size), ciiu: company.activities,
            certifications: company.certifications, products: company.products, description: company.description,
            contactName: company.contactName, email: company.email, phone: company.phone, website: company.website)
    }
}

extension Components.Schemas.Event {
    init(_ event: StoredEvent) {
        let spec = event.spec
        self.init(
            id: event.id.rawValue, code: spec.code, name: spec.name,
            status: .init(event.status), timeZone: spec.timeZone,
            dates: spec.dates.map(\.description), start: spec.dayStart.description, end: spec.dayEnd.description,
            slotMinutes: spec.slotMinutes, slots: (try? spec.slots().count) ?? 0,
            breaks: spec.breaks.map(\.description), tables: spec.tables,
            mode: spec.mode == .inPerson ? .inPerson : .virtual,
            roomLink: spec.roomLinkPattern.isEmpty ? nil : spec.roomLinkPattern, requestsOpen: event.requestsOpen)
    }
}

extension Components.Schemas.MatchRun {
    init(_ run: MatchRunRecord) {
        self.init(
            id: run.id.rawValue, current: run.isCurrent, configVersion: run.configVersion, startedAt: run.startedAt,
            buyers: run.buyers, suppliers: run.suppliers, pairsTotal: run.pairsTotal, pairsScored: run.pairsScored,
            candidatesFound: run.candidatesFound, candidatesKept: run.candidatesKept, buyersWithout: run.buyersWithout,
            suppliersWithout: run.suppliersWithout, expectedCOP: run.expectedValue)
    }
}

extension Components.Schemas.Candidate {
    init(_ candidate: StoredCandidate) {
        let score = candidate.score
        self.init(
            buyer: candidate.buyer.description, buyerName: candidate.buyerName,
            supplier: candidate.supplier.description, supplierName: candidate.supplierName, score: score.score,
            sector: score.sector, product: score.product, requirements: score.requirements, interest: score.interest,
            expectedCOP: score.expectedValue, rankForBuyer: candidate.rankForBuyer,
            rankForSupplier: candidate.rankForSupplier, basis: candidate.sectorBasis,
            sharedTerms: candidate.sharedTerms)
    }
}

extension Components.Schemas.ScheduleVersion {
    init(_ record: ScheduleRecord) {
        self.init(
            version: record.version, status: .init(record.status),
            solverStatus: .init(record.solverStatus), meetings: record.stats.meetings,
            objective: record.objective, upperBound: record.upperBound,
            gap: record.stats.gap.isFinite ? record.stats.gap : 0,
            holes: record.stats.holes, shortfall: record.stats.shortfall, basedOn: record.basedOn?.rawValue,
            matchRun: record.matchRunID?.rawValue, explanation: record.explanation)
    }
}

extension Components.Schemas.Appointment {
    init(_ appointment: StoredAppointment) {
        self.init(
            buyer: appointment.buyer.description, buyerName: appointment.buyerName,
            supplier: appointment.supplier.description, supplierName: appointment.supplierName,
            slot: appointment.slot, startsAt: appointment.startsAt, endsAt: appointment.endsAt,
            table: appointment.table + 1, expectedCOP: appointment.expectedValue, required: appointment.required)
    }
}

extension Components.Schemas.Outcome {
    init(_ outcome: Outcome, reportedAt: Date? = nil) {
        self.init(
            buyer: outcome.buyer.description, supplier: outcome.supplier.description,
            status: .init(outcome.status), expectedCOP: outcome.expected?.pesos,
            horizon: outcome.horizon.map { .init($0) }, note: outcome.note,
            reportedBy: outcome.reportedBy, reportedAt: reportedAt)
    }
}

extension Components.Schemas.ImportReport {
    init<Summary>(_ report: ImportReport<Summary>, dryRun: Bool, summary: (Summary) -> String) {
        self.init(
            file: report.file, accepted: report.accepted, rejected: report.rejected, dryRun: dryRun,
            issues: report.issues.map { .init(row: $0.row, field: $0.field, reason: $0.reason) },
            rejectedCSV: report.rejectedCSV, summary: report.summary.map(summary))
    }
}

extension Components.Schemas.Invite {
    init(_ invite: InviteLink) {
        self.init(
            nit: invite.nit.description, name: invite.name, contact: invite.contact, email: invite.email,
            link: invite.link, expiresAt: invite.expiresAt)
    }
}
