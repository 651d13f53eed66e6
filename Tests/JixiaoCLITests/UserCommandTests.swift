import Foundation
import JixiaoTestSupport
import Testing

@Suite(.needsShared) struct UserCommandTests {
    typealias CLI = ReadCommandTests

    @Test func accountsAndTokensFromTheCommandLine() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("t.sqlite").path
        let password = "command line password 1\n"
        // The first administrator.
        let admin = try CLI.jixiao(["user", "add", "admin", "--role", "administrator", "--password-stdin", "--db", db], input: password)
        #expect(admin.status == 0, "\(admin.stderr)")
        // Refused with the reason: a taken name, a weak password, an editor without units, a reviewer without a region, an unknown unit.
        let taken = try CLI.jixiao(["user", "add", "admin", "--role", "administrator", "--password-stdin", "--db", db], input: password)
        #expect(taken.status == 2 && taken.stderr.contains("已被使用"))
        let weak = try CLI.jixiao(["user", "add", "bob", "--role", "administrator", "--password-stdin", "--db", db], input: "short\n")
        #expect(weak.status == 2 && weak.stderr.contains("至少 10 个字符"))
        #expect(try CLI.jixiao(["user", "add", "ed", "--role", "unit-editor", "--password-stdin", "--db", db], input: password).status == 2)
        #expect(try CLI.jixiao(["user", "add", "rev", "--role", "bureau-reviewer", "--password-stdin", "--db", db], input: password).status == 2)
        let unknownUnit = try CLI.jixiao(["user", "add", "ed", "--role", "unit-editor", "--unit", "999999", "--password-stdin", "--db", db], input: password)
        #expect(unknownUnit.status == 2 && unknownUnit.stderr.contains("999999"))
        // An editor for a unit that is stored, and a reviewer.
        let seed = CLI.shared.appendingPathComponent("seeds/\(CLI.seeds[2])").path
        #expect(try CLI.jixiao(["import", seed, "--db", db]).status == 0)
        #expect(
            try CLI.jixiao(
                ["user", "add", "ed", "--role", "unit-editor", "--unit", "435001", "--name", "巨鹿填报", "--password-stdin", "--db", db], input: password
            ).status == 0)
        #expect(
            try CLI.jixiao(["user", "add", "rev", "--role", "bureau-reviewer", "--region", "130500", "--password-stdin", "--db", db], input: password).status
                == 0)
        let list = try CLI.jixiao(["user", "list", "--db", db])
        let text = String(decoding: list.stdout, as: UTF8.self)
        #expect(
            text.contains("admin\tadmin\tadministrator") && text.contains("ed\t巨鹿填报\tunit-editor") && text.contains("rev\trev\tbureau-reviewer\tregion 130500"))
        // A token for scripts, printed once.
        let token = try CLI.jixiao(["token", "create", "ed", "--name", "脚本", "--db", db])
        #expect(token.status == 0 && String(decoding: token.stdout, as: UTF8.self).trimmingCharacters(in: .newlines).count == 64)
        #expect(try CLI.jixiao(["token", "create", "nobody", "--db", db]).status == 2)
        // A new password.
        #expect(try CLI.jixiao(["user", "password", "ed", "--password-stdin", "--db", db], input: "another password 2\n").status == 0)
    }
}
