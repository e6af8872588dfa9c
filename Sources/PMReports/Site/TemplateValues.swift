/// Page models as Mustache reads them fastest: dictionaries, arrays and scalars.
///
/// Mustache finds a value by name through `MustacheParent` (which `Dictionary` is) when it can, and
/// through `Mirror` reflection otherwise, once per name it looks up: reflection then took more than half
/// of a full render. Reflecting each model once, here, keeps the page models plain structs whose stored
/// properties are the names templates use (a team's own layouts included), with no list of names to keep
/// in step with them.
enum TemplateValues {
    /// The value with every struct made a dictionary of its stored properties, arrays flattened element
    /// by element, and optionals unwrapped (nil when empty, so a lookup climbs to the enclosing context
    /// as it would for a missing name).
    static func flatten(_ value: Any) -> Any? {
        switch value {
        case is String, is Int, is Bool, is Double: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { flatten($0.value) }
        case .struct:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(Int(mirror.children.count))
            for case (let label?, let child) in mirror.children {
                fields[label] = flatten(child)
            }
            return fields
        case .collection:
            return mirror.children.compactMap { flatten($0.value) }
        default:
            return value
        }
    }
}
