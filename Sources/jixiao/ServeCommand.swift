import ArgumentParser
import Foundation
import Hummingbird
import JixiaoServer
import JixiaoStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web server: the JSON API under /api/v1 (提供网页和 API 服务).",
        discussion: """
            The database is the SQLite file --db (default jixiao.sqlite in the working folder), or PostgreSQL \
            when DATABASE_URL (or --db) is a postgres:// URL. A new, empty database gets a sample county so \
            there is something to look at; --empty skips it. The API is described at /openapi.json; \
            /healthz answers when the server and its database do; /metrics serves Prometheus metrics.
            """
    )

    @Option(help: "SQLite file or postgres:// URL (default: DATABASE_URL, else jixiao.sqlite).")
    var db: String?

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Flag(help: "Do not load the sample county into an empty database.")
    var empty = false

    func run() async throws {
        let location = StoreLocation.resolve(path: db)
        let (app, store) = try await buildApplication(
            ServerConfiguration(host: host, port: port, location: location, loadSample: !empty))
        FileHandle.standardError.write(Data("jixiao serving http://\(host):\(port) on \(location)\n".utf8))
        do {
            try await app.runService()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
