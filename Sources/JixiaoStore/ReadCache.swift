import Foundation
import Synchronization

/// Answers to small reads that every request makes (the owner of an API token), kept for a moment. A write through the same store clears them at once; a write by another process
/// (another server over the same database, the CLI) is seen within `lifetime`. Writes never rely on
/// them: a stale edit is still refused by the version stored in the database.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var until: ContinuousClock.Instant
        var refreshing = false
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Counts the clearings: an answer read before a write must not be kept after it.
        var generation = 0
    }

    private let state = Mutex(State())
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The kept answer, or `read()`'s (then kept). When an answer has run out, one caller reads it
    /// again while the others still get the old one for that moment, rather than all of them asking
    /// the database at once.
    func value(_ key: Key, read: () async throws -> Value) async rethrows -> Value {
        let now = ContinuousClock.now
        let (kept, generation): (Value?, Int) = state.withLock { state in
            guard let entry = state.entries[key] else { return (nil, state.generation) }
            if entry.until > now || entry.refreshing { return (entry.value, state.generation) }
            state.entries[key]?.refreshing = true
            return (nil, state.generation)
        }
        if let kept { return kept }
        do {
            let value = try await read()
            state.withLock { state in
                guard state.generation == generation else { return }
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
                state.entries[key] = Entry(value: value, until: ContinuousClock.now + lifetime)
            }
            return value
        } catch {
            state.withLock { $0.entries[key]?.refreshing = false }
            throw error
        }
    }

    func clear() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }
}

/// Answers kept while a small read of their source (`stamp`: a row's version and time) stays the same:
/// a change by another process is seen at once, for the price of that small read.
final class StampedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: (stamp: String, value: Value)] = [:]
        var generation = 0
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func value(_ key: Key, stamp: String, read: () async throws -> Value) async rethrows -> Value {
        let (kept, generation): (Value?, Int) = state.withLock { state in
            guard let entry = state.entries[key], entry.stamp == stamp else { return (nil, state.generation) }
            return (entry.value, state.generation)
        }
        if let kept { return kept }
        let value = try await read()
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = (stamp, value)
        }
        return value
    }

    func clear() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }
}
