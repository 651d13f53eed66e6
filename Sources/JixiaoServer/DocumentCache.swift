import JixiaoStore

/// Versions already read, by document. A stored version never changes, so an entry is good as long
/// as it is the document's current version — which every use checks against the database, so
/// several server processes sharing one database stay correct.
actor DocumentCache {
    private var entries: [Int: StoredDocument] = [:]
    private var order: [Int] = []
    private let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    func get(_ id: Int, version: Int) -> StoredDocument? {
        guard let entry = entries[id], entry.summary.version == version else { return nil }
        return entry
    }

    func put(_ document: StoredDocument) {
        let id = document.summary.id
        if entries.updateValue(document, forKey: id) == nil {
            order.append(id)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
    }
}
