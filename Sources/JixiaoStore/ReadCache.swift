import Foundation
import Synchronization

/// Answers to small reads that every request makes (a document's summary, the owner of an API token),
/// kept for a moment. A write through the same store clears them at once; a write by another process
/// (another server over the same database, the CLI) is seen within `lifetime`. Writes never rely on
/// them: a stale edit is still refused by the version stored in the database.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var until: ContinuousClock.Instant
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The kept answer, or `read()`'s (then kept).
    func value(_ key: Key, read: () async throws -> Value) async rethrows -> Value {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), entry.until > now { return entry.value }
        let value = try await read()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, until: now + lifetime)
        }
        return value
    }

    func clear() { entries.withLock { $0.removeAll(keepingCapacity: true) } }
}
