import Foundation
import JixiaoHTML
import JixiaoApp
import HTTPTypes
import Hummingbird
import JixiaoAccess
import JixiaoEvaluation
import JixiaoReader
import JixiaoReview
import JixiaoStore
import Logging
import Metrics
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus
import Yams

/// A fictional county written for first-time users (示例县, one county code): several units,
/// realistic projects, a few typical defects for the review to show, and what three units reported of
/// the year (green, yellow and red lights, projects not reported); loaded as published documents.
enum SampleCounty {
    /// The units' target tables, in order.
    static func files() throws -> [URL] {
        guard let folder = Bundle.module.url(forResource: "sample", withExtension: nil) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func load(into store: Store) async throws {
        let engine = ReviewEngine()
        for file in try files() {
            let document = try DocumentReader.read(Data(contentsOf: file), name: file.lastPathComponent).document
            let saved = try await store.save(document, findings: engine.review(document))
            // Published, so that a visitor who has not signed in sees the county at once.
            var status = WorkflowStatus.draft
            for step in [Workflow.Step.submit, .approve, .publish] {
                status = try await store.transition(documentID: saved.documentID, step: step, from: status, by: .system, reason: "示例数据")
            }
            // What the unit reported of the year (`NAME.actuals.json`, where it reported): June or year-end
            // figures, some rows short of their targets with their reasons; the other units have not reported.
            let report = file.deletingPathExtension().appendingPathExtension("actuals.json")
            guard let data = try? Data(contentsOf: report) else { continue }
            let (month, projects) = try ActualsFile.read(data, for: document)
            for (position, actuals) in projects.sorted(by: { $0.key < $1.key }) {
                let changes = ProjectActuals.changes(in: document.projects[position - 1], from: ProjectActuals(), to: actuals, month: month ?? 12)
                try await store.saveActuals(documentID: saved.documentID, position: position, actuals, by: .system, changes: changes)
            }
        }
    }
}
