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

    /// A fingerprint of a file's bytes, eight at a time (several times faster than `of`, which names things
    /// and must never change): `Postmortem.sourceHash`, to tell whether a file changed since the last run.
    public static func ofFile(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { words($0) }
    }

    /// Eight bytes at a time, multiplied and folded (each step mixes the whole state), then the tail.
    public static func words(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var stream = Stream()
        stream.feed(bytes)
        return stream.value
    }

    /// `words` over bytes that come in pieces: the same value as over all of them at once.
    public struct Stream: Sendable {
        private var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        private var count: UInt64 = 0
        /// Bytes of an unfinished word, carried to the next piece.
        private var carry: UInt64 = 0
        private var carried = 0

        public init() {}

        public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            count &+= UInt64(bytes.count)
            var offset = 0
            while carried > 0, offset < bytes.count {
                take(bytes[offset])
                offset += 1
            }
            while offset + 8 <= bytes.count {
                mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            while offset < bytes.count {
                take(bytes[offset])
                offset += 1
            }
        }

        public mutating func feed(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { feed($0) }
        }

        /// One byte into the unfinished word, mixed in when the word is whole.
        private mutating func take(_ byte: UInt8) {
            carry |= UInt64(byte) << (8 * UInt64(carried))
            carried += 1
            if carried == 8 {
                mix(carry)
                carry = 0
                carried = 0
            }
        }

        private mutating func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
        }

        /// The hash of every byte fed so far.
        public var value: UInt64 {
            var final = (hash ^ carry ^ (UInt64(carried) << 56)) &* 0xC4CE_B9FE_1A85_EC53
            final ^= count &* 0x9E37_79B9_7F4A_7C15
            return final ^ (final >> 32)
        }
    }
}
