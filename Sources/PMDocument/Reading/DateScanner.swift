/// Finds the dates in text as people write them: `2023-04-25`, `25th April, 2023`, `Dec 8 2022`,
/// `January 14-19, 2026` (the start of a range), `Monday, 14 March 2022`, `14-Mar-2022`, `25/12/2022`, and
/// `03/04/2023`, which is kept with both readings for the caller to settle.
enum DateScanner {
    /// A date found in text.
    struct Found: Sendable, Hashable {
        var date: CalendarDate
        /// The other reading of a numeric date whose day and month could be swapped (`03/04/2023`).
        var alternative: CalendarDate?
        /// For a numeric date: whether it can only be day first (`25/12/2022`: true) or month first
        /// (`12/25/2022`: false); nil otherwise.
        var dayFirst: Bool?
        /// Where it starts in the text, in UTF-8 bytes.
        var offset: Int

        var isAmbiguous: Bool { alternative != nil }
    }

    /// A month and day without a year (`Mon 3 Apr`, `March 1st`).
    struct MonthDay: Sendable, Hashable {
        var month: Int
        var day: Int
    }

    private enum Token: Equatable {
        case number(Int, digits: Int, ordinal: Bool)
        case word(String)
        case separator(Character)
    }

    /// Every full date in `text`, in order.
    static func dates(in text: String) -> [Found] {
        mayHoldDate(text) ? scan(text).dates : []
    }

    /// Every month and day written without a year, in order.
    static func monthDays(in text: String) -> [MonthDay] {
        scan(text).partial
    }

    /// The first full date of `text`; an ambiguous one only when `dayFirst` settles it.
    static func firstDate(in text: String, dayFirst: Bool? = nil) -> CalendarDate? {
        guard mayHoldDate(text) else { return nil }
        for found in dates(in: text) {
            if let settled = settle(found, dayFirst: dayFirst) { return settled }
        }
        return nil
    }

    /// The date `found` means: itself when unambiguous, else the reading `dayFirst` picks.
    ///
    /// - Parameter hints: days written elsewhere in the document (the file name's date, the timeline's `Mon 3
    ///   Apr`): an ambiguous date is the reading one of them confirms.
    static func settle(_ found: Found, dayFirst: Bool?, matching hints: [MonthDay] = []) -> CalendarDate? {
        guard let alternative = found.alternative else { return found.date }
        let confirms = { (date: CalendarDate) in hints.contains(MonthDay(month: date.month, day: date.day)) }
        if confirms(found.date), !confirms(alternative) { return found.date }
        if confirms(alternative), !confirms(found.date) { return alternative }
        // `found.date` is the day-first reading of an ambiguous date.
        switch dayFirst {
        case true?: return found.date
        case false?: return alternative
        case nil: return nil
        }
    }

    /// The first day written without a year in `text` (`Apr 30`, `July 19`, `21/03`), in the year that puts it on
    /// or after `reference` (a due date written in the weeks after an incident).
    static func dayWithoutYear(in text: String, dayFirst: Bool?, onOrAfter reference: CalendarDate) -> CalendarDate? {
        guard let day = monthDays(in: text).first ?? numericMonthDay(in: text, dayFirst: dayFirst) else { return nil }
        for year in [reference.year, reference.year + 1] {
            if let date = CalendarDate(year: year, month: day.month, day: day.day), date >= reference { return date }
        }
        return nil
    }

    /// `21/03` or `3.5`: a day and a month of one or two digits each, settled by `dayFirst` when both could be
    /// either.
    private static func numericMonthDay(in text: String, dayFirst: Bool?) -> MonthDay? {
        let tokens = tokenize(text)
        for index in tokens.indices.dropLast(2) {
            guard case .number(let a, let aDigits, false) = tokens[index].token,
                case .separator(let mark) = tokens[index + 1].token, mark == "/" || mark == ".",
                case .number(let b, let bDigits, false) = tokens[index + 2].token, aDigits <= 2, bDigits <= 2
            else { continue }
            // Not part of a longer number (`1.2.3`, `03/04/2023`).
            if index + 3 < tokens.count, case .separator(let next) = tokens[index + 3].token, next == mark { continue }
            if index > 0, case .separator(let before) = tokens[index - 1].token, before == mark { continue }
            let first = a > 12 ? true : b > 12 ? false : dayFirst
            switch first {
            case true?: if (1...12).contains(b), (1...31).contains(a) { return MonthDay(month: b, day: a) }
            case false?: if (1...12).contains(a), (1...31).contains(b) { return MonthDay(month: a, day: b) }
            case nil: break
            }
        }
        return nil
    }

    /// Whether `text` may hold a full date: four digits in a row (a year), or digits after a letter and `/` or
    /// `-` (`10/Mar/23`). Checked on bytes, before the costlier scan.
    static func mayHoldDate(_ text: String) -> Bool {
        var run = 0
        // The bytes before: a letter, then `/` or `-` (`Mar/23`, `Mar-22`: a year of two digits).
        var letterThenSeparator = false
        var previousIsLetter = false
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                if run == 4 || letterThenSeparator { return true }
                previousIsLetter = false
            } else {
                run = 0
                letterThenSeparator = previousIsLetter && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-"))
                previousIsLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            }
        }
        return false
    }

    private static func scan(_ text: String) -> (dates: [Found], partial: [MonthDay]) {
        let tokens = tokenize(text)
        var dates: [Found] = []
        var partial: [MonthDay] = []
        var index = 0
        func number(_ at: Int) -> (value: Int, digits: Int, ordinal: Bool)? {
            guard at < tokens.count, case .number(let value, let digits, let ordinal) = tokens[at].token else {
                return nil
            }
            return (value, digits, ordinal)
        }
        func month(_ at: Int) -> Int? {
            guard at < tokens.count, case .word(let word) = tokens[at].token else { return nil }
            return monthNumber(word)
        }
        func separator(_ at: Int) -> Character? {
            guard at < tokens.count, case .separator(let character) = tokens[at].token else { return nil }
            return character
        }
        func word(_ at: Int) -> String? {
            guard at < tokens.count, case .word(let word) = tokens[at].token else { return nil }
            return word
        }
        func year(_ at: Int) -> Int? {
            guard let (value, digits, ordinal) = number(at), digits == 4, !ordinal, (1970...2100).contains(value)
            else { return nil }
            return value
        }
        /// Skips commas, and an `of` after a day (`14th of March`).
        func skipFiller(_ at: Int) -> Int {
            var at = at
            while at < tokens.count {
                if let character = separator(at), character == "," || character == "." {
                    at += 1
                } else if word(at) == "of" {
                    at += 1
                } else {
                    break
                }
            }
            return at
        }
        /// A month and day, with the year at `yearAt` when one is there (a full date); where to go on.
        func take(month: Int, day: Int, yearAt: Int, orNext: Int, offset: Int) -> Int {
            if let y = year(yearAt), let date = CalendarDate(year: y, month: month, day: day) {
                dates.append(Found(date: date, offset: offset))
                return yearAt + 1
            }
            partial.append(MonthDay(month: month, day: day))
            return orNext
        }
        while index < tokens.count {
            let offset = tokens[index].offset
            // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
            if let y = year(index), let s1 = separator(index + 1), "-/.".contains(s1), let m = number(index + 2),
                separator(index + 3) == s1, let d = number(index + 4), m.digits <= 2, d.digits <= 2,
                let date = CalendarDate(year: y, month: m.value, day: d.value)
            {
                dates.append(Found(date: date, offset: offset))
                index += 5
                continue
            }
            // DD/MM/YYYY or MM/DD/YYYY (also with . or -)
            if let a = number(index), a.digits <= 2, !a.ordinal, let s1 = separator(index + 1), "/.-".contains(s1),
                let b = number(index + 2), b.digits <= 2, separator(index + 3) == s1, let y = year(index + 4)
            {
                let dayFirst = CalendarDate(year: y, month: b.value, day: a.value)
                let monthFirst = CalendarDate(year: y, month: a.value, day: b.value)
                switch (dayFirst, monthFirst) {
                case (let date?, let other?) where date != other:
                    dates.append(Found(date: date, alternative: other, offset: offset))
                case (let date?, _):
                    dates.append(Found(date: date, dayFirst: a.value > 12 ? true : nil, offset: offset))
                case (nil, let date?):
                    dates.append(Found(date: date, dayFirst: false, offset: offset))
                default: break
                }
                index += 5
                continue
            }
            // YYYY Month D (`2021 November 27 18:06 UTC`)
            if let y = year(index), let m = month(index + 1), let d = number(index + 2), d.digits <= 2,
                separator(index + 3) != ":", let date = CalendarDate(year: y, month: m, day: d.value)
            {
                dates.append(Found(date: date, offset: offset))
                index += 3
                continue
            }
            // [Weekday,] D[th] [of] Month[,] YYYY, D-Mon-YYYY, D/Mon/YY, and a range `6–9 September 2022`
            if let d = number(index), d.digits <= 2, (1...31).contains(d.value) {
                var at = index + 1
                let dash = separator(at).flatMap { "-/".contains($0) ? $0 : nil }
                if dash != nil {
                    at += 1
                    // The end of a range of days (`6-9 September`): the start is the date.
                    if dash == "-", let end = number(at), end.digits <= 2, month(at + 1) != nil { at += 1 }
                }
                at = skipFiller(at)
                if let m = month(at) {
                    var next = at + 1
                    if let character = separator(next), character == "-" || (character == "/" && dash == "/") {
                        next += 1
                        // `10/Mar/23`, `14-Mar-22`: a year of two digits between the same separators
                        if dash == character, let short = number(next), short.digits == 2, !short.ordinal,
                            separator(next + 1) != ":",
                            let date = CalendarDate(year: 2000 + short.value, month: m, day: d.value)
                        {
                            dates.append(Found(date: date, offset: offset))
                            index = next + 1
                            continue
                        }
                    }
                    index = take(month: m, day: d.value, yearAt: skipFiller(next), orNext: at + 1, offset: offset)
                    continue
                }
            }
            // Month D[th][-D2][,] YYYY
            if let m = month(index) {
                var at = index + 1
                if let character = separator(at), character == "." { at += 1 }
                if let d = number(at), d.digits <= 2, (1...31).contains(d.value) {
                    var next = at + 1
                    // A range: `January 14-19, 2026`, `Jan 14 – Jan 19, 2026`
                    if let character = separator(next), character == "-", let end = number(next + 1), end.digits <= 2 {
                        next += 2
                    }
                    // A range whose year comes after its end: `September 6 and September 9, 2022`,
                    // `March 3 to 5, 2024`
                    let filled = skipFiller(next)
                    if year(filled) == nil, separator(filled) == "-" || Self.rangeWords.contains(word(filled) ?? "") {
                        var end = filled + 1
                        if month(end) != nil { end += 1 }
                        if let last = number(end), last.digits <= 2, let y = year(skipFiller(end + 1)),
                            let date = CalendarDate(year: y, month: m, day: d.value)
                        {
                            dates.append(Found(date: date, offset: offset))
                            index = skipFiller(end + 1) + 1
                            continue
                        }
                    }
                    index = take(month: m, day: d.value, yearAt: filled, orNext: at + 1, offset: offset)
                    continue
                }
            }
            index += 1
        }
        return (dates, partial)
    }

    /// The tokens of `text`, each with its offset in UTF-8 bytes. Works on Unicode scalars, with ASCII read
    /// byte by byte: this runs over every paragraph that may hold a date.
    private static func tokenize(_ text: String) -> [(token: Token, offset: Int)] {
        var tokens: [(token: Token, offset: Int)] = []
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []  // UTF-8 offset of each scalar
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        func isDigit(_ at: Int) -> Bool { at < scalars.count && scalars[at].value >= 0x30 && scalars[at].value <= 0x39 }
        func isLetter(_ at: Int) -> Bool {
            guard at < scalars.count else { return false }
            let value = scalars[at].value
            if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
            return scalars[at].properties.isAlphabetic
        }
        var index = 0
        while index < scalars.count {
            let value = scalars[index].value
            if value >= 0x30 && value <= 0x39 {
                let start = index
                var number = 0
                while isDigit(index), index - start < 9 {
                    number = number * 10 + Int(scalars[index].value - 48)
                    index += 1
                }
                let digits = index - start
                var ordinal = false
                if index + 1 < scalars.count, isLetter(index), isLetter(index + 1), !isLetter(index + 2) {
                    let suffix = String(String.UnicodeScalarView(scalars[index...index + 1])).lowercased()
                    if ["st", "nd", "rd", "th"].contains(suffix) {
                        ordinal = true
                        index += 2
                    }
                }
                // A number glued to letters (`4h`, `v41`) is no day.
                if isLetter(index) {
                    while isLetter(index) || isDigit(index) { index += 1 }
                    tokens.append((.separator(" "), offsets[start]))
                    continue
                }
                tokens.append((.number(number, digits: digits, ordinal: ordinal), offsets[start]))
            } else if isLetter(index) {
                let start = index
                var word = String.UnicodeScalarView()
                while isLetter(index) {
                    let scalar = scalars[index]
                    if scalar.value < 0x80 {
                        word.append(
                            Unicode.Scalar(
                                UInt8(scalar.value) | (scalar.value >= 0x41 && scalar.value <= 0x5A ? 0x20 : 0)))
                    } else {
                        word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                    }
                    index += 1
                }
                tokens.append((.word(String(word)), offsets[start]))
            } else {
                switch value {
                case 0x2D, 0x2F, 0x2E, 0x2C, 0x3A:  // - / . , :
                    tokens.append((.separator(Character(scalars[index])), offsets[index]))
                case 0x2010...0x2015, 0x2212:  // dashes of every kind are one dash
                    tokens.append((.separator("-"), offsets[index]))
                case 0xB7, 0x7C, 0x3B:  // · | ;
                    tokens.append((.separator(";"), offsets[index]))
                default:
                    break
                }
                index += 1
            }
        }
        return tokens
    }

    /// 1…12 for a month's name or its abbreviation of three letters or more (`sept` too).
    static func monthNumber(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        if word == "sept" { return 9 }
        for (index, name) in CalendarDate.months.enumerated()
        where name == word || (name.hasPrefix(word) && word.count == 3) {
            return index + 1
        }
        return nil
    }

    /// Words between the two ends of a range of days.
    static let rangeWords: Set<String> = ["and", "to", "through", "thru", "until", "till"]

    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
}
