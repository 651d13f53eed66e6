import ArgumentParser
import Foundation
import JixiaoAccess
import JixiaoEvaluation
import JixiaoReview
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
            /healthz answers when the server and its database do; /metrics serves Prometheus metrics to a \
            scraper that sends `Authorization: Bearer $JIXIAO_METRICS_TOKEN` (not served when that variable is unset).

            People sign in with accounts made by `jixiao user add`. When the database has no account yet, \
            serve makes an administrator `admin` with a random password and prints it once. Behind HTTPS, \
            pass --secure-cookies (or have the proxy send X-Forwarded-Proto: https).
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

    @Flag(help: "Mark cookies Secure (the server is reached over HTTPS).")
    var secureCookies = false

    @Option(help: "The time zone the pages show times in (IANA name).")
    var timeZone = "Asia/Shanghai"

    @Option(
        help: "A JSON profile: the review rules' settings (see `jixiao review --help`), \"allowSubmitWithErrors\", and an \"evaluation\" part (see the README)."
    )
    var profile: String?

    func run() async throws {
        let location = StoreLocation.resolve(path: db)
        let reviewProfile: ReviewProfile, evaluationProfile: EvaluationProfile
        do {
            // One profile file holds both: the rules' settings and, under "evaluation", monitoring and scoring.
            let data = try profile.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            reviewProfile = try data.map { try ReviewProfile.load($0) } ?? .national
            evaluationProfile = try data.map { try EvaluationProfile.load($0) } ?? .national
        } catch {
            throw ValidationError("\(profile ?? ""): \(error)")
        }
        guard let zone = TimeZone(identifier: timeZone) else { throw ValidationError("unknown time zone \(timeZone) (e.g. Asia/Shanghai, UTC)") }
        let configuration = ServerConfiguration(
            host: host, port: port, location: location, loadSample: !empty, secureCookies: secureCookies, profile: reviewProfile,
            evaluation: evaluationProfile, metricsToken: ProcessInfo.processInfo.environment["JIXIAO_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
            timeZone: zone)
        try await serve(configuration) { store in
            if try await store.userCount() == 0 {
                let password = String(Secrets.token().prefix(20))
                _ = try await store.addUser(
                    username: "admin", displayName: "管理员", passwordHash: Secrets.hash(password: password), role: .administrator)
                FileHandle.standardError.write(
                    Data(
                        "首次启动：已创建管理员 admin，密码 \(password) （只显示这一次，请登录后在“我的账户”中修改）\nfirst start: made the administrator admin, password \(password)\n"
                            .utf8))
            }
            FileHandle.standardError.write(Data("jixiao serving http://\(host):\(port) on \(location)\n".utf8))
        }
    }
}
