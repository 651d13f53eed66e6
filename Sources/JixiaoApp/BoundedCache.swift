import Synchronization

/// Values that never go out of date (a stored version, the JSON of one of its projects), kept up to
/// `capacity`, the oldest dropped first. A lock, not an actor: a lookup is a few nanoseconds and
/// should not cost a hop between threads. Inlinable, so that the server's uses are specialised
/// across the module boundary (unspecialised, a cached API answer cost 15% more).
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline struct State {
        @usableFromInline var entries: [Key: Value] = [:]
        @usableFromInline var order: [Key] = []
        @usableFromInline init() {}
    }

    @usableFromInline let state = Mutex(State())
    @usableFromInline let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    @inlinable public func get(_ key: Key) -> Value? { state.withLock { $0.entries[key] } }

    @inlinable public func put(_ key: Key, _ value: Value) {
        state.withLock { s in
            if s.entries.updateValue(value, forKey: key) == nil {
                s.order.append(key)
                if s.order.count > capacity { s.entries[s.order.removeFirst()] = nil }
            }
        }
    }
}
