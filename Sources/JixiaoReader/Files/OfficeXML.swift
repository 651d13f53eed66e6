import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One XML part of an Office file as a small tree. Names are local (`w:tbl` → `tbl`), which is all
/// these formats need. Office parts never declare a DTD, so one that does is refused before parsing
/// (no entity expansion, no external fetches); size and depth are bounded too.
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

    static func parse(_ data: Data, part: String) throws(ReadError) -> Element {
        for marker in ["<!DOCTYPE", "<!ENTITY"] where data.range(of: Data(marker.utf8)) != nil {
            throw .damaged("\(part) declares a DTD (\(marker)), which Office files never do")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let parsed = parser.parse()
        if let failure = builder.failure { throw failure.part(part) }
        guard parsed, builder.stack.count == 1, let root = builder.stack[0].children.first else {
            throw .damaged("\(part) is not well-formed XML" + (parser.parserError.map { " (\($0.localizedDescription))" } ?? ""))
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        enum Failure: Error {
            case tooMany, tooDeep
            func part(_ part: String) -> ReadError {
                switch self {
                case .tooMany: .tooLarge("\(part) has more than \(OfficeXML.maxElements) elements")
                case .tooDeep: .damaged("\(part) nests elements deeper than \(OfficeXML.maxDepth)")
                }
            }
        }
        var stack = [Element(name: "")]
        var count = 0
        var failure: Failure?

        static func local(_ name: String) -> String {
            guard let colon = name.lastIndex(of: ":") else { return name }
            return String(name[name.index(after: colon)...])
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            count += 1
            if count > OfficeXML.maxElements { failure = .tooMany }
            if stack.count > OfficeXML.maxDepth { failure = .tooDeep }
            if failure != nil { return parser.abortParsing() }
            var element = Element(name: Self.local(name))
            for (k, v) in attributes { element.attributes[Self.local(k)] = v }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard stack.count > 1 else { return }
            let element = stack.removeLast()
            stack[stack.count - 1].children.append(element)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack[stack.count - 1].text += string
        }
    }
}
