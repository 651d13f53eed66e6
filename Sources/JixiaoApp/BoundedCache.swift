import Synchronization

/// Values that never go out of date (a stored version, the JSON of one of its projects), kept up to
/// `capacity`, the oldest dropped first. A lock, not an actor: a lookup is a few nanoseconds and
/// should not cost a hop between threads.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: Value] = [:]
        var order: [Key] = []
    }

    private let state = Mutex(State())
    private let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    public func get(_ key: Key) -> Value? { state.withLock { $0.entries[key] } }

    public func put(_ key: Key, _ value: Value) {
        state.withLock { s in
            if s.entries.updateValue(value, forKey: key) == nil {
                s.order.append(key)
                if s.order.count > capacity { s.entries[s.order.removeFirst()] = nil }
            }
        }
    }
}
