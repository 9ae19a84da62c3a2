extension String {
    /// The text without spaces and tabs at either end: a cell's padding. Byte by byte,
    /// since Foundation's trimming cost a hundred-thousand-row import a second.
    var trimmedCell: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last,
            first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return self }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == 0x20 || bytes[bytes.index(before: end)] == 0x09 { end = bytes.index(before: end) }
        return String(self[start..<end])
    }
}
