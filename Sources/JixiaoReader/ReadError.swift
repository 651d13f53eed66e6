/// Why a file could not be read. Messages are for the person who gave us the file.
public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case binary
    case undecodable
    case noTargetTable
    /// A .docx, .xlsx or .pdf that is broken or is not what it claims; the detail says where.
    case damaged(String)
    /// Beyond what a target document can need: a zip bomb, a huge XML part.
    case tooLarge(String)
    case encrypted
    /// An old binary .doc, .xls, .wps or .et, and no LibreOffice to convert it.
    case legacyOffice
    /// A zip archive that is neither a Word nor an Excel file.
    case unknownArchive
    /// A PDF with no text in it: a scan.
    case noText
    case toolMissing(String)
    /// JSON that is not a `jixiao/1` document; the detail says where.
    case notJixiao(String)
    /// A text longer than any real table has, or characters that only hide text; the detail names the place.
    case beyondLimits(String)

    public var description: String {
        switch self {
        case .empty: "the file is empty (文件为空)"
        case .binary: "the file is binary, not text (不是文本文件)"
        case .undecodable: "the text is neither UTF-8, UTF-16 nor GB18030 (无法识别文本编码)"
        case .noTargetTable: "no performance-target table was found: expected labels such as 项目名称, 一级指标 or 总体绩效目标 (未找到绩效目标表)"
        case .damaged(let detail): "the file is damaged or not what its format says: \(detail) (文件已损坏或格式不符)"
        case .tooLarge(let detail): "the file is too large to read safely: \(detail) (文件过大或疑似压缩炸弹，已拒绝)"
        case .encrypted: "the file is password-protected or forbids copying its text: remove the protection and try again (文件有密码保护，请解除后再上传)"
        case .legacyOffice:
            "an old .doc/.xls/.wps/.et file, read only where LibreOffice is installed (scripts/setup.sh --office installs it): open it in Word, Excel or WPS and save it as .docx or .xlsx (请另存为 .docx 或 .xlsx 后再上传)"
        case .unknownArchive: "a zip archive that is neither a Word .docx nor an Excel .xlsx (压缩包不是 Word 或 Excel 文件)"
        case .noText: "the PDF has no text in it, it is probably a scan: use the original Word or Excel file (PDF 中没有文字，可能是扫描件)"
        case .toolMissing(let tool):
            "reading PDF needs \(tool) from poppler-utils: install it with `apt-get install poppler-utils` (读取 PDF 需要安装 poppler-utils)"
        case .notJixiao(let detail): "the JSON is not a jixiao/1 document: \(detail) (不是 jixiao/1 格式的文件)"
        case .beyondLimits(let detail): "the document cannot be stored as it is: \(detail) (内容超出限制，请修改后再导入)"
        }
    }
}

/// Something the reader noticed and worked around; `line` is 1-based in the source text.
public struct ReadWarning: Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String
    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
