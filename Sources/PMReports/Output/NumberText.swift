import Foundation
import PMDocument

/// How reports and the site write figures: durations, rates and counts.
enum NumberText {
    /// Seconds as `1h 06m`; empty when unknown.
    static func duration(_ seconds: Double?) -> String {
        seconds.map { Duration(seconds: Int($0.rounded())).description } ?? ""
    }

    /// A rate as a whole percentage; empty when unknown.
    static func percent(_ rate: Double?) -> String {
        rate.map { "\(Int(($0 * 100).rounded()))%" } ?? ""
    }

    /// A number without a needless `.0`.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
