// A library target that only the test targets use; a release build of the whole package (the man page
// plugin of Scripts/install) has no Testing module, and then builds it empty.
#if canImport(Testing)
    import Foundation
    import Testing

    /// The temporary folders one test made, so that the `.cleansUpTemporaryFiles` trait can check after the
    /// test that none is left behind in the system's temporary directory.
    public final class TemporaryFiles: @unchecked Sendable {
        /// The tracker of the running test, set by the `.cleansUpTemporaryFiles` trait.
        @TaskLocal public static var current: TemporaryFiles?

        private let lock = NSLock()
        private var urls: [URL] = []

        init() {}

        /// Creates a fresh folder named `pm-tests-…` in the temporary directory and records it for the check.
        /// - Parameter subfolder: a folder to create inside it too (`postmortems`).
        public static func makeFolder(
            subfolder: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: subfolder.map { url.appendingPathComponent($0) } ?? url, withIntermediateDirectories: true)
            guard let tracker = current else {
                Issue.record(
                    Comment(
                        rawValue:
                            "a temporary folder made outside a test with the .cleansUpTemporaryFiles trait: nothing "
                            + "checks that it is removed; add the trait to the suite"),
                    sourceLocation: sourceLocation)
                return url
            }
            tracker.lock.withLock { tracker.urls.append(url) }
            return url
        }

        /// Removes a temporary folder, recording an issue when it cannot be removed (never silently).
        public static func remove(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                Issue.record(Comment(rawValue: "cannot remove \(url.path): \(error)"), sourceLocation: sourceLocation)
            }
        }

        /// The recorded folders that still exist.
        fileprivate var leftBehind: [URL] {
            lock.withLock { urls }.filter { FileManager.default.fileExists(atPath: $0.path) }
        }
    }

    /// Checks that each test removes the temporary folders it made (`TemporaryFiles.makeFolder`): one left
    /// behind is an issue naming it, and is then removed so that no run fills the temporary directory.
    public struct CleansUpTemporaryFiles: TestTrait, SuiteTrait, TestScoping {
        public var isRecursive: Bool { true }

        public func provideScope(
            for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
        ) async throws {
            guard testCase != nil else { return try await function() }
            let tracker = TemporaryFiles()
            try await TemporaryFiles.$current.withValue(tracker) { try await function() }
            for url in tracker.leftBehind {
                Issue.record(
                    Comment(
                        rawValue: "\(test.name) left \(url.path) behind; remove it (TemporaryFiles.remove in a defer)"),
                    sourceLocation: test.sourceLocation)
                TemporaryFiles.remove(url, sourceLocation: test.sourceLocation)
            }
        }
    }

    extension Trait where Self == CleansUpTemporaryFiles {
        /// Each test must remove the temporary folders it makes.
        public static var cleansUpTemporaryFiles: Self { Self() }
    }
#endif
