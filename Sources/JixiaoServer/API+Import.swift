import Foundation
import JixiaoHTML
import JixiaoApp
import JixiaoAccess
import JixiaoModel
import JixiaoReader
import JixiaoReview
import JixiaoStore
import OpenAPIRuntime

/// `POST /imports`: a file read, reviewed and saved, or refused with the reason.
extension JixiaoAPI {

    func importFile(_ input: Operations.ImportFile.Input) async throws -> Operations.ImportFile.Output {
        try Policy.require(.importFile)
        guard case let .multipartForm(parts) = input.body else { throw InvalidInput(field: "body", reason: "expected multipart/form-data") }
        var file: (name: String?, data: Data)?
        // The parts are parsed as they are read: a malformed body fails here, inside the handler.
        do {
            for try await part in parts {
                switch part {
                case let .file(filePart):
                    // Collected by hand to stop at the limit (the runtime's own error for it is private).
                    var data = Data()
                    for try await chunk in filePart.payload.body {
                        guard data.count + chunk.count <= maxUploadBytes else {
                            return .contentTooLarge(
                                .init(
                                    body: .applicationProblemJson(
                                        Self.problem(.tooLarge, detail: "上传文件不能超过 \(maxUploadBytes / 1_048_576) MB", field: "file"))))
                        }
                        data.append(contentsOf: chunk)
                    }
                    file = (filePart.filename, data)
                case let .undocumented(part):
                    // Other form fields are ignored, but their bodies must be read to reach the next part.
                    for try await _ in part.body {}
                }
            }
        } catch {
            return .badRequest(
                .init(
                    body: .applicationProblemJson(
                        Self.problem(.badRequest, detail: "the multipart/form-data body cannot be read: \(error)", field: "file"))))
        }
        guard let file else {
            return .badRequest(
                .init(body: .applicationProblemJson(Self.problem(.badRequest, detail: "form field “file” is required", field: "file"))))
        }
        let reading: Documents.Reading
        do {
            reading = try documents.read(file.data, name: file.name)
        } catch {
            return .unprocessableContent(
                .init(
                    body: .applicationProblemJson(
                        Self.problem(.invalid, detail: "\(error)", field: "file"))))
        }
        // Reviewed as it will be stored (against the unit's year before, when stored).
        let (document, findings, warnings) = (reading.document, try await documents.review(reading.document), reading.warnings)
        if input.query.dryRun == true {
            return .ok(
                .init(
                    body: .json(
                        .init(
                            outcome: .dryRun, documentId: nil, version: nil, document: .init(document, id: 0, version: 0),
                            findings: findings.map(Components.Schemas.Finding.init), warnings: warnings))))
        }
        if document.kind == .selfEvaluation {
            let id = try await documents.saveSelfEvaluation(document, by: .person(Identity.current.actor))
            return .ok(
                .init(
                    body: .json(
                        .init(
                            outcome: .selfEvaluation, documentId: nil, selfEvaluationId: id, version: nil, document: .init(document, id: 0, version: 0),
                            findings: findings.map(Components.Schemas.Finding.init), warnings: warnings))))
        }
        let outcome = try await documents.save(document, findings: findings, by: .person(Identity.current.actor))
        let kind: Components.Schemas.ImportResult.OutcomePayload =
            switch outcome.kind {
            case .created: .created
            case .newVersion: .newVersion
            case .unchanged: .unchanged
            }
        return .ok(
            .init(
                body: .json(
                    .init(
                        outcome: kind, documentId: outcome.documentID, version: outcome.version,
                        document: .init(document, id: outcome.documentID, version: outcome.version),
                        findings: findings.map(Components.Schemas.Finding.init), warnings: warnings))))
    }
}
