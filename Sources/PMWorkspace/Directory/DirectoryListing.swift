#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The entries of a folder as `readdir` gives them, with the kind it reports, so that walking a folder of
/// thousands of postmortems does not `stat` each one.
enum DirectoryListing {
    /// What `readdir` says an entry is; `.other` for a link or when the file system does not say.
    enum Kind {
        case folder, file, other
    }

    /// The names (without `.` and `..`) and kinds of the entries of `folder`; nil with the reason when it
    /// cannot be read.
    static func entries(of folder: String) -> Result<[(name: String, kind: Kind)], ListingError> {
        guard let handle = opendir(folder) else { return .failure(ListingError(code: errno)) }
        defer { closedir(handle) }
        var entries: [(name: String, kind: Kind)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let kind: Kind =
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): .folder
                case Int32(DT_REG): .file
                default: .other
                }
            entries.append((name, kind))
        }
        return .success(entries)
    }

    /// Why a folder could not be listed.
    struct ListingError: Error {
        var code: Int32
        var description: String { String(cString: strerror(code)) }
    }
}
