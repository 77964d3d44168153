import Testing

@testable import DubanImport
