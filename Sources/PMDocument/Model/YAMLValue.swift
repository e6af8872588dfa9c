/// A front-matter value pm does not model itself, kept so nothing the author wrote is dropped.
public indirect enum YAMLValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([YAMLValue])
    case mapping([KeyValue])

    /// One entry of a mapping, in the order written.
    public struct KeyValue: Sendable, Hashable, Codable {
        public var key: String
        public var value: YAMLValue

        public init(key: String, value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        case .mapping(let entries): try container.encode(OrderedMapping(entries: entries))
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([YAMLValue].self) {
            self = .list(value)
        } else {
            self = .mapping(try container.decode(OrderedMapping.self).entries)
        }
    }

    /// The value as text, for display: scalars as written, lists comma-separated.
    public var displayText: String {
        switch self {
        case .null: return ""
        case .bool(let value): return String(value)
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return value
        case .list(let values): return values.map(\.displayText).joined(separator: ", ")
        case .mapping(let entries): return entries.map { "\($0.key): \($0.value.displayText)" }.joined(separator: ", ")
        }
    }
}

/// Encodes key-value pairs as a JSON object.
public struct OrderedMapping: Codable {
    public var entries: [YAMLValue.KeyValue]

    public init(entries: [YAMLValue.KeyValue]) {
        self.entries = entries
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for entry in entries { try container.encode(entry.value, forKey: Key(stringValue: entry.key)) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        entries = try container.allKeys.map {
            YAMLValue.KeyValue(key: $0.stringValue, value: try container.decode(YAMLValue.self, forKey: $0))
        }
    }
}
