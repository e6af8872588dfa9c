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
    public static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What a scalar means in YAML's core schema (null, bool, int, float, timestamp, or a string), as
    /// Yams's default resolver says; only for the few values whose type matters.
    public static func scalarType(_ node: Node) -> Tag.Name {
        guard let scalar = node.scalar else { return node.sequence != nil ? .seq : .map }
        guard scalar.style == .plain else { return .str }
        return Resolver.default.resolveTag(of: node)
    }

    /// A Yams node as a plain value, scalars typed by YAML's core schema.
    public static func yamlValue(_ node: Node) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            switch scalarType(node) {
            case .null: return .null
            // Plain decimal numbers only: Yams's constructors trap on overflowing sexagesimal values
            // (`2029999999999999999:9`, found by fuzzing); any other form is kept as written.
            case .bool:
                return ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"].contains(scalar.string)
                    ? .bool(true)
                    : ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"].contains(scalar.string)
                        ? .bool(false) : .string(scalar.string)
            case .int: return Int(scalar.string).map(YAMLValue.int) ?? .string(scalar.string)
            case .float:
                return Double(scalar.string).flatMap { $0.isFinite ? YAMLValue.double($0) : nil }
                    ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .list(sequence.map(yamlValue))
        case .mapping(let mapping):
            return .mapping(
                mapping.map {
                    YAMLValue.KeyValue(key: $0.key.scalar?.string ?? "\($0.key)", value: yamlValue($0.value))
                })
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
