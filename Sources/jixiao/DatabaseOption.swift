import ArgumentParser
import JixiaoStore

/// `--db`, and the one way a command opens the database and closes it again, whatever happens.
struct DatabaseOption: ParsableArguments {
    @Option(help: "SQLite file or postgres:// URL (default: DATABASE_URL, else jixiao.sqlite).")
    var db: String?

    var location: StoreLocation { StoreLocation.resolve(path: db) }

    /// Runs `body` on the open database; a database that cannot be opened is a usage error (exit 2).
    func withStore<R>(_ body: (Store) async throws -> R) async throws -> R {
        let store: Store
        do { store = try await Store.open(location) } catch { throw ValidationError("\(location): \(error)") }
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
