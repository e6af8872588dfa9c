/// FNV-1a, 64 bits: a fast, stable fingerprint of a file's bytes, to tell whether it changed between runs.
/// (Swift's `Hasher` is seeded per process, so its values cannot be stored.)
public enum ContentHash {
    public static func of(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash of `text`'s UTF-8, continuing from `seed` (to fold several inputs into one fingerprint).
    public static func of(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        of(text.utf8, seed: seed)
    }
}
