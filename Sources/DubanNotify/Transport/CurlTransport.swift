import CCurl
import Foundation

/// Sends requests with libcurl: TLS verified, an optional CA bundle for intranet CAs, proxies from
/// the environment as libcurl reads them (`https_proxy`, `no_proxy`), no redirects, and timeouts
/// to the millisecond. Each transfer runs on a Dispatch thread, never on Swift's cooperative pool.
///
/// Connections are kept open between requests (HTTP keep-alive): each transfer borrows an easy
/// handle from a pool shared by the transport's copies and gives it back, connections and all, so
/// a dispatcher with `concurrency` requests in flight holds about that many connections per host.
public struct CurlTransport: Transport {
    /// The whole transfer's limit, in seconds.
    public var timeout: Double
    /// The connection's limit, in seconds.
    public var connectTimeout: Double
    /// A PEM file of extra CA certificates (an intranet CA), or nil for the system's.
    public var caBundle: String?
    /// Easy handles between transfers, with their open connections.
    let handles: CurlHandlePool

    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    /// Makes a transport; the defaults fit chat robots: 15 s per request, 5 s to connect.
    /// `idleHandles` bounds the handles (and so the connections) kept open between requests.
    public init(timeout: Double = 15, connectTimeout: Double = 5, caBundle: String? = nil, idleHandles: Int = 64) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.caBundle = caBundle
        self.handles = CurlHandlePool(capacity: idleHandles)
    }

    public func send(_ request: HTTPRequest) async -> HTTPOutcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: perform(request))
            }
        }
    }

    /// Performs one blocking transfer.
    public func perform(_ request: HTTPRequest) -> HTTPOutcome {
        _ = Self.initialized
        let start = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        guard let handle = handles.take() else {
            return .failure(reason: "libcurl could not start a transfer", retryable: true, latency: 0)
        }
        defer { handles.give(handle) }  // reset there, so it keeps no pointer to this request
        let response = ResponseBox()
        let context = Unmanaged.passUnretained(response).toOpaque()
        var headers: UnsafeMutablePointer<curl_slist>?
        for header in request.headers + [("Content-Type", "application/json; charset=utf-8"), ("Expect", "")] {
            headers = curl_slist_append(headers, "\(header.0): \(header.1)")
        }
        defer { curl_slist_free_all(headers) }
        let code: CURLcode = request.body.withUnsafeBytes { body in
            duban_curl_setopt_string(handle, CURLOPT_URL, request.url)
            duban_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            duban_curl_setopt_long(handle, CURLOPT_POST, 1)
            duban_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress))
            duban_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            duban_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
            duban_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
            duban_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
            duban_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
            duban_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
            duban_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
            if let caBundle { duban_curl_setopt_string(handle, CURLOPT_CAINFO, caBundle) }
            duban_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, ResponseBox.writeBody)
            duban_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            duban_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, ResponseBox.writeHeader)
            duban_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            let permanent = [CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT].contains(
                code)
            return .failure(reason: reason, retryable: !permanent, latency: elapsed())
        }
        var status = 0
        duban_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .response(status: status, headers: response.headers, body: response.body, latency: elapsed())
    }
}

/// Collects a response's body and headers from libcurl's callbacks.
private final class ResponseBox {
    var body = Data()
    var headers: [String: String] = [:]

    static let writeBody: duban_curl_write_callback = { data, size, count, context in
        let box = Unmanaged<ResponseBox>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        if let data { box.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length) }
        return length
    }

    /// One header line, `Name: value`, kept as `name` → `value` (lower-cased name, both trimmed);
    /// read as bytes: Foundation's trimming cost a twentieth of a delivery's time.
    static let writeHeader: duban_curl_write_callback = { data, size, count, context in
        let box = Unmanaged<ResponseBox>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        guard let data else { return length }
        let line = UnsafeRawBufferPointer(start: data, count: length)
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return length }
        func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        func trimmed(_ range: Range<Int>) -> UnsafeRawBufferPointer.SubSequence {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, blank(line[lower]) { lower += 1 }
            while upper > lower, blank(line[upper - 1]) { upper -= 1 }
            return line[lower..<upper]
        }
        let name = String(decoding: trimmed(0..<colon), as: UTF8.self).lowercased()
        box.headers[name] = String(decoding: trimmed(colon + 1..<length), as: UTF8.self)
        return length
    }
}
