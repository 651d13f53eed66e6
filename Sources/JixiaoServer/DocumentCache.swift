import JixiaoModel
import JixiaoReview
import Synchronization

/// Versions already read, by document and version. A stored version never changes, so an entry
/// stays good; what may change (the current version, the workflow step) is asked of the store.
/// A lock, not an actor: a lookup is a few nanoseconds and should not cost a hop between threads.
final class DocumentCache: Sendable {
    struct Content: Sendable {
        var document: TargetDocument
        var findings: [Finding]
    }
    struct Key: Hashable {
        var id: Int
        var version: Int
    }
    private struct State {
        var entries: [Key: Content] = [:]
        var order: [Key] = []
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    func get(_ id: Int, version: Int) -> Content? { state.withLock { $0.entries[Key(id: id, version: version)] } }

    func put(_ id: Int, version: Int, _ content: Content) {
        let key = Key(id: id, version: version)
        state.withLock { s in
            if s.entries.updateValue(content, forKey: key) == nil {
                s.order.append(key)
                if s.order.count > capacity { s.entries[s.order.removeFirst()] = nil }
            }
        }
    }
}
