/// Who may do what: the one place the rules of access live. Every API route and page asks here.

/// The roles of people who sign in. Anonymous visitors (the public) have no role.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Writes the targets of their own units.
    case unitEditor = "unit-editor"
    /// Reviews, returns, approves and publishes the units of their region.
    case bureauReviewer = "bureau-reviewer"
    case administrator

    public var label: String {
        switch self {
        case .unitEditor: "单位填报人员"
        case .bureauReviewer: "财政审核人员"
        case .administrator: "系统管理员"
        }
    }
}

/// A person acting, as signed in.
public struct Actor: Sendable, Equatable {
    public var userID: Int
    public var username: String
    public var displayName: String
    public var role: Role
    /// The units (department ids) a unit editor works for.
    public var unitIDs: Set<Int>
    /// The region a bureau reviewer covers (GB/T 2260 code: 130000 a province, 130200 a city, 130225 a county).
    public var regionCode: String?

    public init(userID: Int, username: String, displayName: String, role: Role, unitIDs: Set<Int> = [], regionCode: String? = nil) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.unitIDs = unitIDs
        self.regionCode = regionCode
    }

    /// Whether a region code lies in this reviewer's region: a province's codes share its first two
    /// digits, a city's its first four.
    public func covers(region: String?) -> Bool {
        guard let prefix = regionPrefix, let region else { return false }
        return region.hasPrefix(prefix)
    }

    /// The digits every code in the reviewer's region starts with (130200 → 1302).
    public var regionPrefix: String? {
        guard role == .bureauReviewer, let mine = regionCode else { return nil }
        var prefix = Substring(mine)
        while prefix.count > 2, prefix.hasSuffix("00") { prefix = prefix.dropLast(2) }
        return String(prefix)
    }
}

/// The steps a document goes through in a year.
public enum WorkflowStatus: String, Sendable, CaseIterable, Codable {
    case draft, submitted, returned, approved, published

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "已提交审核"
        case .returned: "已退回修改"
        case .approved: "审核通过"
        case .published: "已公开"
        }
    }
}

/// What a document's access depends on.
public struct DocumentAccess: Sendable, Equatable {
    public var departmentID: Int
    public var regionCode: String?
    public var status: WorkflowStatus
    /// A version has been published (the public sees it, whatever the current version's status).
    public var hasPublishedVersion: Bool

    public init(departmentID: Int, regionCode: String?, status: WorkflowStatus, hasPublishedVersion: Bool) {
        self.departmentID = departmentID
        self.regionCode = regionCode
        self.status = status
        self.hasPublishedVersion = hasPublishedVersion
    }
}

public enum Action: Sendable, Equatable {
    /// Read the working version, its findings, history and audit.
    case read
    /// Read what has been published (the public's view).
    case readPublished
    case edit
    case submit
    case returnForChanges
    case approve
    case publish
    /// Import a file as a document of a unit (`nil`: a unit not yet known).
    case importFile
    /// Report spending and indicator actuals (monitoring, self-evaluation), whatever the workflow step.
    case reportActuals
    case manageUsers
    /// Read the whole audit log and export it.
    case readAuditLog
}

/// The answer: allowed, or refused with the status that says why.
public enum Decision: Sendable, Equatable {
    case allow
    /// Sign in first (401).
    case signIn
    /// Signed in but not allowed (403), with the reason for the person.
    case forbid(String)
    /// Not even its existence is theirs to know (404).
    case hide
    /// Allowed for this person, but not in the document's present step (409), with the reason.
    case wrongStep(String)

    public var isAllowed: Bool { self == .allow }
}

/// A refusal decided by `Policy`, answered with the status it names.
public struct AccessDenied: Error, Sendable {
    public var decision: Decision
    public init(decision: Decision) { self.decision = decision }
}

public enum Policy {
    /// Refuses (by throwing) what `actor` may not do.
    public static func require(_ actor: Actor?, _ action: Action, on document: DocumentAccess? = nil) throws(AccessDenied) {
        let decision = decide(actor, action, on: document)
        if decision != .allow { throw AccessDenied(decision: decision) }
    }

    /// Whether `actor` (nil: the public) may do `action` on `document` (nil: an action not about one document).
    public static func decide(_ actor: Actor?, _ action: Action, on document: DocumentAccess? = nil) -> Decision {
        guard let actor else {
            switch action {
            case .readPublished: return document?.hasPublishedVersion == true ? .allow : .hide
            case .read: return document?.hasPublishedVersion == true ? .signIn : .hide
            default: return document == nil || document?.hasPublishedVersion == true ? .signIn : .hide
            }
        }
        if action == .manageUsers || action == .readAuditLog {
            return actor.role == .administrator || (action == .readAuditLog && actor.role == .bureauReviewer)
                ? .allow : .forbid("只有管理员可以这样做。")
        }
        guard let document else {
            // Importing: editors for their own units (checked once the unit is known), not reviewers.
            return action == .importFile && actor.role != .bureauReviewer ? .allow : .forbid("你的角色不能这样做。")
        }
        let mine: Bool
        switch actor.role {
        case .administrator: mine = true
        case .unitEditor: mine = actor.unitIDs.contains(document.departmentID)
        case .bureauReviewer: mine = actor.covers(region: document.regionCode)
        }
        guard mine else {
            // Another unit's or region's document: the published one is public, the rest is not theirs to see.
            if action == .readPublished, document.hasPublishedVersion { return .allow }
            return document.hasPublishedVersion ? .forbid("这不是你负责的单位。") : .hide
        }
        switch action {
        case .read, .readPublished:
            return .allow
        case .edit, .importFile:
            guard actor.role != .bureauReviewer else { return .forbid("审核人员不修改绩效目标：请退回单位修改。") }
            return document.status == .submitted ? .wrongStep("文件已提交审核，审核结束（退回或通过）前不能修改。") : .allow
        case .submit:
            guard actor.role != .bureauReviewer else { return .forbid("由单位提交审核。") }
            return Workflow.check(.submit, from: document.status)
        case .reportActuals:
            return actor.role == .bureauReviewer ? .forbid("完成情况由单位填报。") : .allow
        case .returnForChanges, .approve, .publish:
            guard actor.role != .unitEditor else { return .forbid("由财政部门审核人员办理。") }
            return Workflow.check(action == .returnForChanges ? .returnForChanges : action == .approve ? .approve : .publish, from: document.status)
        case .manageUsers, .readAuditLog:
            return .allow  // answered above
        }
    }
}

/// The allowed steps: draft → submitted → returned (→ submitted again) or approved → published.
/// Editing an approved or published document starts a new draft version (the published one stays public).
public enum Workflow {
    public enum Step: String, Sendable, CaseIterable, Codable {
        case submit, returnForChanges = "return", approve, publish

        public var label: String {
            switch self {
            case .submit: "提交审核"
            case .returnForChanges: "退回修改"
            case .approve: "审核通过"
            case .publish: "公开"
            }
        }

        public var action: Action {
            switch self {
            case .submit: .submit
            case .returnForChanges: .returnForChanges
            case .approve: .approve
            case .publish: .publish
            }
        }
    }

    public static func target(of step: Step) -> WorkflowStatus {
        switch step {
        case .submit: .submitted
        case .returnForChanges: .returned
        case .approve: .approved
        case .publish: .published
        }
    }

    public static func sources(of step: Step) -> [WorkflowStatus] {
        switch step {
        case .submit: [.draft, .returned]
        case .returnForChanges, .approve: [.submitted]
        case .publish: [.approved]
        }
    }

    static func check(_ step: Step, from status: WorkflowStatus) -> Decision {
        sources(of: step).contains(status)
            ? .allow : .wrongStep("“\(status.label)”的文件不能\(step.label)（只能从\(sources(of: step).map(\.label).joined(separator: "或"))\(step.label)）。")
    }

    /// The status after an edit: a reviewed or published document goes back to draft as a new version.
    public static func statusAfterEdit(_ status: WorkflowStatus) -> WorkflowStatus {
        status == .returned ? .returned : .draft
    }

    /// Whether a document may take a new version: not while it waits for review (submitted).
    public static func acceptsNewVersion(_ status: WorkflowStatus) -> Bool { status != .submitted }

    /// Whether an edit must say why (the form asks for a reason).
    public static func editNeedsReason(_ status: WorkflowStatus) -> Bool { status == .approved || status == .published }
}
