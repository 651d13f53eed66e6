import ArgumentParser
import Foundation
import JixiaoAccess
import JixiaoStore

#if canImport(Glibc)
    import Glibc
#endif

/// Accounts from the command line: the first administrator, and any other.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts (管理账户): add, list, set a password.",
        subcommands: [Add.self, List.self, Password.self]
    )

    /// A password from standard input (one line), or typed twice at the terminal without echo.
    static func readPassword(fromStandardInput: Bool) throws -> String {
        let password: String
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
            password = line
        } else {
            guard isatty(0) != 0, let first = getpass("密码 (password): ").map({ String(cString: $0) }),
                let second = getpass("再输入一次 (again): ").map({ String(cString: $0) })
            else { throw ValidationError("no terminal to type a password: use --password-stdin") }
            guard first == second else { throw ValidationError("the two passwords differ (两次输入不一致)") }
            password = first
        }
        if let weakness = Secrets.weakness(of: password) { throw ValidationError(weakness) }
        return password
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account.",
            discussion: """
                Roles: administrator (everything), bureau-reviewer (reviews the units of --region: 130000 a \\
                province, 130200 a city, 130225 a county), unit-editor (writes the targets of each --unit, by unit code).
                Example: jixiao user add admin --role administrator --name 管理员
                """)

        @Argument(help: "The user name to sign in with.")
        var username: String

        @Option(help: "administrator, bureau-reviewer or unit-editor.")
        var role: Role

        @Option(help: "The name shown to people (default: the user name).")
        var name: String?

        @Option(help: "A unit code the editor works for (repeat for several).")
        var unit: [String] = []

        @Option(help: "The region code a reviewer covers.")
        var region: String?

        @Flag(help: "Read the password from standard input instead of asking for it.")
        var passwordStdin = false

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard (1...100).contains(username.count), username.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
                throw ValidationError("a user name is 1 to 100 letters, digits or . _ - @")
            }
            if role == .unitEditor, unit.isEmpty { throw ValidationError("a unit editor needs at least one --unit CODE") }
            if role == .bureauReviewer, region.map({ $0.count == 6 && $0.allSatisfy(\.isNumber) }) != true {
                throw ValidationError("a bureau reviewer needs --region with a 6-digit code")
            }
        }

        func run() async throws {
            let password = try UserCommand.readPassword(fromStandardInput: passwordStdin)
            try await database.withStore { store in
                do {
                    let id = try await store.addUser(
                        username: username, displayName: name ?? username, passwordHash: Secrets.hash(password: password), role: role,
                        regionCode: role == .bureauReviewer ? region : nil, unitCodes: role == .unitEditor ? unit : [])
                    print("added \(username) (\(role.label)), id \(id)")
                } catch let error as AccountError {
                    throw ValidationError(error.description)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            for user in try await database.withStore({ try await $0.users() }) {
                let a = user.actor
                let scope = a.role == .unitEditor ? "units \(a.unitIDs.sorted())" : a.role == .bureauReviewer ? "region \(a.regionCode ?? "")" : ""
                let locked = (user.lockedUntil.map { $0 > Date() } ?? false) ? " LOCKED" : ""
                print("\(a.username)\t\(a.displayName)\t\(a.role.rawValue)\t\(scope)\(locked)")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (and unlock it; its sessions end).")
        @Argument var username: String
        @Flag(help: "Read the password from standard input.") var passwordStdin = false
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let password = try UserCommand.readPassword(fromStandardInput: passwordStdin)
            try await database.withStore { store in
                guard let user = try await store.user(named: username) else { throw ValidationError("no user \(username)") }
                try await store.setPassword(userID: user.actor.userID, hash: Secrets.hash(password: password))
            }
            print("password set for \(username)")
        }
    }
}

/// API tokens for scripts.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make an API token for a user (for scripts: Authorization: Bearer TOKEN).",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token; it is printed once.")
        @Argument var username: String
        @Option(help: "What the token is for.") var name = "script"
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let token = try await database.withStore { store in
                guard let user = try await store.user(named: username) else { throw ValidationError("no user \(username)") }
                return try await store.createToken(userID: user.actor.userID, name: name)
            }
            print(token)
        }
    }
}

extension Role: ExpressibleByArgument {}
