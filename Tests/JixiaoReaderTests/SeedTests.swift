import Foundation
import JixiaoModel
import JixiaoTestSupport
import Testing

@testable import JixiaoReader

/// End to end: each seed in ../shared/seeds reads to its answer key in ../shared/gold,
/// compared field by field as ../shared/tools/compare_gold.py does (text without white space).
@Suite(.needsShared) struct SeedTests {
    static let shared = Shared.folder
    static let seeds = Shared.seedNames

    static func load(_ name: String) throws -> (read: TargetDocument, gold: JSONValue) {
        let read = try DocumentReader.read(Shared.seed(name), name: "\(name).txt").document
        return (read, try Shared.gold(name))
    }

    static func mismatches(_ gold: JSONValue, _ got: JSONValue) -> [String] { Shared.mismatches(gold, got) }

    @Test(arguments: seeds)
    func seedReadsToItsAnswerKey(_ name: String) throws {
        let (read, gold) = try Self.load(name)
        let diff = Self.mismatches(gold, DocumentJSON.json(read))
        #expect(diff.isEmpty, "\(diff.prefix(10).joined(separator: "\n"))")
    }

    @Test func gb18030CopyReadsTheSame() throws {
        let name = Self.seeds[0]
        let text = try String(contentsOf: Self.shared.appendingPathComponent("seeds/\(name).txt"), encoding: .utf8)
        let gb = try #require(TextDecoding.gb18030(text))
        let fromGB = try DocumentReader.read(gb)
        #expect(fromGB.encoding == .gb18030)
        let fromUTF8 = try DocumentReader.read(Data(text.utf8))
        #expect(Self.content(fromGB.document) == Self.content(fromUTF8.document))
    }

    @Test func utf16AndBOMCopiesReadTheSame() throws {
        let text = try String(contentsOf: Self.shared.appendingPathComponent("seeds/\(Self.seeds[1]).txt"), encoding: .utf8)
        let plain = Self.content(try DocumentReader.read(Data(text.utf8)).document)
        var utf16 = Data([0xFF, 0xFE])
        for unit in text.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        #expect(Self.content(try DocumentReader.read(utf16).document) == plain)
        #expect(Self.content(try DocumentReader.read(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).document) == plain)
    }

    /// The document without its source (whose hash differs with the bytes).
    static func content(_ d: TargetDocument) -> TargetDocument {
        var d = d
        d.source = nil
        return d
    }

    @Test func encodingIsStableAndDecodesBack() throws {
        let (read, _) = try Self.load(Self.seeds[2])
        let once = DocumentJSON.encode(read)
        #expect(once == DocumentJSON.encode(read))
        let back = try DocumentJSON.decode(Data(once.utf8))
        #expect(back == read)
    }

    /// Mutated seeds (cut, joined lines, shuffled white space, injected bytes) never crash or hang.
    @Test func mutatedSeedsNeverCrash() throws {
        var rng = SplitMix(seed: 42)
        for name in Self.seeds {
            let text = try String(contentsOf: Self.shared.appendingPathComponent("seeds/\(name).txt"), encoding: .utf8)
            let chars = Array(text)
            for _ in 0..<12 {
                var m = chars
                switch rng.next() % 4 {
                case 0: m = Array(m.prefix(Int(rng.next() % UInt64(m.count))))
                case 1: m.removeAll { $0 == "\n" && rng.next() % 3 == 0 }
                case 2: m = m.map { $0 == " " && rng.next() % 2 == 0 ? "\n" : $0 }
                default:
                    for _ in 0..<20 { m.insert(Character(Unicode.Scalar(UInt8(rng.next() % 128))), at: Int(rng.next() % UInt64(m.count))) }
                }
                _ = try? DocumentReader.read(Data(String(m).utf8))
            }
        }
    }

    @Test func cutOffTableIsIncompleteWithAWarning() throws {
        let (read, _) = try Self.load(Self.seeds[3])
        #expect(read.projects.last?.complete == false)
        let text = try String(contentsOf: Self.shared.appendingPathComponent("seeds/\(Self.seeds[3]).txt"), encoding: .utf8)
        let result = try DocumentReader.read(Data(text.utf8))
        #expect(result.warnings.contains { $0.line != nil && $0.message.contains("ends inside") })
    }
}

/// The same random cases on every run, so that a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
