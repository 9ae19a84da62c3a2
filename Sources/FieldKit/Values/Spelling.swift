/// Finds the nearest valid word to a misspelt one, for "did you mean" suggestions.
package enum Spelling {
    /// The candidate closest to `word` by case-insensitive edit distance, if it is close
    /// enough to be a plausible typo (at most a third of the word's length, and at least 1).
    package static func nearest<S: Sequence>(to word: String, in candidates: S) -> String?
    where S.Element == String {
        let target = Array(word.lowercased())
        let limit = max(1, target.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let lowered = Array(candidate.lowercased())
            guard abs(lowered.count - target.count) <= limit else { continue }
            let distance = editDistance(target, lowered, limit: best.map { min($0.distance, limit) } ?? limit)
            guard distance <= limit else { continue }
            if let current = best, current.distance < distance
                || (current.distance == distance && current.candidate <= candidate)
            {
                continue
            }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// Damerau–Levenshtein distance (with adjacent transpositions), stopping early past `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return rowMinimum }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
