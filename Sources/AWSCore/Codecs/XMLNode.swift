/// A minimal XML element tree, enough for AWS query/XML responses (EC2, STS, auth errors).
///
/// Why not Foundation's `XMLParser`: it lives in FoundationXML, which drags libxml2 into the
/// Lambda image. AWS responses use a tiny subset of XML: elements, attributes, text, the five
/// predefined entities, numeric character references, CDATA, comments and a prolog. Namespaces
/// are kept as written on the element (`name` drops any `prefix:`); DTDs are skipped, never
/// expanded, so entity-expansion attacks have nothing to work with.
///
/// What can go wrong: malformed input (unclosed tags, mismatched end tags, bad entities)
/// throws `XMLParseError` with the byte offset, never crashes or loops.
public struct XMLNode: Sendable, Equatable {
    /// Local element name, without any namespace prefix ("Code", not "ec2:Code").
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLNode]
    /// Character data directly inside this element (entities decoded, CDATA included),
    /// concatenated across the gaps between child elements.
    public var ownText: String

    public init(name: String, attributes: [String: String] = [:], children: [XMLNode] = [], ownText: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.ownText = ownText
    }

    /// Parses a whole document and returns its root element.
    public static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLNode {
        var parser = XMLByteParser(bytes: bytes)
        return try parser.parseDocument()
    }

    public static func parse(_ text: String) throws(XMLParseError) -> XMLNode {
        try parse(Array(text.utf8))
    }

    /// The text of this element with surrounding whitespace trimmed; for a leaf such as
    /// `<Code>AuthFailure</Code>` this is the value.
    public var text: String { ownText.trimmingXMLWhitespace() }

    /// The first child element with this local name.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Every child element with this local name, in document order.
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Follows child names from this element: `path("Errors", "Error", "Code")`.
    public func path(_ names: String...) -> XMLNode? { path(names) }

    public func path(_ names: [String]) -> XMLNode? {
        var node = self
        for name in names {
            guard let next = node.child(name) else { return nil }
            node = next
        }
        return node
    }

    /// Depth-first search for the first descendant (or self) with this local name.
    public func first(named name: String) -> XMLNode? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(named: name) { return found }
        }
        return nil
    }
}

/// Why a document could not be read as XML.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// Byte offset in the input where the problem was noticed.
    public var offset: Int
    public init(reason: String, offset: Int) { self.reason = reason; self.offset = offset }
    public var description: String { "invalid XML at byte \(offset): \(reason)" }
}

extension String {
    func trimmingXMLWhitespace() -> String {
        let ws: Set<Character> = [" ", "\t", "\n", "\r"]
        var s = Substring(self)
        while let f = s.first, ws.contains(f) { s.removeFirst() }
        while let l = s.last, ws.contains(l) { s.removeLast() }
        return String(s)
    }
}

/// Recursive-descent parser over UTF-8 bytes. Depth is capped so hostile nesting cannot
/// overflow the stack.
struct XMLByteParser {
    let bytes: [UInt8]
    var i = 0
    static let maxDepth = 256

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws(XMLParseError) -> XMLNode {
        // Skip a UTF-8 BOM.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        try skipMisc()
        guard peek() == UInt8(ascii: "<") else { throw fail("expected a root element") }
        let root = try parseElement(depth: 0)
        try skipMisc()
        if i < bytes.count { throw fail("content after the root element") }
        return root
    }

    // MARK: - Pieces

    private func fail(_ reason: String) -> XMLParseError { XMLParseError(reason: reason, offset: i) }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        i + ahead < bytes.count ? bytes[i + ahead] : nil
    }

    private func at(_ literal: String) -> Bool {
        let lit = Array(literal.utf8)
        guard i + lit.count <= bytes.count else { return false }
        return bytes[i..<(i + lit.count)].elementsEqual(lit)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private mutating func skipSpace() {
        while let b = peek(), Self.isSpace(b) { i += 1 }
    }

    /// Skips until just after `terminator`; throws if the input ends first.
    private mutating func skip(past terminator: String, what: String) throws(XMLParseError) {
        let t = Array(terminator.utf8)
        while i + t.count <= bytes.count {
            if bytes[i..<(i + t.count)].elementsEqual(t) { i += t.count; return }
            i += 1
        }
        i = bytes.count
        throw fail("unterminated \(what)")
    }

    /// Whitespace, comments, processing instructions (including `<?xml ...?>`) and a DOCTYPE.
    private mutating func skipMisc() throws(XMLParseError) {
        while true {
            skipSpace()
            if at("<?") { try skip(past: "?>", what: "processing instruction") }
            else if at("<!--") { try skip(past: "-->", what: "comment") }
            else if at("<!DOCTYPE") { try skipDoctype() }
            else { return }
        }
    }

    private mutating func skipDoctype() throws(XMLParseError) {
        var bracket = 0
        while let b = peek() {
            i += 1
            if b == UInt8(ascii: "[") { bracket += 1 }
            else if b == UInt8(ascii: "]") { bracket -= 1 }
            else if b == UInt8(ascii: ">") && bracket <= 0 { return }
        }
        throw fail("unterminated DOCTYPE")
    }

    private mutating func parseName() throws(XMLParseError) -> String {
        let start = i
        while let b = peek(), !Self.isSpace(b), b != UInt8(ascii: ">"), b != UInt8(ascii: "/"),
              b != UInt8(ascii: "="), b != UInt8(ascii: "<") {
            i += 1
        }
        guard i > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private static func localName(_ qualified: String) -> String {
        if let colon = qualified.lastIndex(of: ":") { return String(qualified[qualified.index(after: colon)...]) }
        return qualified
    }

    private mutating func parseElement(depth: Int) throws(XMLParseError) -> XMLNode {
        guard depth < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
        i += 1 // "<"
        let qname = try parseName()
        var node = XMLNode(name: Self.localName(qname))
        // Attributes.
        while true {
            skipSpace()
            guard let b = peek() else { throw fail("unterminated start tag <\(qname)>") }
            if b == UInt8(ascii: "/") {
                guard peek(1) == UInt8(ascii: ">") else { throw fail("expected '>' after '/'") }
                i += 2
                return node
            }
            if b == UInt8(ascii: ">") { i += 1; break }
            let attrName = try parseName()
            skipSpace()
            guard peek() == UInt8(ascii: "=") else { throw fail("expected '=' after attribute \(attrName)") }
            i += 1
            skipSpace()
            guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("expected a quoted value for attribute \(attrName)")
            }
            i += 1
            let start = i
            while let c = peek(), c != quote { i += 1 }
            guard peek() == quote else { throw fail("unterminated attribute \(attrName)") }
            let raw = Array(bytes[start..<i])
            i += 1
            node.attributes[attrName] = try decodeEntities(raw, at: start)
        }
        // Content.
        var text: [UInt8] = []
        while true {
            guard let b = peek() else { throw fail("unclosed element <\(qname)>") }
            if b != UInt8(ascii: "<") {
                let start = i
                while let c = peek(), c != UInt8(ascii: "<") { i += 1 }
                text += Array(try decodeEntities(Array(bytes[start..<i]), at: start).utf8)
                continue
            }
            if at("</") {
                i += 2
                let endName = try parseName()
                skipSpace()
                guard peek() == UInt8(ascii: ">") else { throw fail("expected '>' in end tag </\(endName)>") }
                guard endName == qname else { throw fail("end tag </\(endName)> does not match <\(qname)>") }
                i += 1
                node.ownText = String(decoding: text, as: UTF8.self)
                return node
            }
            if at("<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>", what: "CDATA section")
                text += bytes[start..<(i - 3)]
            } else if at("<!--") {
                try skip(past: "-->", what: "comment")
            } else if at("<?") {
                try skip(past: "?>", what: "processing instruction")
            } else {
                node.children.append(try parseElement(depth: depth + 1))
            }
        }
    }

    /// Decodes `&amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;`. Unknown named entities are an
    /// error rather than silently kept, so a truncated document is noticed.
    private func decodeEntities(_ raw: [UInt8], at base: Int) throws(XMLParseError) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var j = 0
        while j < raw.count {
            let b = raw[j]
            guard b == UInt8(ascii: "&") else { out.append(b); j += 1; continue }
            guard let semi = raw[j...].firstIndex(of: UInt8(ascii: ";")), semi - j <= 12 else {
                throw XMLParseError(reason: "unterminated entity reference", offset: base + j)
            }
            let entity = String(decoding: raw[(j + 1)..<semi], as: UTF8.self)
            switch entity {
            case "amp": out.append(UInt8(ascii: "&"))
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                var scalarValue: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalarValue = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    scalarValue = UInt32(entity.dropFirst(1), radix: 10)
                }
                guard let v = scalarValue, let scalar = Unicode.Scalar(v) else {
                    throw XMLParseError(reason: "unknown entity &\(entity);", offset: base + j)
                }
                out += Array(String(Character(scalar)).utf8)
            }
            j = semi + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
