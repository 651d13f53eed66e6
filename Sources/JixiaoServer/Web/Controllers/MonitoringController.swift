import Foundation
import JixiaoApp
import Hummingbird
import JixiaoAccess
import JixiaoEvaluation
import JixiaoExport
import JixiaoHTML
import JixiaoModel
import JixiaoStore

/// Monitoring and self-evaluation pages: entering actuals beside plan, target and light; a unit's and a
/// region's lights; the 自评表.
struct MonitoringController: PageController {
    let documents: Documents
    let views: Views

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(Paths.actuals.routerPath, use: actualsForm)
        router.post(Paths.actuals.routerPath, use: saveActuals)
        router.get(Paths.monitoring.routerPath, use: unitMonitoring)
        router.get(Paths.evaluation.routerPath, use: unitEvaluation)
        router.get(Paths.evaluationXLSX.routerPath) { request, context in try await self.evaluationDownload(context, as: .xlsx) }
        router.get(Paths.evaluationCSV.routerPath) { request, context in try await self.evaluationDownload(context, as: .csv) }
        router.get(Paths.regionMonitoring.routerPath, use: regionMonitoring)
    }

    /// The month asked for, else December for a past year and the current month for this one.
    static func month(_ request: Request, year: Int?) -> Int {
        if let m = request.uri.queryParameters.get("month").flatMap({ Int($0) }), (1...12).contains(m) { return m }
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: Date())
        return year.map { $0 < now.year! ? 12 : now.month! } ?? 12
    }

    /// A document in the care of the person acting (monitoring is internal: never the public's).
    private func inCare(_ context: BasicRequestContext) async throws -> StoredDocument {
        let s = try await stored(context)
        try Policy.require(.read, on: s.summary.access)
        return s
    }

    @Sendable func actualsForm(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (s, position) = try await storedProject(context)
        try Policy.require(.read, on: s.summary.access)
        let actuals = try await store.actuals(documentID: s.summary.id)[position] ?? ProjectActuals()
        let month = Self.month(request, year: s.document.fiscalYear)
        return views.render(
            "actuals",
            ActualsPage(
                s, position: position, month: month, actuals: actuals, profile: documents.evaluation, form: nil,
                saved: request.uri.queryParameters.get("saved") != nil))
    }

    @Sendable func saveActuals(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (s, position) = try await storedProject(context)
        try Policy.require(.reportActuals, on: s.summary.access)
        guard let fields = FormFields(try await request.body.collect(upTo: 1 << 20)),
            let month = fields["month"].flatMap(Int.init), (1...12).contains(month)
        else { throw Refused(.badRequest, "表单不完整。") }
        let project = s.document.projects[position - 1]
        let old = try await store.actuals(documentID: s.summary.id)[position] ?? ProjectActuals()
        var actuals = old
        func refuse(_ message: String) -> Response {
            views.render(
                "actuals", ActualsPage(s, position: position, month: month, actuals: old, profile: documents.evaluation, form: fields, error: message),
                status: .unprocessableContent)
        }
        do {
            if let spent = fields["spent"]?.trimmingCharacters(in: .whitespaces), !spent.isEmpty {
                actuals.spending[month] = try ActualsFile.amount(spent, "截至 \(month) 月底的支出")
            } else {
                actuals.spending[month] = nil
            }
            let date = s.document.fiscalYear.map { String(format: "%d-%02d", $0, month) }
            for k in project.indicators.indices {
                func field(_ name: String) -> String? { fields["r\(k).\(name)"]?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty }
                let place = "第 \(k + 1) 行"
                let value = try field("value").map { try ActualsFile.decimal($0, place) }
                let forecast = try field("forecast").map { try ActualsFile.decimal($0, place + " 全年预计完成值") }
                let grade = field("grade").flatMap(Grade.init(rawValue:))
                if value == nil, forecast == nil, grade == nil, field("explanation") == nil {
                    actuals.indicators[k + 1] = nil
                    continue
                }
                actuals.indicators[k + 1] = IndicatorActual(
                    value: value, grade: grade, share: try field("share").map { try ActualsFile.share($0, place + " 得分比例") }, date: date,
                    note: field("note"), reason: field("reason").flatMap(DeviationReason.init(rawValue:)),
                    likelihood: field("likelihood").flatMap(Likelihood.init(rawValue:)), explanation: field("explanation"), forecast: forecast)
            }
        } catch let e as ActualsFile.ReadError {
            return refuse(e.description)
        }
        do {
            _ = try await documents.reportActuals(s.summary.id, position: position, actuals, month: month, by: Identity.current.actor)
        } catch let e as InvalidInput {
            return refuse(e.reason + "。")
        }
        return .redirect(to: Paths.actuals(s.summary.id, position, query: ["month": "\(month)", "saved": "1"]), type: .normal)
    }

    @Sendable func unitMonitoring(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await inCare(context)
        let month = Self.month(request, year: s.document.fiscalYear)
        let actuals = try await store.actuals(documentID: s.summary.id)
        return views.render("monitoring", UnitMonitoringPage(s, month: month, actuals: actuals, profile: documents.evaluation))
    }

    /// The 自评表 of every project as a workbook or CSV.
    func evaluationDownload(_ context: BasicRequestContext, as format: Download) async throws -> Response {
        let s = try await inCare(context)
        let tables = SelfEvaluationTable.all(s.document, actuals: try await store.actuals(documentID: s.summary.id), profile: documents.evaluation).map(\.table)
        let name = "jixiao-\(s.summary.id)-v\(s.summary.version)-自评"
        switch format {
        case .csv: return Download.attachment(CSVExport.selfEvaluation(tables, unit: s.document.department.name), as: .csv, name: name)
        case .xlsx: return Download.attachment(try XLSXExport.selfEvaluation(tables, unitLine: SelfEvaluationTable.unitLine(s.document)), as: .xlsx, name: name)
        }
    }

    @Sendable func unitEvaluation(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let s = try await inCare(context)
        let actuals = try await store.actuals(documentID: s.summary.id)
        return views.render("evaluation", EvaluationPage(s, actuals: actuals, profile: documents.evaluation))
    }

    /// Every unit in the person's care (a region for a reviewer), with its lights at a month, a page at a
    /// time: the lights are kept as reports come in, so the overview is one query.
    @Sendable func regionMonitoring(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard Identity.current.actor != nil else { throw AccessDenied(decision: .signIn) }
        let query = request.uri.queryParameters
        let year = query.get("year").flatMap { Int($0) }.flatMap { (1990...2100).contains($0) ? $0 : nil }
        let month = Self.month(request, year: year)
        let only = query.get("light").flatMap(Light.init(rawValue:))
        let offset = min(max(0, query.get("offset").flatMap { Int($0) } ?? 0), Paging.maxOffset)
        let rows = try await store.regionLights(
            year: year, month: month, worst: only?.rawValue, visibility: visibility, page: Page(offset: offset, limit: Paging.size))
        return views.render("region-monitoring", RegionMonitoringPage(month: month, year: year, light: only, rows: rows))
    }
}
