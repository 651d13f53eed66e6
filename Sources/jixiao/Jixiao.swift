import ArgumentParser

@main
struct Jixiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "预算绩效目标管理 · Budget performance targets: read, review, store and score them.",
        subcommands: [ReadCommand.self, BenchCommand.self]
    )
}
