import RuedaCore

extension ReportWriter {
    /// A bar chart as inline SVG: vertical bars for series in order (slots), horizontal bars for ranked groups.
    static func bars(
        _ items: [(label: String, value: Double)], vertical: Bool, valueLabel: (Double) -> String
    ) -> String {
        guard let maximum = items.map(\.value).max(), maximum > 0 else { return "<p class=\"muted\">Sin datos.</p>" }
        if vertical {
            let width = 640.0
            let height = 180.0
            let barWidth = (width - 40) / Double(items.count)
            var body = ""
            for (index, item) in items.enumerated() {
                let barHeight = item.value / maximum * (height - 40)
                let x = 30 + Double(index) * barWidth
                body += """
                    <rect x="\(fmt(x + 1))" y="\(fmt(height - 20 - barHeight))" width="\(fmt(max(1, barWidth - 2)))" \
                    height="\(fmt(barHeight))" fill="#2f6db5"><title>\(AgendaWriter.html(item.label)): \
                    \(valueLabel(item.value))</title></rect>
                    <text x="\(fmt(x + barWidth / 2))" y="\(fmt(height - 6))" font-size="9" text-anchor="middle">\
                    \(AgendaWriter.html(item.label))</text>\n
                    """
            }
            return """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(fmt(width)) \(fmt(height))" width="100%" \
                role="img"><line x1="28" y1="\(fmt(height - 20))" x2="\(fmt(width - 8))" y2="\(fmt(height - 20))" \
                stroke="#999"/>\(body)<text x="30" y="12" font-size="10" fill="#555">máx. \(valueLabel(maximum))</text></svg>
                """
        }
        let rowHeight = 20.0
        let width = 640.0
        let labelWidth = 230.0
        var body = ""
        for (index, item) in items.enumerated() {
            let y = Double(index) * rowHeight
            let barWidth = item.value / maximum * (width - labelWidth - 110)
            body += """
                <text x="\(fmt(labelWidth - 6))" y="\(fmt(y + 14))" font-size="10" text-anchor="end">\
                \(AgendaWriter.html(String(item.label.prefix(38))))</text>
                <rect x="\(fmt(labelWidth))" y="\(fmt(y + 4))" width="\(fmt(max(1, barWidth)))" height="12" fill="#2f6db5"/>
                <text x="\(fmt(labelWidth + barWidth + 4))" y="\(fmt(y + 14))" font-size="10">\(valueLabel(item.value))</text>\n
                """
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(fmt(width)) \(fmt(rowHeight * Double(items.count) + 4))" \
            width="100%" role="img">\(body)</svg>
            """
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    static func millions(_ value: Double) -> String { String(format: "%.1f M", value / 1_000_000) }

    /// The event report as a page people would rather look at than read: figures up top, then charts of meetings
    /// per slot, value by sector and department, and held against no-shows; all inline, nothing from the network.
    public static func html(_ report: EventReport) -> String {
        let figures: [(String, String)] = [
            ("Compradores", String(report.buyers)), ("Proveedores", String(report.suppliers)),
            ("Reuniones agendadas", String(report.meetingsScheduled)), ("Realizadas", String(report.held)),
            ("No asistió", String(report.noShows)), ("Expectativa de negocios", money(report.expectedCOP)),
            ("Negocios reportados", money(report.reportedCOP)),
        ]
        let cards = figures.map {
            "<div class=\"card\"><div class=\"muted\">\($0.0)</div><strong>\($0.1)</strong></div>"
        }
        .joined()
        let slots = report.meetingsPerSlot.enumerated().map {
            (label: String($0.offset + 1), value: Double($0.element))
        }
        let sectors = report.bySection.prefix(12).map { (label: $0.label, value: Double($0.expectedCOP)) }
        let departments = report.bySupplierDepartment.prefix(15).map {
            (label: $0.label, value: Double($0.expectedCOP))
        }
        let attendance: [(label: String, value: Double)] = [
            ("Realizadas", Double(report.held)), ("No asistió", Double(report.noShows)),
            ("Canceladas", Double(report.cancelled)), ("Sin reporte", Double(report.unreported)),
        ]
        let pairs = report.topPairs.map {
            "<tr><td>\(AgendaWriter.html($0.buyerName))</td><td>\(AgendaWriter.html($0.supplierName))</td>"
                + "<td>\(money($0.expectedCOP))</td><td>\($0.reportedCOP.map(money) ?? "")</td></tr>"
        }.joined(separator: "\n")
        let solver =
            report.solver.map {
                "<p class=\"muted\">Calidad de la agenda: \($0.status), objetivo \($0.objective), cota superior "
                    + "\($0.upperBound), brecha \(percent($0.gap)), \($0.holes) huecos.</p>"
            } ?? ""
        let body = """
            <section class="page">
            <h1>\(AgendaWriter.html(report.name))</h1>
            <h2>\(report.dates.joined(separator: ", ")) · agenda versión \(report.scheduleVersion)</h2>
            <div class="cards">\(cards)</div>
            \(solver)
            <h3>Reuniones por franja</h3>
            \(bars(slots, vertical: true) { String(Int($0)) })
            <h3>Asistencia</h3>
            \(bars(attendance, vertical: false) { String(Int($0)) })
            <h3>Expectativa de negocios por sector (CIIU, actividad del proveedor)</h3>
            \(bars(sectors, vertical: false, valueLabel: millions))
            <h3>Expectativa de negocios por departamento del proveedor</h3>
            \(bars(departments, vertical: false, valueLabel: millions))
            <h3>Parejas con mayor expectativa</h3>
            <table><thead><tr><th>Comprador</th><th>Proveedor</th><th>Expectativa</th><th>Reportado</th></tr></thead>
            <tbody>\(pairs)</tbody></table>
            </section>
            """
        return page(title: report.name, body: body)
    }

    /// The programme report as HTML: totals and expected business per round.
    public static func html(_ report: ProgrammeReport) -> String {
        let rounds = report.events.map { (label: $0.event, value: Double($0.expectedCOP)) }
        let meetings = report.events.map { (label: $0.event, value: Double($0.meetingsScheduled)) }
        let body = """
            <section class="page">
            <h1>Ruedas de negocios: informe del programa</h1>
            <div class="cards"><div class="card"><div class="muted">Ruedas</div><strong>\(report.rounds)</strong></div>\
            <div class="card"><div class="muted">Compradores</div><strong>\(report.buyers)</strong></div>\
            <div class="card"><div class="muted">Proveedores</div><strong>\(report.suppliers)</strong></div>\
            <div class="card"><div class="muted">Citas</div><strong>\(report.appointments)</strong></div>\
            <div class="card"><div class="muted">Expectativa de negocios</div><strong>\(money(report.expectedCOP))</strong></div></div>
            <h3>Expectativa por rueda</h3>
            \(bars(rounds, vertical: false, valueLabel: millions))
            <h3>Citas por rueda</h3>
            \(bars(meetings, vertical: false) { String(Int($0)) })
            </section>
            """
        return page(title: "Informe del programa", body: body)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="es"><head><meta charset="utf-8"><title>\(AgendaWriter.html(title))</title>
        \(AgendaWriter.style)
        <style>.cards { display: flex; flex-wrap: wrap; gap: 3mm; margin: 4mm 0; } .card { border: 0.3mm solid #ddd; \
        border-radius: 2mm; padding: 2mm 3mm; min-width: 38mm; } .card strong { font-size: 13pt; } \
        h3 { font-size: 11pt; margin: 6mm 0 2mm; }</style>
        </head><body>
        \(body)
        </body></html>

        """
    }
}
