import Testing

@testable import LineEditor

@Suite struct LineEditorTests {
    @Test func historyFileKeepsMultiLineEntries() {
        let entries = ["projects", "add project M title \"a\nb\"", "note X \"back\\slash\""]
        #expect(HistoryFile.decode(HistoryFile.encode(entries)) == entries)
    }

    @Test func commonPrefixIgnoresCase() {
        #expect(LineEditor.commonPrefix(["TIP-2004", "TIP-2007", "tip-2007/groups"]) == "TIP-200")
        #expect(LineEditor.commonPrefix(["status", "start"]) == "sta")
    }

    @Test func candidatesAreLaidOutInColumns() {
        let text = LineEditor.columns(["alpha", "beta", "gamma", "delta"], width: 20)
        #expect(text == "alpha  gamma\nbeta   delta\n")
    }

    @Test func utf8IsDecodedByteByByte() {
        #expect(LineEditor.decode([0xD0]) == .incomplete)
        #expect(LineEditor.decode([0xD0, 0x91]) == .complete(0x411))
        #expect(LineEditor.decode([0xFF]) == .invalid)
        #expect(LineEditor.decode([0x41]) == .complete(0x41))
    }
}
