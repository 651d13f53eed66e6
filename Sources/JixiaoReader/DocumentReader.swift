import Foundation
import JixiaoModel

/// Text of a target document → `TargetDocument`, following READING.md. Structure is found by
/// its labels (项目编码, 项目名称, 一级指标 …), never by line numbers.
public enum DocumentReader {
    public struct Result: Sendable {
        public var document: TargetDocument
        public var warnings: [ReadWarning]
        public var encoding: TextDecoding.Encoding
        public var format: FileFormat = .text
        /// The text that was read: the decoded file, or what was taken out of a Word, Excel or PDF file.
        /// Made from its UTF-8 when asked for (most callers never ask).
        public var text: String { String(decoding: utf8, as: UTF8.self) }
        private let utf8: [UInt8]

        init(document: TargetDocument, warnings: [ReadWarning], utf8: [UInt8]) {
            self.document = document
            self.warnings = warnings
            encoding = .utf8
            self.utf8 = utf8
        }
    }

    /// Reads a file's bytes: text in any supported encoding, a `jixiao/1` document, or a .docx, .xlsx
    /// or .pdf (told by content, not name). `name` is recorded as the source file name and the hash
    /// of these bytes as its SHA-256, whatever a `jixiao/1` file claims. A document beyond
    /// `DocumentLimits` is refused.
    public static func read(_ data: Data, name: String? = nil) throws(ReadError) -> Result {
        let source = try extract(data)
        var result: Result
        if source.format == .json {
            let document: TargetDocument
            do { document = try DocumentJSON.decode(Data(source.text)) } catch { throw .notJixiao("\(error)") }
            result = Result(document: document, warnings: [], utf8: source.text)
            result.document.source = TargetDocument.Source(name: name ?? document.source?.name, sha256: SHA256.hex(data))
        } else {
            switch source.format {
            case .html: result = try readHTML(String(decoding: source.text, as: UTF8.self))
            case .pdf: result = try readPDF(source.text, data)
            default: result = try read(utf8: source.text, grid: source.grid)
            }
            result.document.source = TargetDocument.Source(name: name, sha256: SHA256.hex(data))
            for position in source.incompleteProjects where result.document.projects.indices.contains(position - 1) {
                result.document.projects[position - 1].complete = false
            }
        }
        result.format = source.format
        result.encoding = source.encoding
        if let violation = DocumentLimits.violation(in: result.document) { throw .beyondLimits(violation.description) }
        return result
    }

    /// What a file holds for the reader: its text (decoded, or taken out of a Word, Excel or PDF
    /// file), and for a Word or Excel file its tables as a positioned grid, which its text cannot carry.
    struct Source {
        var text: [UInt8]
        var format: FileFormat
        var encoding: TextDecoding.Encoding = .utf8
        var incompleteProjects: [Int] = []
        var grid: Grid?
    }

    static func extract(_ data: Data) throws(ReadError) -> Source {
        guard !data.isEmpty else { throw .empty }
        switch FileFormat.container(data) {
        case .text:
            let (text, encoding) = try TextDecoding.utf8(data)
            guard !TextDecoding.looksBinary(text) else { throw .binary }
            let json = text.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "{")
            return Source(text: text, format: json ? .json : HTMLGrid.isHTML(text) ? .html : .text, encoding: encoding)
        case .pdf:
            return Source(text: Array(try PDFText.text(data).utf8), format: .pdf)
        case .zip:
            var archive = try OfficeArchive(data)
            if archive.paths.contains("word/document.xml") {
                return Source(text: Array(try DocxText.text(&archive).utf8), format: .docx, grid: try DocxText.grid(&archive))
            }
            guard archive.paths.contains("xl/workbook.xml") else { throw .unknownArchive }
            let workbook = try Workbook(&archive)
            return Source(
                text: Array(workbook.text.utf8), format: .xlsx, incompleteProjects: try Workbook.incompleteProjects(&archive), grid: workbook.grid)
        case .compoundOffice:
            let converted = try LegacyOffice.converted(data)
            guard FileFormat.container(converted) == .zip else { throw .damaged("LibreOffice gave no Word or Excel file") }
            return try extract(converted)
        }
    }

    /// The table grid of a file as read, with the label each cell matched (`jixiao read --explain`).
    public static func explain(_ data: Data) throws(ReadError) -> String { try GridReader.explain(data) }

    public static func read(text: String) throws(ReadError) -> Result {
        try read(utf8: Array(text.utf8))
    }

    /// The grid the reader sees in a file (`jixiao read --explain`): a page's or a Word file's tables, a PDF's
    /// cells boxed by their rules, or the text cut into cells.
    static func grid(_ data: Data) throws(ReadError) -> Grid {
        let source = try extract(data)
        let text = String(decoding: source.text, as: UTF8.self)
        if source.format == .pdf, let grid = PDFGrid.grid(boxes: try PDFText.words(data), drawing: try PDFText.drawing(data)) { return grid }
        return source.grid ?? (source.format == .html ? HTMLGrid.grid(text) : TextGrid.grid(text))
    }

    /// Reads a PDF's text, and also its words placed by their positions: in the cells its rules box,
    /// or where it draws none, in the columns under each indicator head. The placed reading is kept
    /// when it left nothing out or the text explains no more (text alone cannot tell which cell a
    /// wrapped line belongs to, and splits rows where it guesses wrong).
    static func readPDF(_ text: [UInt8], _ data: Data) throws(ReadError) -> Result {
        var fromText: Result?
        var failure: ReadError = .noTargetTable
        do { fromText = try read(utf8: text) } catch { failure = error }
        // The two tools run side by side: each is a process of its own, most of the time a PDF takes.
        let words = PDFText.Background { try? PDFText.words(data) }
        let drawing = try? PDFText.drawing(data)
        if let words = words.value, let drawing, let grid = PDFGrid.grid(boxes: words, drawing: drawing) {
            var reader = GridReader(grid)
            if let (boxed, warnings) = reader.read(),
                GridReader.isWhole(boxed, warnings, text: text) || GridReader.wins(boxed, warnings, over: fromText, onATie: true)
            {
                // The prose around the tables reads as well from the text, which keeps its lines together.
                var document = boxed
                if let fromText, !fromText.document.overview.overallGoals.isEmpty { document.overview = fromText.document.overview }
                return Result(document: document, warnings: warnings, utf8: text)
            }
        }
        guard let fromText else { throw failure }
        return fromText
    }

    /// Reads an HTML page by its tables; a page with no indicator head is read as its text.
    static func readHTML(_ html: String) throws(ReadError) -> Result {
        let grid = HTMLGrid.grid(html)
        var reader = GridReader(grid)
        if let (document, warnings) = reader.read() { return Result(document: document, warnings: warnings, utf8: Array(html.utf8)) }
        return try read(utf8: Array(HTMLGrid.text(grid).utf8))
    }

    /// Reads text given as its (valid) UTF-8 bytes, by whichever reading explains more of its
    /// tables: the grid (cells cut by the source, any province's labels) or the flowing text of a
    /// PDF whose cells wrap over several lines.
    static func read(utf8 text: [UInt8], grid given: Grid? = nil) throws(ReadError) -> Result {
        guard !isAllWhitespace(text) else { throw .empty }
        let flowing: Result?
        var failure: ReadError = .noTargetTable
        do { flowing = try readFlowing(utf8: text) } catch {
            flowing = nil
            failure = error
        }
        // A flowing reading with nothing left out and every row whole: no grid can explain more.
        if let flowing, GridReader.isWhole(flowing.document, flowing.warnings, text: text) { return flowing }
        var reader = GridReader(given ?? TextGrid.grid(String(decoding: text, as: UTF8.self)))
        if let (document, warnings) = reader.read(),
            GridReader.wins(document, warnings, over: flowing, onATie: false)
        {
            return Result(document: document, warnings: warnings, utf8: text)
        }
        guard let flowing else { throw failure }
        return flowing
    }

    /// Reads text whose cells flow over lines as a PDF's text gives them.
    static func readFlowing(utf8 text: [UInt8]) throws(ReadError) -> Result {
        let lines = SourceLines(utf8: text)
        let (tokens, squeezed) = Tokenizer.tokens(lines)
        let starts = tableStarts(lines, tokens: tokens, squeezed: squeezed)

        var warnings: [ReadWarning] = []
        var projects: [Project] = []
        // Tokens are in line order: each table takes those of its lines.
        func tokensOf(_ region: Range<Int>) -> Range<Int> {
            tokens.partitionPoint { $0.line < region.lowerBound }..<tokens.partitionPoint { $0.line < region.upperBound }
        }
        let tables = starts.enumerated().map { k, start in
            let region = start..<(k + 1 < starts.count ? starts[k + 1] : lines.count)
            let own = tokensOf(region)
            return ProjectTableReader(
                lines: lines, region: region, tokens: Array(tokens[own]), squeezed: SqueezedText(squeezed, tokens: own), endsDocument: k == starts.count - 1
            ).read()
        }
        // The tables of one document share a layout: a column's width learnt in one table helps
        // read another whose cells in that column never wrap.
        let learnt = tables.map { $0.learnWidths() }
        var seen: [IndicatorColumn: [Int]] = [:]
        for widths in learnt { for (c, w) in widths { seen[c, default: []].append(w) } }
        let common = seen.mapValues { ws in ws.sorted()[ws.count / 2] }
        for k in tables.indices {  // by index: iterating a zip would copy each table
            let (project, tableWarnings) = tables[k].finish(widths: common.merging(learnt[k]) { _, own in own })
            projects.append(project)
            warnings += tableWarnings
        }
        let overview = OverviewReader(lines: (0..<(starts.first ?? lines.count)).map { lines[$0] }).read()
        if projects.isEmpty {
            let mentionsTargets = text.withUnsafeBufferPointer { t in
                ["绩效目标", "绩效指标"].contains { t.firstOccurrence(of: Array($0.utf8)) != nil }
            }
            if !mentionsTargets || overview.overallGoals.isEmpty && overview.subGoals.isEmpty { throw .noTargetTable }
        }

        var department = Department(name: "")
        if let unit = projects.first?.unit, let name = unit.name {
            department = Department(code: unit.code, name: name)
        } else if let issuer = issuingUnit(lines) {
            department.name = issuer
        } else {
            warnings.append(ReadWarning(line: nil, message: "no budget unit is named above the tables"))
        }
        let coded = codedRegionAndYear(projects)
        department.regionCode = coded.region
        let fiscalYear = statedYear(lines) ?? coded.year

        let document = TargetDocument(fiscalYear: fiscalYear, department: department, overview: overview, projects: projects)
        return Result(document: document, warnings: warnings, utf8: text)
    }

    /// Nothing but white space (each Character is white space exactly when each scalar is: a
    /// character of several scalars is never white space, except CR LF).
    private static func isAllWhitespace(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let (c, length) = CellText.unicodeScalar(b, at: i)
                guard c.properties.isWhitespace else { return false }
                i += length
            }
            return true
        }
    }

    /// The region and year the projects' 预算管理一体化 codes agree on.
    static func codedRegionAndYear(_ projects: [Project]) -> (region: String?, year: Int?) {
        let unifiedCodes = projects.compactMap(\.code).filter(isUnifiedCode)
        let regions = Set(unifiedCodes.map { String($0.prefix(6)) })
        let years = Set(unifiedCodes.map { 2000 + Int($0.dropFirst(6).prefix(2))! })
        return (regions.count == 1 ? regions.first : nil, years.count == 1 ? years.first : nil)
    }

    /// A 预算管理一体化 project code: 6-digit region, 2-digit year, then the project's own part.
    static func isUnifiedCode(_ code: String) -> Bool {
        code.count >= 15 && code.prefix(8).allSatisfy(\.isASCIIDigit) && code.dropFirst(8).first?.isLetter == true
    }

    /// First line of each project table: its title, unit line or code label, whichever comes first.
    static func tableStarts(_ source: SourceLines, tokens: [Token], squeezed: SqueezedText) -> [Int] {
        // The lines of the labels, found in one pass (no label overlaps itself, so each is found
        // wherever it occurs).
        let name = SqueezedText.label("项目名称"), spendingName = SqueezedText.label("项目支出名称")
        let code = SqueezedText.label("项目编码"), header = SqueezedText.label("一级指标")
        var names: [Int] = [], headers: [Int] = [], codes: [Int] = []
        for p in squeezed.scalars.indices {
            switch squeezed.scalars[p] {
            case "项":
                let line = tokens[squeezed.tokenIndex[p]].line
                if squeezed.matches(name, at: p) || squeezed.matches(spendingName, at: p) { names.append(line) }
                if squeezed.matches(code, at: p) { codes.append(line) }
            case "一":
                if squeezed.matches(header, at: p) { headers.append(tokens[squeezed.tokenIndex[p]].line) }
            default:
                continue
            }
        }
        let anchors = Array(Set(names)).sorted()
        guard !anchors.isEmpty else { return [] }
        let codeLabels = Set(codes)
        let titleMarks = ["绩效目标表", "单位：", "单位:"].map { Array($0.utf8) }
        var starts: [Int] = []
        for (k, anchor) in anchors.enumerated() {
            let previous = k > 0 ? anchors[k - 1] : -1
            let floor = max(previous + 1, (headers.last { $0 < anchor && $0 > previous } ?? previous) + 1, anchor - 15)
            var start = anchor
            for l in stride(from: anchor, through: max(floor, 0), by: -1) {
                if codeLabels.contains(l) || titleMarks.contains(where: { source.includes(l, $0) }) { start = l }
            }
            // `9. 大楼维修费` on its own line above the table's title is the table's numbered heading,
            // not the end of the table before it.
            var above = start - 1
            while above >= floor, above >= 0, CellText.normalize(source[above]).isEmpty { above -= 1 }
            if above >= floor, above >= 0 {
                let t = CellText.normalize(source[above])
                // `2.2024年…`: the title may itself start with digits, so the number is matched as this table's.
                if let rest = ["\(k + 1).", "\(k + 1)、", "\(k + 1)．"].lazy.compactMap({ t.hasPrefix($0) ? t.dropFirst($0.count) : nil }).first,
                    rest.contains(where: { !$0.isASCIIDigit && !$0.isWhitespace && $0 != "." })
                {
                    start = above
                }
            }
            starts.append(start)
        }
        return starts
    }

    /// `唐山海港经济开发区行政审批局编制` or a title `某局2024年度部门预算…` at the head of a document.
    static func issuingUnit(_ lines: SourceLines) -> String? {
        lines.indices.prefix(20).lazy.compactMap { issuer(inHeading: CellText.normalize(lines[$0])) }.first
    }

    /// The unit a heading names: `某局编制`, `某局2024年度部门预算…`.
    static func issuer(inHeading t: String) -> String? {
        if t.hasSuffix("编制"), t.count > 3, t.count < 40 { return String(t.dropLast(2)) }
        if t.count < 60, t.includes("部门"), let year = t.firstRange(of: Patterns.departmentHeading) {
            let name = CellText.trimmedWhitespace(t[..<year.lowerBound])
            if name.count > 3 { return name }
        }
        return nil
    }

    /// The budget year the text states: `2024年，我局将…`, `2024 年度预算`.
    static func statedYear(_ lines: SourceLines) -> Int? {
        func digit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
        for l in lines.indices {
            let year: Int? = lines.withBytes(l) { b in
                guard let base = b.baseAddress.map(UnsafeRawPointer.init) else { return nil }
                var i = 0
                // From one `2` to the next (memchr: most lines have none).
                while i + 3 < b.count, let two = memchr(base + i, 0x32, b.count - 3 - i) {
                    i = base.distance(to: two)
                    defer { i += 1 }
                    guard b[i + 1] == 0x30, digit(b[i + 2]), digit(b[i + 3]), i == 0 || !digit(b[i - 1]) else { continue }
                    if yearPhraseFollows(lines, line: l, offset: i + 4) { return 2000 + Int(b[i + 2] - 0x30) * 10 + Int(b[i + 3] - 0x30) }
                }
                return nil
            }
            if let year { return year }
        }
        return nil
    }

    private static let yearPhrases = ["预算", "部门预算", "，我", ",我"].map { Array($0.utf8) }

    /// Whether `年` or `年度` and then one of `yearPhrases` follow a year's digits. Cells wrap: `2024 年度` /
    /// `预算` is one phrase across a line break, so the text after the digits runs on over the next lines.
    private static func yearPhraseFollows(_ lines: SourceLines, line: Int, offset: Int) -> Bool {
        // What follows, lines joined by "\n", far enough to hold the phrase after any blank lines.
        var v = lines.withBytes(line) { Array($0.dropFirst(offset)) }
        func written(_ bytes: some Sequence<UInt8>) -> Int {
            String(decoding: Array(bytes), as: UTF8.self).unicodeScalars.count { !CellText.isSpace($0) }
        }
        var characters = written(v)
        var next = line + 1
        while next < lines.count, characters < 6 {  // 年, 度 and four more at most
            v.append(0x0A)
            let following = lines.withBytes(next) { Array($0) }
            v += following
            characters += written(following)
            next += 1
        }
        let year = Array("年".utf8), ofYear = Array("度".utf8)
        return v.withUnsafeBufferPointer { v in
            func blankLength(_ k: Int) -> Int { k < v.count ? (v[k] == 0x0A ? 1 : CellText.spaceLength(v, at: k)) : 0 }
            func at(_ k: Int, _ word: [UInt8]) -> Bool { k + word.count <= v.count && v[k..<k + word.count].elementsEqual(word) }
            var k = 0
            while blankLength(k) > 0 { k += blankLength(k) }
            guard at(k, year) else { return false }
            k += year.count
            if at(k, ofYear) { k += ofYear.count }
            // The next four characters, blanks left out.
            var rest: [UInt8] = []
            var characters = 0
            while k < v.count, characters < 4 {
                let blank = blankLength(k)
                if blank > 0 { k += blank; continue }
                let length = v[k] < 0x80 ? 1 : v[k] < 0xE0 ? 2 : v[k] < 0xF0 ? 3 : 4
                rest += v[k..<min(k + length, v.count)]
                characters += 1
                k += length
            }
            return yearPhrases.contains { rest.starts(with: $0) }
        }
    }
}

extension Array {
    /// The first index whose element fails `belongs` (the elements are partitioned: all that belong first).
    func partitionPoint(_ belongs: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
