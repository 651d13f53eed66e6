import JixiaoModel
import Testing

@Suite struct DivisionsTests {
    @Test func theSeedsCodesAreTheirCounties() {
        #expect(Divisions.name(of: "130225") == "河北省唐山市乐亭县")
        #expect(Divisions.name(of: "130229") == "河北省唐山市玉田县")
        #expect(Divisions.name(of: "130306") == "河北省秦皇岛市抚宁区")
        #expect(Divisions.name(of: "130529") == "河北省邢台市巨鹿县")
    }

    @Test func provincesCitiesAndLevelsWithNothingBetween() {
        #expect(Divisions.name(of: "130000") == "河北省")
        #expect(Divisions.name(of: "130200") == "河北省唐山市")
        // A 直辖市's district and a province's directly administered city have no city level.
        #expect(Divisions.name(of: "110101") == "北京市东城区")
        #expect(Divisions.name(of: "500229") == "重庆市城口县")
        #expect(Divisions.name(of: "429004") == "湖北省仙桃市")
    }

    @Test func aCodeTheListDoesNotKnowStaysACode() {
        #expect(Divisions.name(of: "139999") == nil)
        #expect(Divisions.name(of: "13022") == nil)
        #expect(Divisions.name(of: "1302２5") == nil)
        #expect(Divisions.label(of: "139999") == "行政区划 139999")
        #expect(Divisions.label(of: "130225") == "河北省唐山市乐亭县（130225）")
    }

    @Test func theListNamesItsSourceAndCoversTheCountry() {
        #expect(Divisions.source.includes("民政部"))
        let provinces = [
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
            "53", "54", "61", "62", "63", "64", "65",
        ]
        for p in provinces { #expect(Divisions.name(of: p + "0000") != nil, "province \(p)") }
    }
}
