import ArgumentParser
import Foundation
import JixiaoStore

/// The audit log from the command line: checking that nobody went around it.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit log (审计日志校验).",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every line of the audit log against the hash chain, and the append-only triggers.",
            discussion: """
                Each line of the log holds the SHA-256 of the line before it and of its own fields, so a line changed, \
                removed or forged in the database itself (around the triggers that refuse UPDATE and DELETE) breaks the \
                chain from there on. Prints the lines checked, the broken ones, missing triggers and the chain's head: \
                keep the head somewhere else from time to time, and a chain rewritten whole shows too.
                Exit status: 0 intact, 1 broken or a trigger missing, 2 bad usage or no database.
                """)

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let report = try await database.withStore { try await $0.verifyAuditChain() }
            print(
                "checked \(report.checked) lines (已校验 \(report.checked) 条)"
                    + (report.unchained > 0 ? "; \(report.unchained) written before the chain began (链建立前的记录)" : ""))
            print("head \(report.head)")
            for id in report.broken { print("broken at line \(id): the chain does not follow (第 \(id) 条记录被改动、删除或伪造)") }
            for trigger in report.missingTriggers { print("missing trigger \(trigger) (只追加触发器已被删除)") }
            print(report.intact ? "intact (审计日志完整)" : "NOT intact (审计日志已被篡改)")
            if !report.intact { throw ExitCode(1) }
        }
    }
}
