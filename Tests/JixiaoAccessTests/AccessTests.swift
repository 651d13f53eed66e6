import Foundation
import JixiaoModel
import Testing

@testable import JixiaoAccess

@Suite struct AccessTests {
    static let editor = Actor(userID: 1, username: "e", displayName: "填报", role: .unitEditor, unitIDs: [10])
    static let reviewer = Actor(userID: 2, username: "r", displayName: "审核", role: .bureauReviewer, regionCode: "130200")
    static let admin = Actor(userID: 3, username: "a", displayName: "管理", role: .administrator)

    static func document(_ status: WorkflowStatus, unit: Int = 10, region: String = "130203", published: Bool = false) -> DocumentAccess {
        DocumentAccess(departmentID: unit, regionCode: region, status: status, hasPublishedVersion: published)
    }

    @Test func regionsNestByTheirCodes() {
        #expect(Self.reviewer.covers(region: "130203") && Self.reviewer.covers(region: "130200"))
        #expect(!Self.reviewer.covers(region: "130303") && !Self.reviewer.covers(region: nil))
        let province = Actor(userID: 4, username: "p", displayName: "省", role: .bureauReviewer, regionCode: "130000")
        #expect(province.regionPrefix == "13" && province.covers(region: "139999"))
        let county = Actor(userID: 5, username: "c", displayName: "县", role: .bureauReviewer, regionCode: "130225")
        #expect(county.covers(region: "130225") && !county.covers(region: "130226"))
        #expect(Self.editor.regionPrefix == nil)
    }

    @Test func thePublicSeesPublishedDocumentsOnly() {
        #expect(Policy.decide(nil, .readPublished, on: Self.document(.published, published: true)) == .allow)
        #expect(Policy.decide(nil, .readPublished, on: Self.document(.draft, published: true)) == .allow)
        #expect(Policy.decide(nil, .readPublished, on: Self.document(.approved)) == .hide)
        #expect(Policy.decide(nil, .read, on: Self.document(.draft)) == .hide)
        #expect(Policy.decide(nil, .edit, on: Self.document(.draft)) == .hide)
        #expect(Policy.decide(nil, .edit, on: Self.document(.published, published: true)) == .signIn)
        #expect(Policy.decide(nil, .importFile) == .signIn)
        #expect(Policy.decide(nil, .manageUsers) == .signIn)
    }

    @Test func editorsWorkOnTheirOwnUnitsOnly() {
        #expect(Policy.decide(Self.editor, .read, on: Self.document(.draft)) == .allow)
        #expect(Policy.decide(Self.editor, .edit, on: Self.document(.draft)) == .allow)
        #expect(Policy.decide(Self.editor, .edit, on: Self.document(.returned)) == .allow)
        #expect(Policy.decide(Self.editor, .edit, on: Self.document(.published, published: true)) == .allow)
        if case .wrongStep = Policy.decide(Self.editor, .edit, on: Self.document(.submitted)) {} else { Issue.record("editing a submitted document") }
        #expect(Policy.decide(Self.editor, .submit, on: Self.document(.draft)) == .allow)
        if case .forbid = Policy.decide(Self.editor, .approve, on: Self.document(.submitted)) {} else { Issue.record("an editor approving") }
        // Another unit: hidden unless published, and then read-only.
        #expect(Policy.decide(Self.editor, .read, on: Self.document(.draft, unit: 11)) == .hide)
        #expect(Policy.decide(Self.editor, .readPublished, on: Self.document(.published, unit: 11, published: true)) == .allow)
        if case .forbid = Policy.decide(Self.editor, .edit, on: Self.document(.published, unit: 11, published: true)) {
        } else {
            Issue.record("editing another unit's document")
        }
        #expect(Policy.decide(Self.editor, .importFile) == .allow)
        if case .forbid = Policy.decide(Self.editor, .manageUsers) {} else { Issue.record("an editor managing users") }
    }

    @Test func reviewersReviewTheirRegion() {
        #expect(Policy.decide(Self.reviewer, .read, on: Self.document(.draft)) == .allow)
        if case .forbid = Policy.decide(Self.reviewer, .edit, on: Self.document(.draft)) {} else { Issue.record("a reviewer editing") }
        #expect(Policy.decide(Self.reviewer, .returnForChanges, on: Self.document(.submitted)) == .allow)
        #expect(Policy.decide(Self.reviewer, .approve, on: Self.document(.submitted)) == .allow)
        #expect(Policy.decide(Self.reviewer, .publish, on: Self.document(.approved)) == .allow)
        #expect(Policy.decide(Self.reviewer, .read, on: Self.document(.submitted, region: "130303")) == .hide)
        #expect(Policy.decide(Self.reviewer, .readAuditLog) == .allow)
        if case .forbid = Policy.decide(Self.reviewer, .importFile) {} else { Issue.record("a reviewer importing") }
    }

    /// Every step from every status: allowed exactly where the workflow says.
    @Test(arguments: Workflow.Step.allCases)
    func everyTransitionAllowedAndRefused(_ step: Workflow.Step) {
        for status in WorkflowStatus.allCases {
            let decision = Policy.decide(Self.admin, step.action, on: Self.document(status))
            if Workflow.sources(of: step).contains(status) {
                #expect(decision == .allow, "\(step) from \(status)")
            } else if case .wrongStep = decision {
            } else {
                Issue.record("\(step) from \(status): \(decision)")
            }
        }
        #expect(Workflow.target(of: .submit) == .submitted && Workflow.target(of: .publish) == .published)
        #expect(Workflow.statusAfterEdit(.published) == .draft && Workflow.statusAfterEdit(.returned) == .returned)
        #expect(Workflow.editNeedsReason(.approved) && Workflow.editNeedsReason(.published) && !Workflow.editNeedsReason(.draft))
    }

    @Test func secrets() {
        let hash = Secrets.hash(password: "correct horse battery", cost: 4)
        #expect(hash.hasPrefix("$2") && Secrets.verify(password: "correct horse battery", hash: hash))
        #expect(!Secrets.verify(password: "correct horse batterz", hash: hash))
        #expect(Secrets.weakness(of: "short") != nil && Secrets.weakness(of: "aaaaaaaaaaaa") != nil && Secrets.weakness(of: "长一点的密码 2026!") == nil)
        let a = Secrets.token(), b = Secrets.token()
        #expect(a.count == 64 && a != b && Secrets.digest(a).count == 64 && Secrets.digest(a) != a)
    }
}

/// Digests are swift-crypto's now: the same hexadecimal as before, so that stored sessions and tokens still match.
@Suite struct DigestTests {
    @Test func digestsAreUnchanged() {
        for secret in ["", "abc", String(repeating: "令牌", count: 100)] {
            #expect(Secrets.digest(secret) == JixiaoModel.SHA256.hex(Data(secret.utf8)))
        }
        #expect(Secrets.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
