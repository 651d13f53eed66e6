import Foundation

/// One XML part of an Office file as a small tree. Names are local (`w:tbl` → `tbl`), which is all
/// these formats need. Office parts never declare a DTD, so one that does is refused before parsing
/// (no entity expansion, no external fetches); encoding, size and depth are checked too.
enum OfficeXML {
    struct Element {
        var name: String
        var attributes: [String: String] = [:]
        var children: [Element] = []
        var text = ""

        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        func all(_ name: String) -> [Element] { children.filter { $0.name == name } }

        /// Every descendant named `name`, in document order, not looking inside a match.
        func descendants(_ name: String) -> [Element] {
            var out: [Element] = []
            for c in children { if c.name == name { out.append(c) } else { out += c.descendants(name) } }
            return out
        }
    }

    static let maxElements = 1_000_000
    static let maxDepth = 200

    /// Parses a part with our own small parser: Foundation's XMLParser traps (kills the process) on
    /// inputs as small as `<?xml?>` or an invalid UTF-8 byte in a name, and a file comes from anyone.
    /// Office parts are plain XML — elements, attributes, text, the five entities and character
    /// references, CDATA, comments and processing instructions — and only well-formed parts are read.
    static func parse(_ data: Data, part: String) throws(ReadError) -> Element {
        for marker in ["<!DOCTYPE", "<!ENTITY"] where data.range(of: Data(marker.utf8)) != nil {
            throw .damaged("\(part) declares a DTD (\(marker)), which Office files never do")
        }
        if let declared = declaredEncoding(data), !["utf-8", "utf8"].contains(declared.lowercased()) {
            throw .damaged("\(part) declares the encoding \(declared); Office files are UTF-8")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard TextDecoding.isValidUTF8(bytes) else { throw .damaged("\(part) is not valid UTF-8") }
        var parser = Parser(bytes)
        do throws(Failure) {
            return try parser.document()
        } catch {
            throw error.readError(part)
        }
    }

    /// The `encoding` of the XML declaration (`<?xml version="1.0" encoding="…"?>`), if it names one.
    static func declaredEncoding(_ data: Data) -> String? {
        let head = data.prefix(200)
        guard let start = head.range(of: Data("<?xml".utf8)), let end = head.range(of: Data("?>".utf8), in: start.upperBound..<head.endIndex) else {
            return nil
        }
        let declaration = String(decoding: head[start.upperBound..<end.lowerBound], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return "" }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    enum Failure: Error {
        case malformed(String, at: Int)
        case tooMany, tooDeep

        func readError(_ part: String) -> ReadError {
            switch self {
            case let .malformed(what, offset): .damaged("\(part) is not well-formed XML: \(what) at byte \(offset)")
            case .tooMany: .tooLarge("\(part) has more than \(OfficeXML.maxElements) elements")
            case .tooDeep: .damaged("\(part) nests elements deeper than \(OfficeXML.maxDepth)")
            }
        }
    }

    /// A single pass over valid UTF-8 bytes; every markup character is ASCII, so text between
    /// them is cut at byte offsets and is valid UTF-8 itself.
    struct Parser {
        let b: [UInt8]
        var i = 0
        /// Open elements with their qualified names (to match end tags); the first is the document.
        var stack: [(element: Element, qualified: [UInt8])] = [(Element(name: ""), [])]
        var count = 0

        init(_ bytes: [UInt8]) { b = bytes }

        mutating func document() throws(Failure) -> Element {
            while i < b.count {
                if b[i] == UInt8(ascii: "<") { try markup() } else { try text() }
            }
            guard stack.count == 1 else { throw .malformed("<\(String(decoding: stack[stack.count - 1].qualified, as: UTF8.self))> is never closed", at: i) }
            let roots = stack[0].element.children
            guard roots.count == 1, let root = roots.first else { throw .malformed(roots.isEmpty ? "no element" : "more than one root element", at: i) }
            guard stack[0].element.text.allSatisfy(\.isWhitespace) else { throw .malformed("text outside the root element", at: i) }
            return root
        }

        func starts(_ s: String, at k: Int) -> Bool {
            let u = Array(s.utf8)
            return k + u.count <= b.count && b[k..<k + u.count].elementsEqual(u)
        }

        /// The offset just past the next `end`, searching from `from`.
        func after(_ end: String, from: Int, what: String) throws(Failure) -> Int {
            let u = Array(end.utf8)
            var k = from
            while k + u.count <= b.count {
                if b[k] == u[0], b[k..<k + u.count].elementsEqual(u) { return k + u.count }
                k += 1
            }
            throw .malformed("\(what) is never closed", at: from)
        }

        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        static func endsName(_ c: UInt8) -> Bool { isSpace(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ">") || c == UInt8(ascii: "=") }

        mutating func skipSpace() { while i < b.count, Self.isSpace(b[i]) { i += 1 } }

        mutating func name() throws(Failure) -> [UInt8] {
            let start = i
            while i < b.count, !Self.endsName(b[i]), b[i] != UInt8(ascii: "<"), b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "'") { i += 1 }
            guard i > start else { throw .malformed("a name is missing", at: start) }
            return Array(b[start..<i])
        }

        mutating func markup() throws(Failure) {
            if starts("<?", at: i) {
                i = try after("?>", from: i + 2, what: "a processing instruction")
            } else if starts("<!--", at: i) {
                i = try after("-->", from: i + 4, what: "a comment")
            } else if starts("<![CDATA[", at: i) {
                let end = try after("]]>", from: i + 9, what: "a CDATA section")
                append(String(decoding: b[(i + 9)..<(end - 3)], as: UTF8.self))
                i = end
            } else if starts("<!", at: i) {
                throw .malformed("a declaration Office files do not have", at: i)
            } else if starts("</", at: i) {
                i += 2
                let qualified = try name()
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: ">") else { throw .malformed("an end tag is not closed", at: i) }
                i += 1
                guard stack.count > 1, stack[stack.count - 1].qualified == qualified else {
                    throw .malformed("</\(String(decoding: qualified, as: UTF8.self))> closes no open element", at: i)
                }
                let element = stack.removeLast().element
                stack[stack.count - 1].element.children.append(element)
            } else {
                try startTag()
            }
        }

        mutating func startTag() throws(Failure) {
            i += 1
            let qualified = try name()
            count += 1
            if count > OfficeXML.maxElements { throw .tooMany }
            if stack.count > OfficeXML.maxDepth { throw .tooDeep }
            var element = Element(name: Self.local(qualified))
            while true {
                let before = i
                skipSpace()
                guard i < b.count else { throw .malformed("a start tag is not closed", at: i) }
                if b[i] == UInt8(ascii: ">") {
                    i += 1
                    stack.append((element, qualified))
                    return
                }
                if starts("/>", at: i) {
                    i += 2
                    stack[stack.count - 1].element.children.append(element)
                    return
                }
                guard i > before else { throw .malformed("attributes must be separated by white space", at: i) }
                let key = try name()
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "=") else { throw .malformed("an attribute has no value", at: i) }
                i += 1
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { throw .malformed("an attribute value is not quoted", at: i) }
                let quote = b[i]
                let start = i + 1
                var end = start
                while end < b.count, b[end] != quote {
                    guard b[end] != UInt8(ascii: "<") else { throw .malformed("“<” inside an attribute value", at: end) }
                    end += 1
                }
                guard end < b.count else { throw .malformed("an attribute value is never closed", at: start) }
                // Attribute values count white space as spaces (XML 1.0, 3.3.3).
                let value = try Self.decoded(b[start..<end], at: start).map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }
                element.attributes[Self.local(key)] = String(value)
                i = end + 1
            }
        }

        mutating func text() throws(Failure) {
            let start = i
            while i < b.count, b[i] != UInt8(ascii: "<") { i += 1 }
            append(try Self.decoded(b[start..<i], at: start))
        }

        mutating func append(_ text: String) {
            stack[stack.count - 1].element.text += text
        }

        static func local(_ qualified: [UInt8]) -> String {
            let start = qualified.lastIndex(of: UInt8(ascii: ":")).map { $0 + 1 } ?? 0
            return String(decoding: qualified[start...], as: UTF8.self)
        }

        /// Text with its entity and character references replaced and line ends made `\n`.
        static func decoded(_ bytes: ArraySlice<UInt8>, at offset: Int) throws(Failure) -> String {
            guard bytes.contains(UInt8(ascii: "&")) || bytes.contains(0x0D) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var k = bytes.startIndex
            while k < bytes.endIndex {
                let c = bytes[k]
                if c == 0x0D {
                    out.append(0x0A)
                    k += k + 1 < bytes.endIndex && bytes[k + 1] == 0x0A ? 2 : 1
                    continue
                }
                guard c == UInt8(ascii: "&") else {
                    out.append(c)
                    k += 1
                    continue
                }
                guard let semicolon = bytes[k...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                    throw .malformed("“&” that starts no reference", at: offset + (k - bytes.startIndex))
                }
                let reference = String(decoding: bytes[(k + 1)..<semicolon], as: UTF8.self)
                let scalar: Unicode.Scalar?
                switch reference {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    let number =
                        reference.hasPrefix("#x")
                        ? UInt32(reference.dropFirst(2), radix: 16)
                        : reference.hasPrefix("#") ? UInt32(reference.dropFirst(), radix: 10) : nil
                    scalar = number.flatMap(Unicode.Scalar.init).flatMap { $0.value == 0 ? nil : $0 }
                }
                guard let scalar else { throw .malformed("unknown reference &\(reference);", at: offset + (k - bytes.startIndex)) }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                k = semicolon + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
