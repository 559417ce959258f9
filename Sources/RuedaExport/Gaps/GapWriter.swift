import RuedaCore

/// Writes the supplier gap report as text, CSV (one row per gap, safe to open in Excel) or an HTML page.
public enum GapWriter {
    static func money(_ value: Int64) -> String { "COP " + COP.grouped(value) }

    /// The report for the terminal: requirements, then the top buyers and suppliers.
    public static func text(_ report: GapReport, limit: Int = 15) -> String {
        var lines = [
            "supplier gaps in \(report.events.joined(separator: ", ")) (pairs one change away from the minimum "
                + "score \(report.minimumScore))",
            "",
            "by requirement",
        ]
        if report.requirements.isEmpty { lines.append("  no supplier is one change away from a buyer's demand") }
        for requirement in report.requirements {
            lines.append(
                "  " + requirement.label.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + "\(requirement.suppliers) suppliers short of \(requirement.buyers) buyers' demand "
                    + "(\(requirement.pairs) pairs), \(money(requirement.expectedCOP)) expected if closed")
        }
        if !report.suppliers.isEmpty {
            lines += ["", "the one change that would open the most demand, per supplier"]
            for supplier in report.suppliers.prefix(limit) {
                lines.append(
                    "  \(supplier.name) (\(supplier.supplier)): with \(GapReport.lacksPhrase(supplier)), "
                        + "\(supplier.buyers) more \(supplier.buyers == 1 ? "buyer" : "buyers"), "
                        + "\(money(supplier.expectedCOP)) expected")
            }
            if report.suppliers.count > limit { lines.append("  … \(report.suppliers.count - limit) more suppliers") }
        }
        if !report.buyers.isEmpty {
            lines += ["", "buyers' unmet demand and the suppliers nearest to meeting it"]
            for buyer in report.buyers.prefix(limit) {
                lines.append(
                    "  \(buyer.name) (\(buyer.buyer), \(buyer.event)): \(buyer.suppliersNear) suppliers one change "
                        + "away, \(money(buyer.expectedCOP)) expected")
                for near in buyer.nearest {
                    lines.append(
                        "    \(near.supplierName) (\(near.supplier)) lacks \(near.lacks): score "
                            + String(format: "%.1f", near.scoreIfClosed) + ", \(money(near.expectedCOP))")
                }
            }
            if report.buyers.count > limit { lines.append("  … \(report.buyers.count - limit) more buyers") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every gap, one row each, for a spreadsheet.
    public static func csv(_ records: [GapRecord]) -> String {
        let header = [
            "event", "buyer", "buyer_name", "supplier", "supplier_name", "requirement", "change", "score",
            "score_if_closed", "expected_cop",
        ]
        let rows = records.map {
            [
                $0.event, $0.buyer.description, $0.buyerName, $0.supplier.description, $0.supplierName, $0.requirement,
                $0.change, String(format: "%.1f", $0.score), String(format: "%.1f", $0.scoreIfClosed),
                String($0.expectedCOP),
            ]
        }
        return CSVWriter(byteOrderMark: true).document(header: header, rows: rows)
    }

    /// The report as a printable page with inline SVG charts and no scripts.
    public static func html(_ report: GapReport, limit: Int = 25) -> String {
        let requirementRows = report.requirements.map {
            "<tr><td>\(AgendaWriter.html($0.label))</td><td>\($0.suppliers)</td><td>\($0.buyers)</td>"
                + "<td>\($0.pairs)</td><td>\(money($0.expectedCOP))</td></tr>"
        }.joined(separator: "\n")
        let supplierRows = report.suppliers.prefix(limit).map {
            "<tr><td>\(AgendaWriter.html($0.name))</td><td>\(AgendaWriter.html(GapReport.lacksPhrase($0)))</td>"
                + "<td>\($0.buyers)</td><td>\(money($0.expectedCOP))</td></tr>"
        }.joined(separator: "\n")
        let buyerRows = report.buyers.prefix(limit).map { buyer in
            let nearest = buyer.nearest.map {
                "\(AgendaWriter.html($0.supplierName)) — \(AgendaWriter.html($0.lacks))"
            }.joined(separator: "<br>")
            return "<tr><td>\(AgendaWriter.html(buyer.name)) (\(buyer.event))</td><td>\(buyer.suppliersNear)</td>"
                + "<td>\(money(buyer.expectedCOP))</td><td>\(nearest)</td></tr>"
        }.joined(separator: "\n")
        let chart = ReportWriter.bars(
            report.requirements.map { (label: $0.label, value: Double($0.expectedCOP)) }, vertical: false,
            valueLabel: ReportWriter.millions)
        let body = """
            <section class="page">
            <h1>Cerrar brechas: lo que deja a los proveedores fuera de la demanda</h1>
            <h2>\(AgendaWriter.html(report.events.joined(separator: ", "))) · parejas a un cambio del puntaje \
            mínimo \(report.minimumScore)</h2>
            <h3>Expectativa de negocios si se cierra cada brecha</h3>
            \(chart)
            <table><thead><tr><th>Requisito</th><th>Proveedores</th><th>Compradores</th><th>Parejas</th>\
            <th>Expectativa</th></tr></thead><tbody>\(requirementRows)</tbody></table>
            <h3>El cambio que más demanda abre a cada proveedor</h3>
            <table><thead><tr><th>Proveedor</th><th>Cambio</th><th>Compradores</th><th>Expectativa</th></tr></thead>
            <tbody>\(supplierRows)</tbody></table>
            <h3>Demanda sin atender y los proveedores más cercanos</h3>
            <table><thead><tr><th>Comprador</th><th>Proveedores cerca</th><th>Expectativa</th><th>Más cercanos</th>\
            </tr></thead><tbody>\(buyerRows)</tbody></table>
            </section>
            """
        return ReportWriter.page(title: "Cerrar brechas", body: body)
    }
}

extension GapReport {
    /// "INVIMA", "capacity 500", "export experience", "department 05", "CIIU 1061", "size mediana".
    public static func lacksPhrase(_ supplier: Supplier) -> String {
        switch supplier.requirement {
        case "certification": supplier.change
        case "department": "department \(supplier.change)"
        case "sector": "CIIU \(supplier.change)"
        case "size": "size \(supplier.change)"
        default: supplier.change
        }
    }
}
