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
        case .empty: "文件为空 (the file is empty)"
        case .binary: "不是文本文件 (the file is binary, not text)"
        case .undecodable: "无法识别文本编码，应为 UTF-8、UTF-16 或 GB18030 (the text is neither UTF-8, UTF-16 nor GB18030)"
        case .noTargetTable:
            "未找到绩效目标表：应有 项目名称、一级指标 或 总体绩效目标 等栏目 (no performance-target table was found: expected labels such as 项目名称, 一级指标 or 总体绩效目标)"
        case .damaged(let detail): "文件已损坏或格式不符：\(detail) (the file is damaged or not what its format says)"
        case .tooLarge(let detail): "文件过大或疑似压缩炸弹，已拒绝：\(detail) (the file is too large to read safely)"
        case .encrypted: "文件有密码保护或禁止复制文字，请解除后再上传 (the file is password-protected or forbids copying its text: remove the protection and try again)"
        case .legacyOffice:
            "旧格式 .doc/.xls/.wps/.et 文件只在装有 LibreOffice 时可读（scripts/setup.sh --office 安装），请用 Word、Excel 或 WPS 另存为 .docx 或 .xlsx 后再上传 (an old Office or WPS file: save it as .docx or .xlsx, or install LibreOffice)"
        case .unknownArchive: "压缩包不是 Word .docx 或 Excel .xlsx 文件 (a zip archive that is neither a Word .docx nor an Excel .xlsx)"
        case .noText: "PDF 中没有文字，可能是扫描件，请用原始的 Word 或 Excel 文件 (the PDF has no text in it, it is probably a scan: use the original Word or Excel file)"
        case .toolMissing(let tool):
            "读取 PDF 需要 poppler-utils 的 \(tool)，请用 `apt-get install poppler-utils` 安装 (reading PDF needs \(tool) from poppler-utils)"
        case .notJixiao(let detail): "不是 jixiao/1 格式的文件：\(detail) (the JSON is not a jixiao/1 document)"
        case .beyondLimits(let detail): "内容超出限制，请修改后再导入：\(detail) (the document cannot be stored as it is)"
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
