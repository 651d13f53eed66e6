import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore
import OpenAPIRuntime

/// Paged lists: units, documents, projects (the region's, as the caller may see them).
extension JixiaoAPI {

    func listUnits(_ input: Operations.ListUnits.Input) async throws -> Operations.ListUnits.Output {
        var bounds = Bounds()
        bounds.page(input.query.offset, input.query.limit)
        bounds.region(input.query.region)
        bounds.text(input.query.q, "q", max: 100)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let result = try await store.departments(
            region: input.query.region, search: input.query.q, page: Self.page(offset: input.query.offset, limit: input.query.limit), visibility: visibility)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: result.items.map {
                            .init(
                                id: $0.id, code: $0.code, name: $0.name, regionCode: $0.regionCode, regionName: $0.regionCode.flatMap(Divisions.name(of:)),
                                documentCount: $0.documentCount)
                        },
                        total: result.total, offset: result.page.offset, limit: result.page.limit))))
    }

    func listDocuments(_ input: Operations.ListDocuments.Input) async throws -> Operations.ListDocuments.Output {
        let q = input.query
        var bounds = Bounds()
        bounds.page(q.offset, q.limit)
        bounds.region(q.region)
        bounds.check(q.unit, "unit", 1...Self.maxID)
        bounds.check(q.year, "year", 1990...2100)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let result = try await store.documents(
            departmentID: q.unit, region: q.region, year: q.year, page: Self.page(offset: q.offset, limit: q.limit), visibility: visibility)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: result.items.map(Components.Schemas.DocumentSummary.init), total: result.total, offset: result.page.offset,
                        limit: result.page.limit))))
    }

    func listProjects(_ input: Operations.ListProjects.Input) async throws -> Operations.ListProjects.Output {
        let q = input.query
        var bounds = Bounds()
        bounds.page(q.offset, q.limit)
        bounds.check(q.document, "document", 1...Self.maxID)
        bounds.check(q.unit, "unit", 1...Self.maxID)
        bounds.check(q.year, "year", 1990...2100)
        bounds.text(q.q, "q", max: 100)
        if let bad = bounds.badRequest { return .badRequest(bad) }
        let result = try await store.projects(
            documentID: q.document, departmentID: q.unit, year: q.year, search: q.q, page: Self.page(offset: q.offset, limit: q.limit),
            visibility: visibility)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: result.items.map { p in
                            .init(
                                id: p.id, documentId: p.documentID, version: p.version, position: p.position, code: p.code, name: p.name,
                                unitName: p.departmentName, fiscalYear: p.fiscalYear, moneyUnit: p.moneyUnit, budgetTotal: p.budgetTotal?.double,
                                indicatorCount: p.indicatorCount, complete: p.complete)
                        }, total: result.total, offset: result.page.offset, limit: result.page.limit))))
    }
}
