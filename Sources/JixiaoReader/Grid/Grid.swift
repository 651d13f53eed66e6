/// A table as rows of cells: the reader's middle form. Every source (text in its several layouts,
/// HTML, Word, Excel) becomes a grid first, and `GridReader` reads any grid into a document.
public struct Grid: Sendable, Equatable {
    /// How far the source cut the cells.
    public enum Layout: String, Sendable {
        /// Cells cut by the source (`|`, tabs), blank ones left out: a row's cells may not stand
        /// under the head labels of their columns.
        case cells
        /// Cells at their columns, blank ones kept (HTML, Word, Excel): a row spanning columns is
        /// followed by blank cells; a cell spanning rows stands in its first row only, so a shorter
        /// row's cells are the rightmost columns.
        case positioned
        /// Cells cut at single spaces, as PDF text gives rows: a cell may itself hold spaces, so
        /// neighbouring pieces can belong together.
        case spaced
        /// One cell per paragraph, blank lines between: the rows are not known.
        case paragraphs
        /// One line per row with the cells run together: cut by labels, levels and values.
        case runTogether
    }

    public struct Cell: Sendable, Equatable {
        public var text: String
        /// 1-based line of the source where the cell starts.
        public var line: Int
        public init(_ text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        public init(_ cells: [Cell]) { self.cells = cells }
    }

    public var layout: Layout
    public var rows: [Row]

    public init(layout: Layout, rows: [Row]) {
        self.layout = layout
        self.rows = rows
    }
}
