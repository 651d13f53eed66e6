import Foundation
import JixiaoAccess
import JixiaoModel
import JixiaoStore

/// The indicator library (signed in only: its figures count drafts).
extension JixiaoAPI {
    func listLibrary(_ input: Operations.ListLibrary.Input) async throws -> Operations.ListLibrary.Output {
        guard Identity.current.actor != nil else { throw AccessDenied(decision: .signIn) }
        let q = input.query
        var bounds = Bounds()
        bounds.page(q.offset, q.limit)
        bounds.text(q.q, "q", max: 100)
        bounds.text(q.level2, "level2", max: 50)
        bounds.region(q.region, prefix: true)
        bounds.check(q.year, "year", 1990...2100)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let result = try await store.library(
            LibraryQuery(search: q.q, level2: q.level2, region: q.region, year: q.year), page: Self.page(offset: q.offset, limit: q.limit))
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: result.items.map(Components.Schemas.LibraryGroup.init), total: result.total, offset: result.page.offset,
                        limit: result.page.limit))))
    }

    func getLibraryEntry(_ input: Operations.GetLibraryEntry.Input) async throws -> Operations.GetLibraryEntry.Output {
        guard Identity.current.actor != nil else { throw AccessDenied(decision: .signIn) }
        var bounds = Bounds()
        bounds.page(input.query.offset, input.query.limit)
        bounds.text(input.path.key, "key", max: 200)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        guard
            let entry = try await store.libraryEntry(
                key: input.path.key, page: Self.page(offset: input.query.offset, limit: input.query.limit), visibility: visibility)
        else { return .notFound(Self.notFound("indicator \(input.path.key)")) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        group: .init(entry.group), byYear: entry.byYear.map { .init(year: $0.year, units: $0.units, uses: $0.uses) },
                        uses: entry.uses.items.map { u in
                            .init(
                                documentId: u.documentID, unitName: u.departmentName, regionCode: u.regionCode,
                                regionName: u.regionCode.flatMap(Divisions.name(of:)),
                                fiscalYear: u.fiscalYear, projectPosition: u.projectPosition, projectName: u.projectName,
                                indicatorPosition: u.indicatorPosition,
                                level3: u.level3, value: u.value, peerFinding: u.peerFinding)
                        }, total: entry.uses.total, offset: entry.uses.page.offset, limit: entry.uses.page.limit))))
    }
}

extension Components.Schemas.LibraryGroup {
    init(_ g: IndicatorLibrary.Group) {
        self.init(
            key: g.key, name: g.name, level1: g.level1, level2: g.level2, units: g.units, uses: g.uses, years: g.years,
            targets: g.targets.map { t in
                .init(
                    op: t.op.flatMap { Components.Schemas.TargetSpread.OpPayload(rawValue: $0.rawValue) }, unit: t.unit, count: t.count,
                    median: t.median.double,
                    p10: t.p10.double, p90: t.p90.double)
            }, bases: g.bases)
    }
}
