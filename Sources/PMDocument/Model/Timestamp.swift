import Foundation

/// A moment from the front matter (`started`, `detected`, …), as written and as an instant.
///
/// Accepts ISO 8601 with or without time and zone: `2019-02-14`, `2019-02-14T10:02`,
/// `2019-02-14 10:02:30`, `2019-02-14T10:02:00Z`, `2019-02-14T10:02:00.5+01:00`.
/// A time without a zone is read as UTC, so reports are the same on every machine.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public var secondsSinceEpoch: Double
    /// Whether a time of day was given (a bare date is midnight UTC).
    public var hasTime: Bool

    public init(secondsSinceEpoch: Double, hasTime: Bool = true) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.hasTime = hasTime
    }

    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)) else {
            return nil
        }
        var seconds = Double(date.daysSinceEpoch) * 86_400
        guard bytes.count > 10 else {
            self.init(secondsSinceEpoch: seconds, hasTime: false)
            return
        }
        var index = 10
        guard
            bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: " ")
        else { return nil }
        index += 1
        func twoDigits() -> Int? {
            guard index + 2 <= bytes.count, let value = CalendarDate.number(bytes[index..<index + 2]) else {
                return nil
            }
            index += 2
            return value
        }
        func consume(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let hour = twoDigits(), hour < 24, consume(":"), let minute = twoDigits(), minute < 60 else { return nil }
        var second = 0.0
        if consume(":") {
            guard let whole = twoDigits(), whole < 61 else { return nil }
            second = Double(whole)
            if consume(".") || consume(",") {
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > start, let fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
                else { return nil }
                second += fraction
            }
        }
        seconds += Double(hour * 3600 + minute * 60) + second
        if index < bytes.count {
            if consume("Z") || consume("z") {
                // UTC
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign: Double = bytes[index] == UInt8(ascii: "+") ? 1 : -1
                index += 1
                guard let offsetHours = twoDigits(), offsetHours < 24 else { return nil }
                _ = consume(":")
                let offsetMinutes = index < bytes.count ? twoDigits() : 0
                guard let offsetMinutes, offsetMinutes < 60 else { return nil }
                seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        self.init(secondsSinceEpoch: seconds, hasTime: true)
    }

    public init(_ date: Date) {
        self.init(secondsSinceEpoch: date.timeIntervalSince1970)
    }

    public var date: Date { Date(timeIntervalSince1970: secondsSinceEpoch) }

    /// The day (UTC) this moment falls on.
    public var calendarDate: CalendarDate {
        CalendarDate(daysSinceEpoch: Int((secondsSinceEpoch / 86_400).rounded(.down)))
    }

    /// ISO 8601 in UTC: `2019-02-14T10:02:00Z`, or `2019-02-14` when no time was given.
    public var description: String {
        guard hasTime else { return calendarDate.description }
        let whole = Int(secondsSinceEpoch.rounded(.down))
        let secondOfDay = ((whole % 86_400) + 86_400) % 86_400
        return String(
            format: "%@T%02d:%02d:%02dZ", calendarDate.description, secondOfDay / 3600, secondOfDay / 60 % 60,
            secondOfDay % 60)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}

/// A length of time in whole seconds, printed the way people say it: `18m`, `1h 6m`, `2d 3h`.
public struct Duration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public init(from start: Timestamp, to end: Timestamp) {
        self.seconds = Int((end.secondsSinceEpoch - start.secondsSinceEpoch).rounded())
    }

    public var minutes: Double { Double(seconds) / 60 }

    public var description: String {
        let sign = seconds < 0 ? "-" : ""
        let total = abs(seconds)
        let days = total / 86_400
        let hours = total / 3600 % 24
        let minutes = total / 60 % 60
        let secs = total % 60
        if days > 0 { return sign + (hours > 0 ? "\(days)d \(hours)h" : "\(days)d") }
        if hours > 0 { return sign + (minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h") }
        if minutes > 0 { return sign + "\(minutes)m" }
        return sign + "\(secs)s"
    }

    public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.seconds < rhs.seconds }
}
