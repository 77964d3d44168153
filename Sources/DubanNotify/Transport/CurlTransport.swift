import CCurl
import Foundation

/// Sends requests with libcurl: TLS verified, an optional CA bundle for intranet CAs, proxies from
/// the environment as libcurl reads them (`https_proxy`, `no_proxy`), no redirects, and timeouts
/// to the millisecond. Each transfer runs on a Dispatch thread, never on Swift's cooperative pool.
public struct CurlTransport: Transport {
    /// The whole transfer's limit, in seconds.
    public var timeout: Double
    /// The connection's limit, in seconds.
    public var connectTimeout: Double
    /// A PEM file of extra CA certificates (an intranet CA), or nil for the system's.
    public var caBundle: String?

    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        return true
    }()

    /// Makes a transport; the defaults fit chat robots: 15 s per request, 5 s to connect.
    public init(timeout: Double = 15, connectTimeout: Double = 5, caBundle: String? = nil) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.caBundle = caBundle
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
        guard let handle = curl_easy_init() else {
            return .failure(reason: "libcurl could not start a transfer", retryable: true, latency: 0)
        }
        defer { curl_easy_cleanup(handle) }
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

    static let writeHeader: duban_curl_write_callback = { data, size, count, context in
        let box = Unmanaged<ResponseBox>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        guard let data else { return length }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            box.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return length
    }
}
