import PMReports

/// Emphasis as ANSI escape codes, for terminals (chosen by `CommandContext.terminalStyle`).
struct ANSIColours: Emphasizer {
    func apply(_ emphasis: Emphasis, to text: String) -> String {
        let code =
            switch emphasis {
            case .strong: "1"
            case .alert: "31"
            case .strongAlert: "1;31"
            case .caution: "33"
            case .muted: "2"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
