/// How the office's documents are headed, numbered and linked (`documents:` in `plans/policy.yaml`).
public struct DocumentPolicy: Hashable, Sendable {
    /// The issuing body printed in red at the head of every document (发文机关标志).
    public var issuer: String
    /// The letters' number prefix: `高新安办函` gives `高新安办函〔2025〕12号`.
    public var letterPrefix: String
    /// Working days a department has to answer a letter.
    public var replyWorkingDays: Int
    /// Where the documents can be read (`duban serve`'s address), for links in chat digests; none
    /// leaves links out.
    public var baseURL: String?

    /// Makes the settings; the defaults suit a district office.
    public init(
        issuer: String = "区安全生产委员会办公室", letterPrefix: String = "安办函", replyWorkingDays: Int = 10,
        baseURL: String? = nil
    ) {
        self.issuer = issuer
        self.letterPrefix = letterPrefix
        self.replyWorkingDays = replyWorkingDays
        self.baseURL = baseURL
    }

    /// The link to a document, e.g. `bulletin/2025-06.html`, or nil without a base URL.
    public func link(_ path: String) -> String? {
        guard let baseURL, !baseURL.isEmpty else { return nil }
        return baseURL.hasSuffix("/") ? baseURL + path : baseURL + "/" + path
    }
}
