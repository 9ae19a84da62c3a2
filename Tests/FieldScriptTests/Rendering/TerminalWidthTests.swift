import Testing

@testable import FieldScript

@Suite("Terminal width")
struct TerminalWidthTests {
    @Test(arguments: [
        ("", 0), ("Osh", 3), ("TIP-2007", 8), ("Баткенская область", 18), ("Ош", 2),
        ("日本", 4), ("한국어", 6), ("ＡＢ", 4), ("ｱｲ", 2), ("「」", 4),
    ])
    func measuresText(_ text: String, _ width: Int) {
        #expect(TerminalWidth.of(text) == width)
    }

    @Test func countsCombiningMarksAsZero() {
        #expect(TerminalWidth.of("e\u{301}") == 1)
        #expect(TerminalWidth.of("\u{E9}") == 1)
        #expect(TerminalWidth.of("Ба\u{301}ткен") == 6)
        #expect(TerminalWidth.scalar("\u{301}") == 0)
        #expect(TerminalWidth.of("\u{301}") == 0)
        // A Hangul syllable spelt with conjoining Jamo is one wide cluster.
        #expect(TerminalWidth.of("\u{1112}\u{1161}\u{11AB}") == 2)
    }

    @Test func countsFormatAndControlCharactersAsZero() {
        #expect(TerminalWidth.of("a\u{200B}b") == 2)
        #expect(TerminalWidth.of("a\u{200D}b") == 2)
        #expect(TerminalWidth.of("a\u{FE0F}") == 1)
        #expect(TerminalWidth.of("soft\u{AD}hyphen") == 10)
        #expect(TerminalWidth.of("\t\r\n\u{1B}") == 0)
        #expect(TerminalWidth.scalar("\u{FE0F}") == 0)
        #expect(TerminalWidth.scalar("\u{200D}") == 0)
        #expect(TerminalWidth.scalar("\u{85}") == 0)
    }

    @Test(arguments: [
        ("👍", 2), ("👍🏽", 2), ("🇰🇬", 2), ("❤️", 2), ("1️⃣", 2), ("⌚", 2),
        ("👨‍👩‍👧", 2), ("👩🏽‍💻", 2), ("🏳️‍🌈", 2), ("❤", 1), ("→", 1),
    ])
    func measuresEmoji(_ emoji: String, _ width: Int) {
        #expect(TerminalWidth.of(emoji) == width)
    }

    @Test func measuresMixedText() {
        #expect(TerminalWidth.of("Osh 日本 👨‍👩‍👧 Ош") == 3 + 1 + 4 + 1 + 2 + 1 + 2)
    }

    @Test func truncatesByDisplayWidth() {
        #expect(TerminalWidth.truncating("Osh", to: 3) == "Osh")
        #expect(TerminalWidth.truncating("Баткенская", to: 5) == "Батк…")
        #expect(TerminalWidth.truncating("日本語", to: 5) == "日本…")
        #expect(TerminalWidth.truncating("日本語", to: 4) == "日…")
        #expect(TerminalWidth.of(TerminalWidth.truncating(String(repeating: "日", count: 40), to: 60)) == 59)
    }

    @Test func padsByDisplayWidth() {
        #expect(TerminalWidth.padding("日本", to: 6) == "日本  ")
        #expect(TerminalWidth.padding("Ош", to: 4, alignRight: true) == "  Ош")
        #expect(TerminalWidth.padding("toolong", to: 3) == "toolong")
    }
}
