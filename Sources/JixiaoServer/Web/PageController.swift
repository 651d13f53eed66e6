import Foundation
import Hummingbird
import JixiaoAccess
import JixiaoApp
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// What every page controller shares: the application, the templates, and finding what a path names as
/// the person acting may see it.
protocol PageController: Sendable {
    var documents: Documents { get }
    var views: Views { get }
}

extension PageController {
    var store: Store { documents.store }
    var visibility: Visibility { Visibility(Identity.current.actor) }

    /// The document a path names, as the person acting may see it.
    func stored(_ context: BasicRequestContext) async throws -> StoredDocument {
        guard let id = context.parameters.get("id", as: Int.self) else { throw Refused(.notFound, "没有这份绩效目标文件。") }
        do { return try await documents.visible(id, as: Identity.current.actor) } catch let denied as AccessDenied where denied.decision == .hide {
            throw Refused(.notFound, "没有这份绩效目标文件。")
        }
    }

    /// A version's document when the person acting may see it, else nil.
    func version(_ id: Int, _ version: Int) async throws -> StoredDocument? {
        do { return try await documents.visible(id, version: version, as: Identity.current.actor) } catch is AccessDenied { return nil }
    }

    /// What the person acting may do with a document, for the buttons a page offers.
    static func allowed(_ action: Action, _ s: StoredDocument) -> Bool {
        Policy.decide(Identity.current.actor, action, on: s.summary.access) == .allow
    }

    /// The document and the position of the project a path names.
    func storedProject(_ context: BasicRequestContext) async throws -> (StoredDocument, Int) {
        let s = try await stored(context)
        guard let position = context.parameters.get("position", as: Int.self), s.document.projects.indices.contains(position - 1) else {
            throw Refused(.notFound, "这份文件没有这个项目。")
        }
        return (s, position)
    }

    /// The audit log as CSV (UTF-8 with a BOM, so that Excel opens it in Chinese).
    func auditLogCSV(documentID: Int?, name: String) async throws -> Response {
        var text = "\u{FEFF}序号,时间,用户,文件,版本,操作,项目,单元格,位置,原值,新值,原因\r\n"
        var offset = 0
        while true {
            let page = try await store.auditLog(documentID: documentID, visibility: Identity.current.visibility, page: Page(offset: offset, limit: 500))
            for r in page.items {
                let fields: [String?] = [
                    "\(r.id)", r.at, r.username, r.documentID.map(String.init), r.version.map(String.init), r.action, r.projectPosition.map(String.init),
                    r.cell, r.place, r.before, r.after, r.reason,
                ]
                text += fields.map { CSVExport.field($0 ?? "") }.joined(separator: ",") + "\r\n"
            }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// How far a list page goes: a page of `size` rows, never past `maxOffset` (as the API bounds `offset`),
/// so no page arithmetic can overflow.
enum Paging {
    static let size = 100
    static let maxOffset = 1_000_000

    /// A list page's links to the pages before and after (`link` makes one from its offset) and which rows
    /// it shows: `第 1–100 个，共 5000 个`, with the counting word given.
    static func links(
        offset: Int, size: Int = size, total: Int, counted: String = "个", before: String = "", after: String = "", link: (Int) -> String
    ) -> (previous: String?, next: String?, range: String) {
        (
            offset > 0 ? link(max(0, offset - size)) : nil, offset + size < total ? link(offset + size) : nil,
            total == 0 ? "" : "\(before)第 \(offset + 1)–\(min(offset + size, total)) \(counted)，共 \(total) \(counted)\(after)"
        )
    }
}

/// A table as a file to download: CSV (UTF-8 with a BOM) or Excel, named for the person's disk.
enum Download: String {
    case csv, xlsx

    /// A whole document's tables.
    static func table(_ document: TargetDocument, as format: Download, name: String) throws -> Response {
        switch format {
        case .csv: attachment(CSVExport.document(document), as: format, name: name)
        case .xlsx: attachment(try XLSXExport.document(document), as: format, name: name)
        }
    }

    static func attachment(_ data: Data, as format: Download, name: String) -> Response {
        let type =
            switch format {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        // A Chinese file name travels percent-encoded (RFC 6266), with a plain one for old clients.
        let file = "\(name).\(format.rawValue)"
        let plain = file.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } ? file : "jixiao.\(format.rawValue)"
        let encoded = file.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? plain
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(encoded)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
}
