import Foundation
import PMDocument

extension Array where Element: Sendable {
    /// `map`, run on every core, with the results in the array's order. Each result is written once, straight
    /// into the new array's storage (no lock, no copy).
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.base!.advanced(by: index).initialize(to: transform(self[index]))
            }
            initialized = count
        }
    }
}

/// The storage concurrent workers write, each to its own index.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>?
}
