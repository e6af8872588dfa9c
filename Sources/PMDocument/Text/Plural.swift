/// Counts with their noun in the right number: `1 incident`, `2 incidents`, `1 month`.
public enum Plural {
    /// `count` and the noun, singular for exactly one; `plural` defaults to the singular with `s`.
    /// - Parameter grouped: thousands separated by commas (`10,000 incidents`), as the site writes them.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil, grouped: Bool = false)
        -> String
    {
        "\(grouped ? Self.grouped(count) : String(count)) \(noun(count, singular, plural))"
    }

    /// The noun alone, in the number `count` calls for.
    public static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }

    /// `10000` as `10,000`.
    public static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (number < 0 ? "-" : "") + result
    }
}
