import Foundation
import JixiaoModel

/// The kind of file a document came in, told by its first bytes: a file's name can be missing or wrong.
public enum FileFormat: String, Sendable {
    case text, json, html, docx, xlsx, pdf

    enum Container { case text, zip, pdf, compoundOffice }

    static func container(_ data: Data) -> Container {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        // Old .doc/.xls, and any password-protected Office file, are OLE compound files.
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundOffice }
        // `%PDF-` may follow a little junk, as readers allow.
        let marker = Array("%PDF-".utf8)
        if data.prefix(1024).withUnsafeBytes({ $0.bindMemory(to: UInt8.self).firstOccurrence(of: marker) }) != nil { return .pdf }
        return .text
    }
}
