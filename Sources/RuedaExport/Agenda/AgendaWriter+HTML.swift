import RuedaCore

extension AgendaWriter {
    /// Styles shared by agendas and reports: A4 portrait in print (the table fits the printable width, long e-mail
    /// addresses wrap), and one card per meeting on a phone's narrow screen.
    static let style = """
        <style>
        @page { size: A4 portrait; margin: 14mm; }
        body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; margin: 0 auto;
          max-width: 182mm; padding: 0 2mm; }
        h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 0 0 4mm; color: #444; font-weight: normal; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        th, td { text-align: left; padding: 1.6mm 1.5mm; border-bottom: 0.3mm solid #ddd; vertical-align: top;
          overflow-wrap: anywhere; word-break: break-word; }
        th { background: #f1f4f8; font-size: 8.5pt; text-transform: uppercase; letter-spacing: 0.02em; }
        col.when { width: 16%; } col.place { width: 11%; } col.with { width: 29%; } col.what { width: 22%; }
        col.contact { width: 22%; } col.party { width: 30.5%; }
        tr.free td, tr.unavailable td { color: #888; } tr.break td { background: #fafafa; color: #888; font-style: italic; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .page { page-break-after: always; break-after: page; padding: 6mm 0; }
        .page:last-child { page-break-after: auto; break-after: auto; }
        .muted { color: #666; font-size: 9pt; }
        @media print { body { max-width: none; padding: 0; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        @media screen and (max-width: 600px) {
          body { font-size: 11pt; padding: 0 3mm; } h1 { font-size: 14pt; } h2 { font-size: 11pt; }
          table, tbody, tr, td { display: block; width: auto; } thead { display: none; }
          tr { padding: 2mm 0; border-bottom: 0.3mm solid #ccc; } td { border: 0; padding: 0.6mm 0; }
          td[data-label]::before { content: attr(data-label) ": "; color: #666; font-size: 9pt; }
        }
        </style>
        """

    /// One printable page for a company: the event's name and dates, and its meetings in a clean table.
    public func companyHTMLPage(_ nit: NIT) -> String {
        let company = agenda.companies[nit]
        let dates = Set(agenda.slots.map(\.date.description)).sorted().joined(separator: ", ")
        var rows = ""
        for line in agenda.lines(for: nit) {
            let when =
                "<td data-label=\"Hora\"><span class=\"muted\">\(line.date)</span><br>\(line.time.start)–\(line.time.end)</td>"
            switch line.kind {
            case .meeting:
                guard let meeting = line.appointment, let other = line.counterpart else { continue }
                let counterpart = agenda.companies[other]
                let contact = [counterpart?.contactName, counterpart?.email, counterpart?.phone].compactMap { $0 }
                    .filter { !$0.isEmpty }.map(Self.html).joined(separator: "<br>")
                rows += """
                    <tr class="meeting">\(when)\
                    <td data-label="Mesa o sala">\(placeHTML(meeting.table))</td>\
                    <td data-label="Con"><strong>\(Self.html(counterpart?.name ?? other.description))</strong><br>\
                    <span class="muted">NIT \(other) · \(Self.html(agenda.department(other))) · \
                    \(Self.html(agenda.sector(other)))</span></td>\
                    <td data-label="Ofrece o busca">\(Self.html(agenda.seeksOrOffers(other)))</td>\
                    <td data-label="Contacto">\(contact)</td></tr>\n
                    """
            case .free:
                rows += "<tr class=\"free\">\(when)<td colspan=\"4\">Libre</td></tr>\n"
            case .unavailable:
                rows += "<tr class=\"unavailable\">\(when)<td colspan=\"4\">No disponible</td></tr>\n"
            case .pause:
                rows += "<tr class=\"break\">\(when)<td colspan=\"4\">Descanso</td></tr>\n"
            }
        }
        let meetings = agenda.appointments(of: nit).count
        return """
            <section class="page">
            <h1>\(Self.html(agenda.event.name))</h1>
            <h2>\(Self.html(company?.name ?? nit.description)) · NIT \(nit) · \(dates) · \(meetings) reuniones · \
            horas de \(Self.html(agenda.event.timeZone))\(agenda.published ? "" : " · BORRADOR, puede cambiar")</h2>
            <table><colgroup><col class="when"><col class="place"><col class="with"><col class="what">\
            <col class="contact"></colgroup>
            <thead><tr><th>Hora</th><th>Mesa o sala</th><th>Con</th><th>Ofrece o busca</th><th>Contacto</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            </section>
            """
    }

    /// A table or room: a virtual room as a link named by its number (the link itself is in the calendar files).
    func placeHTML(_ table: Int) -> String {
        guard let link = agenda.roomLink(table) else { return Self.html(agenda.placeName(table)) }
        return "<a href=\"\(Self.html(link))\">\(Self.html(agenda.placeName(table)))</a>"
    }

    /// A printable HTML document with the given companies' pages, one per page.
    public func companiesHTML(_ nits: [NIT]) -> String {
        document(title: agenda.event.name, body: nits.map(companyHTMLPage).joined(separator: "\n"))
    }

    /// The organisers' master agenda: every meeting by slot and table.
    public func masterHTML() -> String {
        var rows = ""
        for meeting in agenda.appointments {
            let slot = agenda.slots[meeting.slot]
            rows += """
                <tr><td data-label="Hora"><span class="muted">\(slot.date)</span><br>\
                \(slot.time.start)–\(slot.time.end)</td>\
                <td data-label="Mesa o sala">\(placeHTML(meeting.table))</td>\
                <td data-label="Comprador">\(Self.html(agenda.companies[meeting.buyer]?.name ?? meeting.buyer.description))</td>\
                <td data-label="Proveedor">\
                \(Self.html(agenda.companies[meeting.supplier]?.name ?? meeting.supplier.description))</td></tr>\n
                """
        }
        let body = """
            <section class="page">
            <h1>\(Self.html(agenda.event.name)) · agenda general</h1>
            <h2>\(agenda.appointments.count) reuniones · versión \(agenda.version) · horas de \
            \(Self.html(agenda.event.timeZone))</h2>
            <table><colgroup><col class="when"><col class="place"><col class="party"><col class="party"></colgroup>
            <thead><tr><th>Hora</th><th>Mesa o sala</th><th>Comprador</th><th>Proveedor</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            </section>
            """
        return document(title: "\(agenda.event.name) · agenda general", body: body)
    }

    func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="es"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(Self.html(title))</title>
        \(Self.style)
        </head><body>
        \(body)
        </body></html>

        """
    }

    /// Text as HTML, safe in element content and in quoted attributes: `&`, `<`, `>`, `"` and `'` as entities.
    ///
    /// Byte by byte in UTF-8, not Character by Character: a quote followed by a combining accent is one Character
    /// that is not `"`, and would go out raw. The service's pages escape with this too (`ScalarHTMLContentType`).
    public static func html(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            case UInt8(ascii: "'"): bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
