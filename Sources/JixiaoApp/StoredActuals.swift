import Foundation
import JixiaoEvaluation
import JixiaoModel
import JixiaoStore

/// Reported actuals in the store: each project's report kept as an actuals file (`ActualsFile`'s JSON),
/// read and written here so that the store keeps text and knows no evaluation.
extension Store {
    /// A document's reported actuals, by project position.
    public func actuals(documentID: Int) async throws -> [Int: ProjectActuals] {
        var result: [Int: ProjectActuals] = [:]
        for (position, json) in try await actualsJSON(documentID: documentID) {
            if let reported = try ActualsFile.read(Data(json.utf8)).projects.values.first { result[position] = reported }
        }
        return result
    }

    /// Keeps a project's actuals (replacing what was there), each changed report a line in the audit log.
    public func saveActuals(documentID: Int, position: Int, _ actuals: ProjectActuals, by author: Author, changes: [FieldChange]) async throws {
        let json = ActualsFile.json(month: nil, projects: [position: actuals]).serialized()
        try await saveActuals(documentID: documentID, position: position, json: json, by: author, changes: changes)
    }
}
