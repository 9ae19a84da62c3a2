import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an IATI activity file (versions 2.01 to 2.03) with libxml2's SAX parser, through
/// FoundationXML's `XMLParser`: one ``IATIActivity`` at a time, never the whole tree.
///
/// Only XML that is not well-formed stops it. A document type declaration is refused before
/// parsing: IATI files have none, and its entities could expand without bound (the
/// "billion laughs") or read local files.
struct IATIReader {
    /// What the root element says.
    struct Header {
        var version: String?
        var language: String?
        var line: Int
    }

    /// Reads `bytes`, handing each activity to `take` as soon as its end tag is read.
    ///
    /// - Returns: the root element's version and language.
    /// - Throws: ``InterchangeError`` at the line and column of XML that is not well-formed,
    ///   of a DTD, or of a root that is not `iati-activities`.
    static func read(_ bytes: [UInt8], _ take: (IATIActivity) -> Void) throws(InterchangeError) -> Header {
        try refuseDocumentType(bytes)
        try checkEncoding(bytes)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        // The delegate lives only as long as this call: the parser holds it weakly.
        let (parsed, failure, found) = withoutActuallyEscaping(take) { take in
            let delegate = Delegate(take: take)
            parser.delegate = delegate
            delegate.parser = parser
            let parsed = parser.parse()
            parser.delegate = nil
            return (parsed, delegate.failure, delegate.header)
        }
        if let failure { throw failure }
        guard parsed else {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw InterchangeError(
                "not well-formed XML: \(describe(code)); nothing was imported", line: max(1, parser.lineNumber),
                column: max(1, parser.columnNumber))
        }
        guard let header = found else {
            throw InterchangeError("the file has no iati-activities element; nothing was imported", line: 1, column: 1)
        }
        return header
    }

    /// What a libxml2 error code (`xmlParserErrors`, which `XMLParser` passes on as its
    /// error's code without libxml2's own message) means, for the ones a hand-edited file meets.
    static func describe(_ code: Int) -> String {
        switch code {
        case 4: "the file is empty"
        case 5: "the document does not end where it should: an element is left open, or something follows the root element"
        case 9: "a character XML does not allow: a control character, or bytes that are not UTF-8"
        case 23, 68: "a bare '&' or '<' in text; write &amp; and &lt;"
        case 26, 27: "an entity that is not declared; write & as &amp;"
        case 32: "an encoding libxml2 does not know"
        case 38: "a '<' inside an attribute value; write &lt;"
        case 39, 40, 41: "an attribute value without quotes around it"
        case 42: "an attribute given twice in one element"
        case 64, 57: "a malformed XML declaration (<?xml version=\"1.0\"?>)"
        case 73, 77: "a tag that is not closed with '>'"
        case 76: "a closing tag that does not match the element it closes"
        case 85, 86: "content after the end of the root element"
        case 201: "a namespace prefix that is not declared (xmlns:…)"
        default: "libxml2 error \(code)"
        }
    }

    /// Refuses bytes that are not UTF-8 in a file that is UTF-8 by its declaration (or by
    /// having none, as IATI files are), at their line and column: FoundationXML traps on an
    /// element or attribute name that is not UTF-8, where libxml2 lets it through. A file in
    /// one of the ASCII-compatible encodings it may declare (Latin-1, Windows-1252, …) is left
    /// to libxml2, which converts it to UTF-8 before FoundationXML sees it. Any other encoding
    /// (UTF-16, UTF-32, EBCDIC, UTF-7) is refused: IATI files are UTF-8, and in those the
    /// search for a document type, which reads bytes, could not see one.
    static func checkEncoding(_ bytes: [UInt8]) throws(InterchangeError) {
        let refused = "the file is not in UTF-8 or an encoding compatible with ASCII; IATI files are UTF-8: save it as UTF-8; nothing was imported"
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.prefix(4).contains(0) {
            throw InterchangeError(refused, line: 1, column: 1)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if let first = body.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }), first != UInt8(ascii: "<") {
            throw InterchangeError(refused, line: 1, column: 1)
        }
        let head = Array(body.prefix(256))
        if head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) {
            let declaration = String(decoding: head[..<end], as: UTF8.self).lowercased()
            if let range = declaration.range(of: "encoding=") {
                let value = String(declaration[range.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" })
                if value != "utf-8" && value != "utf8" {
                    let compatible = ["us-ascii", "ascii", "latin1"].contains(value) || value.hasPrefix("iso-8859-")
                        || value.hasPrefix("windows-125") || value.hasPrefix("cp125")
                    guard compatible else {
                        throw InterchangeError(
                            "the file declares the encoding '\(value)', which FieldKit does not read; save it as UTF-8; nothing was imported",
                            line: 1, column: (declaration.distance(from: declaration.startIndex, to: range.lowerBound)) + 1)
                    }
                    return
                }
            }
        }
        guard let bad = UTF8Validation.firstInvalid(bytes) else { return }
        throw InterchangeError(
            "bytes that are not UTF-8; save the file as UTF-8, or declare its encoding (<?xml version=\"1.0\" "
                + "encoding=\"ISO-8859-1\"?>); nothing was imported", line: bad.line, column: bad.offset - bad.lineStart + 1)
    }

    /// Refuses `<!DOCTYPE` and `<!ENTITY` wherever they are, with their line and column.
    static func refuseDocumentType(_ bytes: [UInt8]) throws(InterchangeError) {
        for marker in ["<!DOCTYPE", "<!ENTITY"] {
            let pattern = Array(marker.utf8)
            var index = 0
            while index + pattern.count <= bytes.count {
                if bytes[index] == pattern[0], Array(bytes[index..<index + pattern.count]) == pattern {
                    let before = bytes[..<index]
                    let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                    let column = index - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
                    throw InterchangeError(
                        "the file declares a document type (\(marker)); IATI files have none, and its entities are "
                            + "never expanded, so it is refused; nothing was imported", line: line, column: column)
                }
                index += 1
            }
        }
    }

    /// The SAX delegate: a stack of element names, and the activity being filled.
    private final class Delegate: NSObject, XMLParserDelegate {
        let take: (IATIActivity) -> Void
        weak var parser: XMLParser?
        var header: IATIReader.Header?
        var failure: InterchangeError?
        var stack: [String] = []
        var activity: IATIActivity?
        var text = ""
        /// Whether the element being read keeps its text.
        var capturing = false
        var narrativeLanguage: String?

        init(take: @escaping (IATIActivity) -> Void) { self.take = take }

        var here: (line: Int, column: Int) { (parser?.lineNumber ?? 0, parser?.columnNumber ?? 0) }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let parent = stack.last ?? ""
            let grandparent = stack.count >= 2 ? stack[stack.count - 2] : ""
            stack.append(name)
            capturing = false
            if !text.isEmpty { text = "" }
            guard stack.count <= 2 || Delegate.read.contains(name) else { return }
            let coded = IATIActivity.Coded(attributes: attributes, line: here.line, column: here.column)
            if stack.count == 1 {
                guard name == "iati-activities" else {
                    failure = InterchangeError(
                        "the root element is <\(name)>, not <iati-activities>: this is not an IATI activity file; nothing was imported",
                        line: here.line, column: here.column)
                    parser.abortParsing()
                    return
                }
                header = Header(version: attributes["version"], language: attributes["xml:lang"], line: here.line)
                return
            }
            if name == "iati-activity" && parent == "iati-activities" {
                activity = IATIActivity(element: coded, defaultLanguage: (attributes["xml:lang"] ?? header?.language)?.lowercased())
                return
            }
            guard activity != nil else { return }
            start(name, coded, parent: parent, grandparent: grandparent)
            // Text is kept only where it is read: most of a file's text is in elements FieldKit skips.
            capturing = name == "narrative" || name == "iati-identifier" || name == "value"
        }

        /// The elements `start` reads; any other is passed over with one set lookup.
        static let read: Set<String> = [
            "narrative", "iati-identifier", "reporting-org", "participating-org", "description", "activity-status",
            "activity-date", "recipient-country", "recipient-region", "administrative", "sector", "budget", "period-start",
            "period-end", "value", "transaction", "transaction-type", "provider-org", "result", "indicator", "reference",
            "baseline", "period", "target", "actual", "dimension",
        ]

        // swiftlint:disable:next cyclomatic_complexity
        private func start(_ name: String, _ coded: IATIActivity.Coded, parent: String, grandparent: String) {
            switch (name, parent) {
            case ("narrative", _): narrativeLanguage = coded["xml:lang"]?.lowercased()
            case ("iati-identifier", "iati-activity"): activity?.identifierLine = coded.line
            case ("reporting-org", "iati-activity"): activity?.reportingOrg = .init(element: coded)
            case ("participating-org", "iati-activity"): activity?.participatingOrgs.append(.init(element: coded))
            case ("description", "iati-activity"): activity?.descriptions.append((coded["type"], []))
            case ("activity-status", "iati-activity"): activity?.status = coded
            case ("activity-date", "iati-activity"): activity?.dates.append(coded)
            case ("recipient-country", "iati-activity"): activity?.countries.append(coded)
            case ("recipient-region", "iati-activity"): activity?.recipientRegions.append(coded)
            case ("administrative", "location"): activity?.administratives.append(coded)
            case ("sector", "iati-activity"): activity?.sectors.append(coded)
            case ("budget", "iati-activity"): activity?.budgets.append(.init(element: coded))
            case ("period-start", "budget"): activity?.budgets.mutateLast { $0.periodStart = coded["iso-date"] }
            case ("period-end", "budget"): activity?.budgets.mutateLast { $0.periodEnd = coded["iso-date"] }
            case ("value", "budget"): activity?.budgets.mutateLast { $0.valueElement = coded }
            case ("transaction", "iati-activity"): activity?.transactions.append(.init(element: coded))
            case ("transaction-type", "transaction"): activity?.transactions.mutateLast { $0.type = coded }
            case ("value", "transaction"): activity?.transactions.mutateLast { $0.valueElement = coded }
            case ("provider-org", "transaction"): activity?.transactions.mutateLast { $0.provider = .init(element: coded) }
            case ("result", "iati-activity"): activity?.results.append(.init(element: coded))
            case ("indicator", "result"): lastResult { $0.indicators.append(.init(element: coded)) }
            case ("reference", "indicator"): lastIndicator { $0.references.append(coded) }
            case ("baseline", "indicator"): lastIndicator { $0.baseline = coded }
            case ("period", "indicator"): lastIndicator { $0.periods.append(.init(element: coded)) }
            case ("period-start", "period"): lastPeriod { $0.start = coded }
            case ("period-end", "period"): lastPeriod { $0.end = coded }
            case ("target", "period"): lastPeriod { $0.targets.append(coded) }
            case ("actual", "period"): lastPeriod { $0.actuals.append(.init(element: coded)) }
            case ("dimension", "actual") where grandparent == "period":
                lastPeriod { $0.actuals.mutateLast { $0.dimensions.append(coded) } }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if capturing { text += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
            capturing = false
            defer { if !text.isEmpty { text = "" } }
            guard name == "narrative" || name == "value" || name == "iati-identifier" || name == "iati-activity" else { return }
            let parent = stack.last ?? ""
            let grandparent = stack.count >= 2 ? stack[stack.count - 2] : ""
            if name == "iati-activity" && parent == "iati-activities", let finished = activity {
                activity = nil
                take(finished)
                return
            }
            guard activity != nil else { return }
            switch (name, parent) {
            case ("iati-identifier", "iati-activity"): activity?.identifier = text
            case ("value", "budget"): activity?.budgets.mutateLast { $0.value = text }
            case ("value", "transaction"): activity?.transactions.mutateLast { $0.value = text }
            case ("narrative", _): narrative(IATIActivity.Narrative(language: narrativeLanguage, text: text), parent, grandparent)
            default: break
            }
        }

        /// Files a narrative by where it stands.
        private func narrative(_ narrative: IATIActivity.Narrative, _ parent: String, _ grandparent: String) {
            switch (parent, grandparent) {
            case ("title", "iati-activity"): activity?.title.append(narrative)
            case ("description", "iati-activity"): activity?.descriptions.mutateLast { $0.narratives.append(narrative) }
            case ("reporting-org", "iati-activity"): activity?.reportingOrg?.names.append(narrative)
            case ("participating-org", "iati-activity"): activity?.participatingOrgs.mutateLast { $0.names.append(narrative) }
            case ("provider-org", "transaction"): activity?.transactions.mutateLast { $0.provider?.names.append(narrative) }
            case ("title", "result"): lastResult { $0.title.append(narrative) }
            case ("title", "indicator"): lastIndicator { $0.title.append(narrative) }
            case ("comment", "actual"): lastPeriod { $0.actuals.mutateLast { $0.comment.append(narrative) } }
            default: break
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard failure == nil else { return }
            failure = InterchangeError(
                "not well-formed XML: \(IATIReader.describe((parseError as NSError).code)); nothing was imported",
                line: max(1, parser.lineNumber),
                column: max(1, parser.columnNumber))
        }

        private func lastResult(_ body: (inout IATIActivity.Result) -> Void) { activity?.results.mutateLast(body) }
        private func lastIndicator(_ body: (inout IATIActivity.Indicator) -> Void) {
            lastResult { $0.indicators.mutateLast(body) }
        }
        private func lastPeriod(_ body: (inout IATIActivity.Period) -> Void) { lastIndicator { $0.periods.mutateLast(body) } }
    }
}

extension Array {
    /// Changes the last element in place, if there is one.
    mutating func mutateLast(_ body: (inout Element) -> Void) {
        guard !isEmpty else { return }
        body(&self[count - 1])
    }
}
