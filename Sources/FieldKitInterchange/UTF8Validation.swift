/// Finds the first bytes that are not UTF-8, with their line, so that a reader can say
/// where a file saved in another encoding goes wrong.
enum UTF8Validation {
    /// The first byte at or after `start` that does not begin a valid UTF-8 sequence
    /// (overlong forms and surrogates included), with its 1-based line and the offset at
    /// which that line starts; nil when every byte is UTF-8.
    static func firstInvalid(_ bytes: [UInt8], from start: Int = 0) -> (offset: Int, line: Int, lineStart: Int)? {
        var position = start
        var line = 1
        var lineStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                if byte == 0x0A {
                    line += 1
                    lineStart = position + 1
                }
                position += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            // The lead byte's length, then the standard library's check of the sequence.
            let valid = length > 0 && position + length <= bytes.count
                && String(validating: bytes[position..<(position + length)], as: UTF8.self) != nil
            guard valid else { return (position, line, lineStart) }
            position += length
        }
        return nil
    }
}
