extension UInt8 {
    /// The byte with an ASCII capital letter made small; any other byte as it is. For the
    /// byte-by-byte, case-insensitive comparisons of keywords and ASCII text.
    var asciiLowercased: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
}
