import JixiaoModel
import JixiaoReview

/// Versions already read, by document and version. A stored version never changes, so an entry
/// stays good; what may change (the current version, the workflow step) is read fresh each time.
actor DocumentCache {
    struct Content: Sendable {
        var document: TargetDocument
        var findings: [Finding]
    }
    struct Key: Hashable {
        var id: Int
        var version: Int
    }

    private var entries: [Key: Content] = [:]
    private var order: [Key] = []
    private let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    func get(_ id: Int, version: Int) -> Content? { entries[Key(id: id, version: version)] }

    func put(_ id: Int, version: Int, _ content: Content) {
        let key = Key(id: id, version: version)
        if entries.updateValue(content, forKey: key) == nil {
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
    }
}
