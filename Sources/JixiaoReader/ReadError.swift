/// Why a file could not be read. Messages are for the person who gave us the file.
public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case binary
    case undecodable
    case noTargetTable

    public var description: String {
        switch self {
        case .empty: "the file is empty (文件为空)"
        case .binary: "the file is binary, not text (不是文本文件)"
        case .undecodable: "the text is neither UTF-8, UTF-16 nor GB18030 (无法识别文本编码)"
        case .noTargetTable: "no performance-target table was found: expected labels such as 项目名称, 一级指标 or 总体绩效目标 (未找到绩效目标表)"
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
