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

    /// The programme page a director would show: headline figures like an annual report's, requests honoured,
    /// attendance and reported business once outcomes exist, business by sector, department and size, meetings per
    /// round and the top supplier gaps. Inline SVG, no scripts, printable.
    public static func html(_ report: ProgrammeReport) -> String {
        let mustTallies = report.requests.filter { $0.level == "must" }
        let mustMade = mustTallies.reduce(0) { $0 + $1.made }
        let mustScheduled = mustTallies.reduce(0) { $0 + $1.scheduled }
        var figures: [(String, String)] = [
            ("Ruedas", String(report.rounds)), ("Compradores", String(report.buyers)),
            ("Proveedores", String(report.suppliers)), ("Citas", String(report.appointments)),
            ("Expectativa de negocios", money(report.expectedCOP)),
        ]
        if mustMade > 0 {
            figures.append(
                (
                    "Citas obligatorias cumplidas",
                    "\(mustScheduled) de \(mustMade) "
                        + "(\(percent(Double(mustScheduled) / Double(mustMade))))"
                ))
        }
        let reported = report.held + report.noShows > 0
        if reported {
            figures.append(("Asistencia", percent(Double(report.held) / Double(max(1, report.held + report.noShows)))))
            figures.append(("Negocios reportados", money(report.reportedCOP)))
        }
        let cards = figures.map {
            "<div class=\"card\"><div class=\"muted\">\($0.0)</div><strong>\(AgendaWriter.html($0.1))</strong></div>"
        }.joined()
        let rounds = report.events.map { (label: $0.event, value: Double($0.expectedCOP)) }
        let meetings = report.events.map { (label: $0.event, value: Double($0.meetingsScheduled)) }
        func groups(_ list: [ReportGroup], _ limit: Int) -> [(label: String, value: Double)] {
            list.prefix(limit).map { (label: $0.label.isEmpty ? $0.key : $0.label, value: Double($0.expectedCOP)) }
        }
        let requestRows = report.requests.map { tally in
            let reasons = tally.notScheduled.prefix(3).map { "\($0.count) \(AgendaWriter.html($0.reason))" }
                .joined(separator: "<br>")
            return "<tr><td>\(tally.level == "must" ? "Obligatoria" : "Deseable")</td>"
                + "<td>\(tally.requestedBy == "buyer" ? "Comprador" : "Proveedor")</td><td>\(tally.made)</td>"
                + "<td>\(tally.scheduled) (\(percent(tally.honoured)))</td><td>\(reasons)</td></tr>"
        }.joined(separator: "\n")
        let honouredChart = bars(
            report.requests.map { (label: "\($0.level) · \($0.requestedBy)", value: $0.honoured * 100) },
            vertical: false
        ) { String(format: "%.0f %%", $0) }
        let requests =
            report.requests.isEmpty
            ? ""
            : """
            <h3>Solicitudes de cita cumplidas</h3>
            \(honouredChart)
            <table><thead><tr><th>Tipo</th><th>Solicita</th><th>Hechas</th><th>Agendadas</th>\
            <th>Por qué no (principales)</th></tr></thead><tbody>\(requestRows)</tbody></table>
            """
        var gapSection = ""
        if let gaps = report.gaps, !gaps.requirements.isEmpty {
            let top = gaps.suppliers.prefix(10).map {
                "<tr><td>\(AgendaWriter.html($0.name))</td><td>\(AgendaWriter.html(GapReport.lacksPhrase($0)))</td>"
                    + "<td>\($0.buyers)</td><td>\(money($0.expectedCOP))</td></tr>"
            }.joined(separator: "\n")
            let gapChart = bars(
                gaps.requirements.map { (label: $0.label, value: Double($0.expectedCOP)) }, vertical: false,
                valueLabel: millions)
            gapSection = """
                <h3>Brechas de los proveedores: expectativa si se cierran</h3>
                \(gapChart)
                <table><thead><tr><th>Proveedor</th><th>Cambio</th><th>Compradores</th><th>Expectativa</th></tr>\
                </thead><tbody>\(top)</tbody></table>
                """
        }
        let reportedChart = bars(
            report.events.map { (label: $0.event, value: Double($0.reportedCOP)) }, vertical: false,
            valueLabel: millions)
        let attendance = reported ? "<h3>Negocios reportados por rueda</h3>\n\(reportedChart)" : ""
        let body = """
            <section class="page">
            <h1>Ruedas de negocios: informe del programa</h1>
            <div class="cards">\(cards)</div>
            <h3>Expectativa por rueda</h3>
            \(bars(rounds, vertical: false, valueLabel: millions))
            <h3>Citas por rueda</h3>
            \(bars(meetings, vertical: false) { String(Int($0)) })
            \(attendance)
            \(requests)
            <h3>Expectativa por sector (CIIU, actividad del proveedor)</h3>
            \(bars(groups(report.bySection, 12), vertical: false, valueLabel: millions))
            <h3>Expectativa por departamento del proveedor</h3>
            \(bars(groups(report.bySupplierDepartment, 15), vertical: false, valueLabel: millions))
            <h3>Expectativa por tamaño del proveedor y del comprador</h3>
            <p class="muted">Proveedores</p>
            \(bars(groups(report.bySupplierSize, 6), vertical: false, valueLabel: millions))
            <p class="muted">Compradores</p>
            \(bars(groups(report.byBuyerSize, 6), vertical: false, valueLabel: millions))
            \(gapSection)
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
