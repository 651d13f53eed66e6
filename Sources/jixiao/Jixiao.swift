import ArgumentParser
import Foundation

@main
struct Jixiao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "预算绩效目标管理 · Budget performance targets: read, review, store and score them.",
        subcommands: [
            ReadCommand.self, ReviewCommand.self, RulesCommand.self, DiffCommand.self, LibraryCommand.self, ImportCommand.self, ExportCommand.self,
            MonitorCommand.self,
            ScoreCommand.self,
            ServeCommand.self,
            UserCommand.self, TokenCommand.self, AuditCommand.self,
            GenerateCommand.self, BenchCommand.self,
        ]
    )

    /// Exit status 2 for bad usage (ArgumentParser's default is 64).
    static func main() async {
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { fail(error, in: Jixiao.self) }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // A refusal from a subcommand's run comes with that subcommand's usage, not the root's.
            fail(error, in: type(of: command))
        }
    }

    static func fail(_ error: any Error, in command: any ParsableCommand.Type) -> Never {
        if command.exitCode(for: error) == .validationFailure {
            let message =
                command == Jixiao.self
                ? fullMessage(for: error)
                : "Error: \(command.message(for: error))\n  See '\(path(to: command).joined(separator: " ")) --help' for more information."
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
        command.exit(withError: error)
    }

    /// `jixiao user add` for `UserCommand.Add`: the names from the root down to a subcommand.
    static func path(to command: any ParsableCommand.Type, from root: any ParsableCommand.Type = Jixiao.self) -> [String] {
        let name = root._commandName
        if root == command { return [name] }
        for sub in root.configuration.subcommands {
            let below = path(to: command, from: sub)
            if !below.isEmpty { return [name] + below }
        }
        return []
    }
}
