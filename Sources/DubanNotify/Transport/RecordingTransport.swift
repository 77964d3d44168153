import Foundation

/// A transport for tests: records every request and answers from a script.
public actor RecordingTransport: Transport {
    /// Every request sent, in order.
    public private(set) var requests: [HTTPRequest] = []
    private let answer: @Sendable (HTTPRequest, Int) -> HTTPOutcome

    /// Makes a transport that answers the `n`th request (from 0) with `answer(request, n)`.
    public init(answer: @escaping @Sendable (HTTPRequest, Int) -> HTTPOutcome) {
        self.answer = answer
    }

    /// Makes a transport that answers every request with HTTP 200 and `body`.
    public init(body: String = #"{"errcode":0,"errmsg":"ok"}"#) {
        self.answer = { _, _ in .response(status: 200, headers: [:], body: Data(body.utf8), latency: 0.001) }
    }

    public func send(_ request: HTTPRequest) async -> HTTPOutcome {
        let n = requests.count
        requests.append(request)
        return answer(request, n)
    }
}
