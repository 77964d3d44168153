import DubanDocs
import Foundation
import Testing

@testable import DubanServer

/// The server serves its bundled `openapi.yaml` whole, and refuses to start without it rather than
/// describe its API with a stub.
@Suite struct OpenAPIDocumentTests {
    @Test func theBundledDocumentIsTheSourceFile() throws {
        let source = try Data(contentsOf: URL(fileURLWithPath: ServerFixtures.path("Sources/DubanServer/openapi.yaml")))
        #expect(try OpenAPIDocument.load() == Array(source))
    }

    @Test func aMissingDocumentStopsTheStartWithTheFix() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-openapi.yaml")
        let error = #expect(throws: DocumentError.self) { try OpenAPIDocument.load(url: missing) }
        #expect(error?.message.contains("openapi.yaml is missing") == true)
        #expect(error?.message.contains(missing.path) == true)
        #expect(error?.fix.contains("rebuild") == true)
        #expect(throws: DocumentError.self) { try OpenAPIDocument.load(url: nil) }
    }
}
