/// Place names for the six-digit 行政区划 codes that departments and projects carry, so people read
/// "河北省唐山市乐亭县" where the documents print 130225. The table is the national list (see `source`).
public enum Divisions {
    /// Name by code, parsed once from the table on first use.
    private static let names: [String: String] = {
        var names: [String: String] = [:]
        names.reserveCapacity(3300)
        for line in table.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            names[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return names
    }()

    /// The full name of a code: province, city and county as far as the code goes and the list has them
    /// (a 直辖市's districts and a province's directly administered cities have no city between).
    /// `nil` for a code the list does not know.
    public static func name(of code: String) -> String? {
        guard code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let own = names[code] else { return nil }
        let province = String(code.prefix(2)) + "0000"
        let city = String(code.prefix(4)) + "00"
        var parts: [String] = []
        for level in [province, city] where level != code {
            if let name = names[level], parts.last != name { parts.append(name) }
        }
        if parts.last != own { parts.append(own) }
        return parts.joined()
    }

    /// The county-level divisions (codes not ending in 00) whose codes begin with `prefix` (13: a
    /// province, 1302: a city), in code order, each with its own name (乐亭县, not the full one).
    public static func counties(in prefix: String) -> [(code: String, name: String)] {
        names.filter { $0.key.hasPrefix(prefix) && !$0.key.hasSuffix("00") }.map { ($0.key, $0.value) }.sorted { $0.code < $1.code }
    }

    /// How a code is shown to people: the name with the code after it, or the bare code with a word on
    /// what it is when the list does not know it.
    public static func label(of code: String) -> String {
        name(of: code).map { "\($0)（\(code)）" } ?? "行政区划 \(code)"
    }
}
