import Foundation
import RuedaCore
import RuedaExport
import RuedaUseCases

/// What each page shows, as the dictionaries the templates read. A counterpart's contact data and scores never
/// appear: only its name, department, sector, what it offers or seeks, and why Rueda suggests the meeting.
enum PageViews {
    /// What every page shows: the round, the company, the navigation and the CSRF token.
    static func frame(_ session: ParticipantSession, rueda: Rueda) -> [String: Any] {
        let event = session.event
        let status: String =
            switch event.status {
            case .draft, .open: "statusOpen"
            case .matched: "statusMatched"
            case .scheduled: "statusScheduled"
            case .published: "statusPublished"
            case .closed: "statusClosed"
            }
        return [
            "event": event.spec.name, "eventCode": event.spec.code, "company": session.company.company.name,
            "nit": session.company.company.nit.description, "csrf": session.csrfToken,
            "statusKey": PageStrings.strings(session.language)[status] ?? "",
            "dates": event.spec.dates.map(\.description).joined(separator: ", "),
            "timeZone": event.spec.timeZone,
        ]
    }

    static func profile(_ session: ParticipantSession, rueda: Rueda, saved: Bool) -> [String: Any] {
        let company = session.company.company
        let available = Set(session.participant.participant.availableSlots)
        let slots = (try? session.event.spec.slots()) ?? []
        let days = Dictionary(grouping: slots, by: \.date).sorted { $0.key < $1.key }.map { date, slots in
            [
                "date": date.description,
                "slots": slots.map {
                    [
                        "index": $0.index, "time": "\($0.time.start)–\($0.time.end)",
                        "checked": available.contains($0.index),
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
        return [
            "editable": rueda.participants.profileEditable(session), "saved": saved,
            "description": company.description, "products": company.products.joined(separator: " | "),
            "contactName": company.contactName, "email": company.email, "phone": company.phone,
            "website": company.website, "days": days,
        ]
    }

    static func candidates(_ cards: [CandidateCard], session: ParticipantSession, rueda: Rueda) -> [String: Any] {
        let open = rueda.participants.requestsOpen(session)
        let strings = PageStrings.strings(session.language)
        return [
            "open": open, "none": cards.isEmpty,
            "cards": cards.map { card in
                [
                    "nit": card.nit.description, "name": card.name, "department": card.department,
                    "sector": card.sector, "offers": card.offersOrSeeks, "sharedSector": card.sharedSector ?? "",
                    "hasSharedSector": card.sharedSector != nil, "complementary": card.complementary,
                    "sharedProducts": card.sharedProducts.joined(separator: ", "),
                    "hasSharedProducts": !card.sharedProducts.isEmpty,
                    "theyAsked": card.theirRequest == .must
                        || card.theirRequest == .like,
                    "choice": card.myRequest.map { strings[$0.rawValue] ?? $0.rawValue } ?? "",
                    "hasChoice": card.myRequest != nil, "hasOffers": !card.offersOrSeeks.isEmpty,
                    "levels": ["must", "like", "no"].map { level in
                        ["level": level, "label": strings[level] ?? level, "chosen": card.myRequest?.rawValue == level]
                    },
                ] as [String: Any]
            },
        ]
    }

    static func agenda(_ agenda: Agenda?, session: ParticipantSession, feed: String) -> [String: Any] {
        guard let agenda else { return ["published": false] }
        let strings = PageStrings.strings(session.language)
        let nit = session.company.company.nit
        let lines = agenda.lines(for: nit).map { line -> [String: Any] in
            var row: [String: Any] = [
                "date": line.date.description, "time": "\(line.time.start)–\(line.time.end)",
                "kind": line.kind.rawValue,
            ]
            switch line.kind {
            case .meeting:
                if let meeting = line.appointment, let other = line.counterpart {
                    row["place"] = agenda.placeName(meeting.table)
                    if let link = agenda.roomLink(meeting.table) { row["link"] = link }
                    row["isLink"] = agenda.roomLink(meeting.table) != nil
                    row["with"] = agenda.companies[other]?.name ?? other.description
                    row["detail"] = [agenda.department(other), agenda.sector(other)].filter { !$0.isEmpty }
                        .joined(separator: " · ")
                    row["meeting"] = true
                }
            case .free: row["label"] = strings["free"]
            case .unavailable: row["label"] = strings["unavailable"]
            case .pause: row["label"] = strings["pause"]
            }
            return row
        }
        return [
            "published": true, "lines": lines, "meetings": agenda.appointments(of: nit).count,
            "feed": feed,
        ]
    }

    static func outcomes(_ meetings: [ParticipantMeeting], open: Bool, session: ParticipantSession) -> [String: Any] {
        let strings = PageStrings.strings(session.language)
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: session.event.spec.timeZone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return [
            "open": open, "none": meetings.isEmpty,
            "meetings": meetings.map { meeting in
                [
                    "nit": meeting.counterpart.description, "name": meeting.counterpartName,
                    "when": formatter.string(from: meeting.startsAt), "place": meeting.place,
                    "hasReported": meeting.outcome != nil,
                    "reported": meeting.outcome.map { outcome in
                        let status: String =
                            switch outcome.status {
                            case .held: strings["held"] ?? ""
                            case .noShow: strings["noShow"] ?? ""
                            case .cancelled: strings["cancelled"] ?? ""
                            }
                        return status + (outcome.expected.map { " · COP \($0)" } ?? "")
                    } ?? "",
                ] as [String: Any]
            },
        ]
    }
}
