import Yams

/// The YAML helpers every reader of YAML in pm shares (front matter, templates, pm.yml), over Yams.
public enum YAMLNodes {
    /// The YAML core-schema type a node resolved to (`int`, `bool`, `null`, `str` …), through Yams.
    public static func tagName(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.description)
    }

    /// Composes YAML without resolving scalar types up front: Yams's resolver runs a regular expression
    /// per scalar (more than the rest of the front matter costs), and pm reads its own fields itself.
    public static func compose(_ yaml: String) throws -> Node? {
        try Yams.compose(yaml: yaml, .basic, .default, .utf8)
    }

    /// Whether a value is YAML's null (an empty value, `~`, `null`).
    public static func isNull(_ value: FrontValue) -> Bool {
        guard case .scalar(let text, isPlain: true, _) = value else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// What a scalar means in YAML's core schema (null, bool, int, float, timestamp, or a string), as
    /// Yams's default resolver says; only for the few values whose type matters.
    public static func scalarType(_ value: FrontValue) -> Tag.Name {
        switch value {
        case .scalar(let text, let isPlain, _):
            guard isPlain else { return .str }
            return plainScalarType(text)
        case .sequence: return .seq
        case .mapping, .alias: return .map
        }
    }

    /// The type Yams's default resolver gives a plain scalar. Text that starts with a letter can only be a
    /// boolean, a null or a string (every other rule starts with a digit, a sign, a dot or a symbol), so it
    /// is told from the words; anything else goes through the resolver's regular expressions.
    static func plainScalarType(_ text: String) -> Tag.Name {
        if let first = text.utf8.first,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20)
        {
            if boolWords.contains(text) { return .bool }
            if nullWords.contains(text) { return .null }
            return .str
        }
        return Resolver.default.resolveTag(of: Node.scalar(Node.Scalar(text, Tag(.implicit), .plain)))
    }

    /// The type name (`str`, `bool` …) of a plain scalar, through the fast path or always through Yams's
    /// resolver (to compare them).
    public static func typeName(ofPlainScalar text: String, throughResolver: Bool = false) -> String {
        let name =
            throughResolver
            ? Resolver.default.resolveTag(of: Node.scalar(Node.Scalar(text, Tag(.implicit), .plain)))
            : plainScalarType(text)
        return name.rawValue
    }

    static let boolWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
        "off", "Off", "OFF",
    ]
    static let nullWords: Set<String> = ["null", "Null", "NULL"]

    /// A value as a plain value, scalars typed by YAML's core schema.
    public static func yamlValue(_ value: FrontValue) -> YAMLValue {
        switch value {
        case .scalar(let text, _, _):
            switch scalarType(value) {
            case .null: return .null
            // Plain decimal numbers only: Yams's constructors trap on overflowing sexagesimal values
            // (`2029999999999999999:9`, found by fuzzing); any other form is kept as written.
            case .bool:
                return ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"].contains(text)
                    ? .bool(true)
                    : ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"].contains(text)
                        ? .bool(false) : .string(text)
            case .int: return Int(text).map(YAMLValue.int) ?? .string(text)
            case .float:
                return Double(text).flatMap { $0.isFinite ? YAMLValue.double($0) : nil } ?? .string(text)
            default: return .string(text)
            }
        case .sequence(let items, _):
            return .list(items.map(yamlValue))
        case .mapping(let pairs, _):
            return .mapping(
                pairs.map { YAMLValue.KeyValue(key: $0.keyText, value: yamlValue($0.value)) })
        case .alias:
            return .null
        }
    }

    /// The 1-based YAML line and a readable problem from a Yams error.
    public static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return (mark.line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (
                context.mark.line,
                "the key \(duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")) appears more than once"
            )
        case .reader(let problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }
}
