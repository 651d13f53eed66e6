import Foundation
import ZIPFoundation

/// A .docx or .xlsx: a zip archive of XML parts. The file comes from anyone, so it is opened with
/// limits: a part's inflated size is counted while it inflates and stopped at the cap, whatever the
/// archive's headers claim (a zip bomb ends there), and the whole archive has a budget too.
struct OfficeArchive {
    static let maxEntries = 5_000
    static let maxPartBytes = 16 << 20
    static let maxTotalBytes = 64 << 20

    private let archive: Archive
    private var inflated = 0
    let paths: Set<String>

    init(_ data: Data) throws(ReadError) {
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw .damaged("not a readable zip archive") }
        var paths = Set<String>()
        for entry in archive {
            paths.insert(entry.path)
            if paths.count > Self.maxEntries { throw .tooLarge("more than \(Self.maxEntries) parts") }
        }
        self.paths = paths
    }

    /// The bytes of one part, or nil when the archive has no such part.
    mutating func part(_ path: String) throws(ReadError) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        let budget = min(Self.maxPartBytes, Self.maxTotalBytes - inflated)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= budget else { throw Overflow() }
                data.append(chunk)
            }
        } catch is Overflow {
            throw .tooLarge("\(path) inflates beyond \(budget >> 20) MB")
        } catch {
            throw .damaged("\(path) cannot be inflated")
        }
        inflated += data.count
        return data
    }

    private struct Overflow: Error {}
}
