import Foundation

/// Old binary Office and WPS files (.doc, .xls, .wps, .et: OLE compound files, common in Chinese
/// offices) turned into .docx or .xlsx by LibreOffice, when it is installed, and then read as those.
enum LegacyOffice {
    enum Kind { case text, sheet }

    static let timeout: TimeInterval = 120

    /// What an OLE file holds, by the names of its streams (UTF-16 in its directory): a Word or WPS
    /// text, an Excel or WPS sheet, or an Office file locked with a password.
    static func kind(_ data: Data) throws(ReadError) -> Kind {
        func has(_ name: String) -> Bool {
            let utf16 = name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            return data.withUnsafeBytes { $0.bindMemory(to: UInt8.self).firstOccurrence(of: utf16) } != nil
        }
        if has("EncryptedPackage") { throw .encrypted }
        if has("Workbook") || has("Book") || has("WpsBook") { return .sheet }
        return .text
    }

    /// The file as .docx or .xlsx bytes.
    static func converted(_ data: Data) throws(ReadError) -> Data {
        let kind = try kind(data)
        guard let office = ExternalTool.executable("soffice") ?? ExternalTool.executable("libreoffice") else { throw .legacyOffice }
        let folder = try ExternalTool.folder("jixiao-office")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (inputName, target, outputName) = kind == .sheet ? ("in.xls", "xlsx", "in.xlsx") : ("in.doc", "docx:MS Word 2007 XML", "in.docx")
        do { try data.write(to: folder.appendingPathComponent(inputName)) } catch {
            throw .damaged("the file could not be written for LibreOffice: \(error.localizedDescription)")
        }
        // A profile of its own: two conversions at once must not share one.
        _ = try ExternalTool.run(
            office, name: "LibreOffice",
            [
                "-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)", "--headless", "--norestore", "--convert-to", target,
                "--outdir", folder.path, folder.appendingPathComponent(inputName).path,
            ], timeout: timeout)
        guard let converted = try? Data(contentsOf: folder.appendingPathComponent(outputName)), !converted.isEmpty else {
            throw .damaged("LibreOffice could not open it as an old Word, Excel or WPS file; open it there and save it as .docx or .xlsx (请另存为 .docx 或 .xlsx)")
        }
        return converted
    }
}
