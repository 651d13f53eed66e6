import Foundation
import JixiaoModel
import JixiaoReader
import Testing

@testable import JixiaoSynthetic

@Suite struct SyntheticCorpusTests {
    @Test func sameSeedSameCorpus() {
        let a = SyntheticCorpus(seed: 7).documents(units: 3, projects: 4, indicators: 10)
        let b = SyntheticCorpus(seed: 7).documents(units: 3, projects: 4, indicators: 10)
        let c = SyntheticCorpus(seed: 8).documents(units: 3, projects: 4, indicators: 10)
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 3 && a.allSatisfy { $0.projects.count == 4 && $0.projects.allSatisfy { $0.indicators.count == 10 } })
    }

    /// The text the generator writes reads back to the document it generated.
    @Test func writtenTextReadsBack() throws {
        for document in SyntheticCorpus(seed: 3, defectRate: 0.3).documents(units: 2, projects: 3, indicators: 10) {
            let read = try DocumentReader.read(text: SyntheticCorpus.text(document)).document
            #expect(read.projects.count == document.projects.count)
            for (got, want) in zip(read.projects, document.projects) {
                #expect(got.code == want.code)
                #expect(got.budget == want.budget)
                #expect(got.indicators.map(\.value) == want.indicators.map(\.value))
                #expect(got.indicators.map(\.level2) == want.indicators.map(\.level2))
                #expect(got.indicators.map(\.target) == want.indicators.map(\.target))
            }
        }
    }
}
