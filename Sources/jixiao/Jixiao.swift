import ArgumentParser
import Foundation

@main
struct Jixiao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "预算绩效目标管理 · Budget performance targets: read, review, store and score them.",
        subcommands: [
            ReadCommand.self, ReviewCommand.self, RulesCommand.self, ImportCommand.self, ExportCommand.self, MonitorCommand.self, ScoreCommand.self,
            ServeCommand.self,
            UserCommand.self, TokenCommand.self, AuditCommand.self,
            GenerateCommand.self, BenchCommand.self,
        ]
    )

    /// Exit status 2 for bad usage (ArgumentParser's default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
