/// Paths as people type them.
public enum DisplayPath {
    /// `path` relative to `base` when it lies inside it, else unchanged.
    public static func of(_ path: String, relativeTo base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
