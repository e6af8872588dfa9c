import Foundation
import PMDocument

extension Array where Element: Sendable {
    /// `map`, run on every core, with the results in the array's order.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let slots = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(transform(self[index]), at: index)
        }
        return slots.values.map { value in
            guard let value else { preconditionFailure("every element is transformed exactly once") }
            return value
        }
    }
}

/// Result slots written by concurrent workers, one slot per index and each exactly once.
private final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [T?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func store(_ value: T, at index: Int) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}
