import Foundation

/// Encodes report values as pretty, key-sorted JSON, so output is stable from run to run.
public enum JSONOutput {
    /// - Parameter compact: one line instead of pretty-printed (for ndjson and for JSON inside CSV or SQL).
    public static func write(_ value: some Encodable, compact: Bool = false, to output: inout some TextOutputStream) {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            output.write(String(decoding: data, as: UTF8.self) + "\n")
        } catch {
            preconditionFailure("report values always encode: \(error)")
        }
    }
}

/// A keyed container helper that writes `null` for a missing value, so every documented key is always present.
extension KeyedEncodingContainer {
    public mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

/// An optional value that JSON shows as `null` when it is missing, so every documented key is always
/// present (the synthesized encoding leaves missing optionals out).
@propertyWrapper public struct NullWhenMissing<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
