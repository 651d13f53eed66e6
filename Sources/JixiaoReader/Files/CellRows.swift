/// Rows of table cells (from a Word table or a sheet) as the text the reader reads: one line per row,
/// cells separated by tabs, as Word gives a table copied as text. A line break inside a cell becomes a
/// space, so that a row stays one line; a merged cell's text sits in its first cell, the rest are empty.
enum CellRows {
    static func lines(_ rows: [[String]]) -> [String] {
        rows.map { row in
            var cells = row.map { cell in
                String(cell.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }).trimmingCharacters(in: .whitespaces)
            }
            while cells.last?.isEmpty == true { cells.removeLast() }
            return cells.joined(separator: "\t")
        }
    }
}
