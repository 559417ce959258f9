import RuedaCore

/// Rows aligned in columns under a header, for a terminal: long cells are clipped, control characters shown.
public enum TextTable {
    public static func render(_ header: [String], _ rows: [[String]], maxWidth: Int = 40) -> String {
        let clipped = rows.map { row in
            row.map { $0.count > maxWidth ? String($0.prefix(maxWidth - 1)) + "…" : $0 }
        }
        var widths = header.map(\.count)
        for row in clipped {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 || index >= widths.count
                    ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + clipped.map(line))
            .joined(separator: "\n").visibleForTerminal
    }
}
