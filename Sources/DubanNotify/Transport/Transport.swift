import DubanCore
import Foundation

/// One HTTP request to a channel. Printing it masks the URL's token and every header value.
public struct HTTPRequest: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The full URL, with any signature in its query.
    public var url: String
    /// Headers, in order.
    public var headers: [(name: String, value: String)]
    /// The body (JSON).
    public var body: Data

    /// Makes a POST request.
    public init(url: String, headers: [(name: String, value: String)] = [], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(url)
        hasher.combine(body)
    }

    /// `POST https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=***&sign=***, N bytes`.
    public var description: String {
        "POST \(Secret.mask(url: url)) [" + headers.map { "\($0.name): ***" }.joined(separator: ", ")
            + "], \(body.count) bytes"
    }

    public var debugDescription: String { description }
}

/// What came back, or why nothing did.
public enum HTTPOutcome: Hashable, Sendable {
    /// The receiver answered.
    case response(status: Int, headers: [String: String], body: Data, latency: Double)
    /// No answer: timeout, refused connection, DNS, TLS. `retryable` is false for errors a retry cannot fix
    /// (a malformed URL, an unsupported protocol).
    case failure(reason: String, retryable: Bool, latency: Double)

    /// Seconds from the request to the answer or the failure.
    public var latency: Double {
        switch self {
        case .response(_, _, _, let latency), .failure(_, _, let latency): latency
        }
    }
}

/// Sends HTTP requests: libcurl in production, a recording fake in tests.
public protocol Transport: Sendable {
    /// Sends `request` and waits for the outcome. Never throws: failures are outcomes.
    func send(_ request: HTTPRequest) async -> HTTPOutcome
}
