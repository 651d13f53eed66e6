import Foundation
import JixiaoModel
import JixiaoReader
import JixiaoTestSupport
import Testing

/// The seeds and the corpus's target tables read and learned together: groups a person would agree
/// with — spellings of one indicator meet, different indicators stay apart.
@Suite(.needsShared) struct LibraryCorpusTests {
    static func library() throws -> IndicatorLibrary {
        var documents: [TargetDocument] = []
        for name in Shared.seedNames { documents.append(try DocumentReader.read(try Shared.seed(name)).document) }
        let folder = Shared.folder.appendingPathComponent("corpus/targets")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".txt") {
            documents.append(try DocumentReader.read(try Data(contentsOf: folder.appendingPathComponent(file))).document)
        }
        return IndicatorLibrary(documents)
    }

    @Test func groupsAPersonWouldAgreeWith() throws {
        let library = try Self.library()
        // 活动参与者满意度, …满意率 and …的满意率 are one indicator, written three ways.
        let participants = try #require(library.group(of: "活动参与者的满意率"))
        #expect(participants.key == "活动参与者满意度" && participants.uses >= 3)
        // 保险缴纳及时 and 保险缴纳及时性 too.
        #expect(library.group(of: "保险缴纳及时")?.key == library.group(of: "保险缴纳及时性")?.key)
        // A template's blank is not part of the name: 游客满意度(≥**%) is 游客满意度.
        #expect(library.group(of: "游客满意度(≥**%)")?.key == "游客满意度")
        // 服务对象满意度 is written by more than one unit, under 服务对象满意度指标.
        let satisfaction = try #require(library.group(of: "服务对象满意度"))
        #expect(satisfaction.units >= 2 && satisfaction.level2 == "服务对象满意度指标")
        // Whose satisfaction matters: the people, enterprises and the units served stay apart.
        let apart = ["人民群众满意度", "企业满意度", "服务对象满意度", "办事群众满意度"].compactMap { library.group(of: $0)?.key }
        #expect(apart.count == 4 && Set(apart).count == 4)
        // A rate and a count of the same thing are different indicators.
        #expect(library.group(of: "保险缴纳及时")?.key != library.group(of: "保障人数")?.key)
    }
}
