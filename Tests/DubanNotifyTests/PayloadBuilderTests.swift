import Crypto
import DubanCore
import Foundation
import Testing

@testable import DubanNotify

/// `PayloadBuilder` and `NoticeTemplates`: each vendor's JSON, signatures, splitting, keywords, mentions, secrecy.
@Suite struct PayloadBuilderTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let dingtalkToken = "dt0123456789abcdeftoken"
    static let wecomKey = "wk-693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    static let feishuToken = "fs-2a9c7b1e-0000-4e5f-9abc-def012345678"
    static let webhookToken = "hooktoken0123456789"
    static let webhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    static let notice = Notice(
        key: "monthly-dispatch/2024-04/emergency", department: "emergency", departmentName: "应急管理局",
        kind: .dispatchDigest, subject: "4月督办通报", body: "**逾期**：2项\n- 防汛物资储备 <已逾期 3 天> & 待报\n- 应急预案修订",
        createdAt: Date(timeIntervalSince1970: 1_711_929_600))

    /// 10,000 Chinese characters of 3 bytes each, in one paragraph.
    static let longBody = String(String(repeating: "督办事项请按时完成各部门落实", count: 715).prefix(10_000))

    static func notice(body: String) -> Notice {
        var notice = notice
        notice.body = body
        return notice
    }

    static func dingtalk(secret: String? = "SECtestsecret", keywords: [String] = [], mobiles: [String] = []) -> Channel
    {
        Channel(
            id: "office-dingtalk", kind: .dingtalk,
            url: Secret("https://oapi.dingtalk.com/robot/send?access_token=\(dingtalkToken)"),
            secret: secret.map(Secret.init), keywords: keywords, mentionMobiles: mobiles)
    }

    static func wecom(
        format: String? = nil, keywords: [String] = [], mobiles: [String] = [], users: [String] = []
    )
        -> Channel
    {
        Channel(
            id: "emergency-wecom", kind: .wecom,
            url: Secret("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\(wecomKey)"), keywords: keywords,
            mentionMobiles: mobiles, mentionUserIds: users, format: format)
    }

    static func feishu(secret: String? = "testsecret", keywords: [String] = [], users: [String] = []) -> Channel {
        Channel(
            id: "housing-feishu", kind: .feishu,
            url: Secret("https://open.feishu.cn/open-apis/bot/v2/hook/\(feishuToken)"), secret: secret.map(Secret.init),
            keywords: keywords, mentionUserIds: users)
    }

    static func webhook(secret: String? = webhookSecret, keywords: [String] = []) -> Channel {
        Channel(
            id: "oa-webhook", kind: .webhook, url: Secret("https://oa.example.gov.cn/hooks/\(webhookToken)"),
            secret: secret.map(Secret.init), keywords: keywords)
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func header(_ name: String, of request: HTTPRequest) -> String? {
        request.headers.first { $0.name == name }?.value
    }

    /// Checks that neither the body nor the headers carry the channel's URL token or secret, nor the URL the secret.
    static func expectNoSecrets(
        _ requests: [HTTPRequest], token: String, secret: String?,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for request in requests {
            let body = String(decoding: request.body, as: UTF8.self)
            let headers = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            for text in [body, headers] {
                #expect(!text.contains(token), sourceLocation: sourceLocation)
                if let secret { #expect(!text.contains(secret), sourceLocation: sourceLocation) }
            }
            if let secret { #expect(!request.url.contains(secret), sourceLocation: sourceLocation) }
        }
    }

    // MARK: DingTalk

    @Test func dingtalkSendsSignedMarkdown() throws {
        let requests = try PayloadBuilder().requests(for: Self.notice, channel: Self.dingtalk(), now: Self.now)
        let request = try #require(requests.only)
        // The test vector: secret SECtestsecret at 1700000000000 ms.
        #expect(
            request.url == "https://oapi.dingtalk.com/robot/send?access_token=\(Self.dingtalkToken)"
                + "&timestamp=1700000000000&sign=7LVwF0dAF3%2F%2BMRRulbpE4y72Ogzykc6bS2nG4I99T4s%3D")
        #expect(request.headers.isEmpty)
        let body = try Self.object(request.body)
        #expect(Set(body.keys) == ["msgtype", "markdown", "at"])
        #expect(body["msgtype"] as? String == "markdown")
        let markdown = try #require(body["markdown"] as? [String: Any])
        #expect(Set(markdown.keys) == ["title", "text"])
        #expect(markdown["title"] as? String == "4月督办通报")
        #expect(markdown["text"] as? String == "### 4月督办通报\n\n" + Self.notice.body)
        let at = try #require(body["at"] as? [String: Any])
        #expect(Set(at.keys) == ["atMobiles", "atUserIds", "isAtAll"])
        #expect(at["atMobiles"] as? [String] == [])
        #expect(at["atUserIds"] as? [String] == [])
        #expect(at["isAtAll"] as? Bool == false)
        #expect(String(decoding: request.body, as: UTF8.self).contains(#""isAtAll":false"#))
        Self.expectNoSecrets(requests, token: Self.dingtalkToken, secret: "SECtestsecret")
    }

    @Test func dingtalkSignatureFollowsTheFormulaAtAnyTime() throws {
        let now = Date(timeIntervalSince1970: 1_712_345_678.9876)
        let request = try #require(
            try PayloadBuilder().requests(for: Self.notice, channel: Self.dingtalk(secret: "SECabc+/="), now: now).only)
        let query = try #require(URLComponents(string: request.url)?.queryItems)
        #expect(query.map(\.name) == ["access_token", "timestamp", "sign"])
        #expect(query[1].value == "1712345678987")
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("1712345678987\nSECabc+/=".utf8), using: SymmetricKey(data: Data("SECabc+/=".utf8)))
        // URLComponents decodes the percent-encoding; `+` stays `+` only because it was sent as %2B.
        #expect(query[2].value == Data(mac).base64EncodedString())
        #expect(!request.url.contains("+") && !request.url.contains("=="))
    }

    @Test func dingtalkWithoutASecretIsNotSigned() throws {
        let request = try #require(
            try PayloadBuilder().requests(for: Self.notice, channel: Self.dingtalk(secret: nil), now: Self.now).only)
        #expect(request.url == "https://oapi.dingtalk.com/robot/send?access_token=\(Self.dingtalkToken)")
    }

    @Test func dingtalkMentionsAppearInTheTextAndTheAtBlock() throws {
        var channel = Self.dingtalk(mobiles: ["13800000000", "13900000000"])
        channel.mentionUserIds = ["manager01"]
        let request = try #require(
            try PayloadBuilder().requests(for: Self.notice, channel: channel, now: Self.now).only)
        let body = try Self.object(request.body)
        let text = try #require((body["markdown"] as? [String: Any])?["text"] as? String)
        #expect(text.hasSuffix("\n\n@13800000000 @13900000000 @manager01"))
        let at = try #require(body["at"] as? [String: Any])
        #expect(at["atMobiles"] as? [String] == ["13800000000", "13900000000"])
        #expect(at["atUserIds"] as? [String] == ["manager01"])
    }

    @Test func dingtalkSplitsTenThousandChineseCharactersWithinTheLimit() throws {
        let notice = Self.notice(body: Self.longBody)
        let channel = Self.dingtalk(keywords: ["督办通知"], mobiles: ["13800000000"])
        let requests = try PayloadBuilder().requests(for: notice, channel: channel, now: Self.now)
        #expect(requests.count == 2)
        var texts: [String] = []
        for (index, request) in requests.enumerated() {
            #expect(request.body.count <= PayloadBuilder.dingtalkBodyLimit)
            let body = try Self.object(request.body)
            let text = try #require((body["markdown"] as? [String: Any])?["text"] as? String)
            #expect(text.hasPrefix("【督办通知】(\(index + 1)/\(requests.count)) "))
            texts.append(String(text.dropFirst("【督办通知】(1/2) ".count)))
            #expect((body["markdown"] as? [String: Any])?["title"] as? String == "4月督办通报")
        }
        // Nothing lost, nothing cut inside a character.
        let joined = texts.joined()  // cut inside the long line: no line break lost
        #expect(joined == "### 4月督办通报\n\n" + Self.longBody + "\n\n@13800000000")
        #expect(texts.last?.hasSuffix("@13800000000") == true)
        Self.expectNoSecrets(requests, token: Self.dingtalkToken, secret: "SECtestsecret")
    }

    @Test func dingtalkFitsTextThatJSONEscapingGrows() throws {
        // Quotes, backslashes and line breaks take two bytes each in JSON; control characters six.
        let line = #"“引号”"quoted"\back\slash\#u{1}"#
        let notice = Self.notice(body: Array(repeating: line, count: 2_000).joined(separator: "\n"))
        let requests = try PayloadBuilder().requests(for: notice, channel: Self.dingtalk(), now: Self.now)
        #expect(requests.count > 2)
        for request in requests {
            #expect(request.body.count <= PayloadBuilder.dingtalkBodyLimit)
        }
        // …without wasting much room: every part but the last is nearly full.
        for request in requests.dropLast() {
            #expect(request.body.count > PayloadBuilder.dingtalkBodyLimit * 9 / 10)
        }
    }

    // MARK: WeCom

    @Test func wecomSendsMarkdownWithUserMentions() throws {
        let channel = Self.wecom(users: ["zhangsan", "lisi"])
        let requests = try PayloadBuilder().requests(for: Self.notice, channel: channel, now: Self.now)
        let request = try #require(requests.only)
        #expect(request.url == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=\(Self.wecomKey)")
        #expect(request.headers.isEmpty)
        let body = try Self.object(request.body)
        #expect(Set(body.keys) == ["msgtype", "markdown"])
        #expect(body["msgtype"] as? String == "markdown")
        let markdown = try #require(body["markdown"] as? [String: Any])
        #expect(Set(markdown.keys) == ["content"])
        #expect(
            markdown["content"] as? String == "**4月督办通报**\n\n" + Self.notice.body + "\n\n<@zhangsan> <@lisi>")
        Self.expectNoSecrets(requests, token: Self.wecomKey, secret: nil)
    }

    @Test func wecomSendsTextWithMentionListsOnTheLastPart() throws {
        let channel = Self.wecom(format: "text", mobiles: ["13800000000"], users: ["zhangsan"])
        let single = try #require(try PayloadBuilder().requests(for: Self.notice, channel: channel, now: Self.now).only)
        let body = try Self.object(single.body)
        #expect(Set(body.keys) == ["msgtype", "text"])
        #expect(body["msgtype"] as? String == "text")
        let text = try #require(body["text"] as? [String: Any])
        #expect(Set(text.keys) == ["content", "mentioned_list", "mentioned_mobile_list"])
        #expect(text["content"] as? String == "4月督办通报\n\n" + Self.notice.body)
        #expect(text["mentioned_list"] as? [String] == ["zhangsan"])
        #expect(text["mentioned_mobile_list"] as? [String] == ["13800000000"])

        let requests = try PayloadBuilder().requests(
            for: Self.notice(body: Self.longBody), channel: channel, now: Self.now)
        #expect(requests.count == 15)  // 30,000 bytes in parts of at most 2048
        for (index, request) in requests.enumerated() {
            let text = try #require(try Self.object(request.body)["text"] as? [String: Any])
            let content = try #require(text["content"] as? String)
            #expect(content.utf8.count <= PayloadBuilder.wecomTextLimit)
            #expect(content.hasPrefix("(\(index + 1)/15) "))
            #expect(text.keys.contains("mentioned_list") == (index == 14))
            #expect(text.keys.contains("mentioned_mobile_list") == (index == 14))
        }
    }

    @Test func wecomMarkdownPartsStayWithin4096BytesAndCarryTheKeyword() throws {
        let channel = Self.wecom(keywords: ["督办", "提醒"], users: ["zhangsan"])
        let body = (1...400).map { "第\($0)项：防汛物资储备情况报送" }.joined(separator: "\n")
        let requests = try PayloadBuilder().requests(for: Self.notice(body: body), channel: channel, now: Self.now)
        #expect(requests.count > 2)
        var contents: [String] = []
        for request in requests {
            let content = try #require(
                (try Self.object(request.body)["markdown"] as? [String: Any])?["content"] as? String)
            #expect(content.utf8.count <= PayloadBuilder.wecomMarkdownLimit)
            #expect(content.contains("督办") || content.contains("提醒"))
            contents.append(content)
        }
        #expect(contents.last?.hasSuffix("<@zhangsan>") == true)
        // Parts end at line breaks: every line of every part is a whole line of the message.
        let lines = Set(body.split(separator: "\n").map(String.init))
        for content in contents {
            for line in content.split(separator: "\n").dropFirst() where !line.hasPrefix("**") && !line.hasPrefix("<@")
            {
                #expect(lines.contains(String(line)))
            }
        }
    }

    @Test func wecomRefusesAnUnknownFormatWithoutShowingTheKey() {
        #expect {
            try PayloadBuilder().requests(for: Self.notice, channel: Self.wecom(format: "news"), now: Self.now)
        } throws: { error in
            let text = "\(error)"
            return error is DeliveryError && text.contains("news") && text.contains("emergency-wecom")
                && text.contains("key=***") && !text.contains(Self.wecomKey)
        }
    }

    // MARK: Feishu

    @Test func feishuSendsSignedPostWithOneParagraphALine() throws {
        let requests = try PayloadBuilder().requests(for: Self.notice, channel: Self.feishu(), now: Self.now)
        let request = try #require(requests.only)
        #expect(request.url == "https://open.feishu.cn/open-apis/bot/v2/hook/\(Self.feishuToken)")
        let body = try Self.object(request.body)
        #expect(Set(body.keys) == ["msg_type", "content", "timestamp", "sign"])
        #expect(body["msg_type"] as? String == "post")
        // The test vector: secret testsecret at 1700000000 s.
        #expect(body["timestamp"] as? String == "1700000000")
        #expect(body["sign"] as? String == "AOc8oJ7//5OlQlfWC3nRL0R+IkuzcD1FKcAyibRK9Q8=")
        let content = try #require(body["content"] as? [String: Any])
        let post = try #require(content["post"] as? [String: Any])
        let zh = try #require(post["zh_cn"] as? [String: Any])
        #expect(Set(zh.keys) == ["title", "content"])
        #expect(zh["title"] as? String == "4月督办通报")
        let paragraphs = try #require(zh["content"] as? [[[String: String]]])
        let lines = Self.notice.body.split(separator: "\n").map(String.init)
        #expect(paragraphs.count == lines.count)
        for (paragraph, line) in zip(paragraphs, lines) {
            #expect(paragraph == [["tag": "text", "text": line]])
        }
        Self.expectNoSecrets(requests, token: Self.feishuToken, secret: "testsecret")
    }

    @Test func feishuSignatureFollowsTheFormulaAtAnyTime() throws {
        let now = Date(timeIntervalSince1970: 1_712_345_678.9)
        let request = try #require(
            try PayloadBuilder().requests(for: Self.notice, channel: Self.feishu(secret: "另一个secret"), now: now).only)
        let body = try Self.object(request.body)
        #expect(body["timestamp"] as? String == "1712345678")
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(), using: SymmetricKey(data: Data("1712345678\n另一个secret".utf8)))
        #expect(body["sign"] as? String == Data(mac).base64EncodedString())
    }

    @Test func feishuWithoutASecretHasNoSignature() throws {
        let request = try #require(
            try PayloadBuilder().requests(for: Self.notice, channel: Self.feishu(secret: nil), now: Self.now).only)
        #expect(Set(try Self.object(request.body).keys) == ["msg_type", "content"])
    }

    @Test func feishuMentionsAreAtTagsOnTheLastPart() throws {
        let channel = Self.feishu(users: ["ou_123", "ou_456"])
        let requests = try PayloadBuilder().requests(
            for: Self.notice(body: Self.longBody), channel: channel, now: Self.now)
        #expect(requests.count == 2)
        for (index, request) in requests.enumerated() {
            #expect(request.body.count <= PayloadBuilder.feishuBodyLimit)
            let body = try Self.object(request.body)
            let zh = try #require(
                ((body["content"] as? [String: Any])?["post"] as? [String: Any])?["zh_cn"] as? [String: Any])
            let paragraphs = try #require(zh["content"] as? [[[String: String]]])
            let last = try #require(paragraphs.last)
            if index == requests.count - 1 {
                #expect(last == [["tag": "at", "user_id": "ou_123"], ["tag": "at", "user_id": "ou_456"]])
            } else {
                #expect(last.first?["tag"] == "text")
            }
            let first = try #require(paragraphs.first?.first?["text"])
            #expect(first.hasPrefix("(\(index + 1)/2) "))
        }
    }

    @Test func feishuSplitsManyShortLinesWithinTheLimit() throws {
        // One paragraph a line: the wrapping of each line counts toward the 20 KB.
        let body = (1...3_000).map { "第\($0)项" }.joined(separator: "\n")
        let requests = try PayloadBuilder().requests(
            for: Self.notice(body: body), channel: Self.feishu(keywords: ["督办"]), now: Self.now)
        #expect(requests.count > 1)
        var seen: [String] = []
        for request in requests {
            #expect(request.body.count <= PayloadBuilder.feishuBodyLimit)
            let body = try Self.object(request.body)
            let zh = try #require(
                ((body["content"] as? [String: Any])?["post"] as? [String: Any])?["zh_cn"] as? [String: Any])
            let texts = try #require(zh["content"] as? [[[String: String]]]).compactMap { $0.first?["text"] }
            #expect(texts.joined(separator: "\n").contains("督办"))
            seen += texts.filter { $0.hasPrefix("第") }
        }
        #expect(seen.count >= 2_990)  // all but the lines that carry a prefix
    }

    // MARK: Webhook

    @Test func webhookSendsStandardWebhookHeadersAndBody() throws {
        let requests = try PayloadBuilder().requests(for: Self.notice, channel: Self.webhook(), now: Self.now)
        let request = try #require(requests.only)
        #expect(request.url == "https://oa.example.gov.cn/hooks/\(Self.webhookToken)")
        #expect(request.headers.map(\.name) == ["webhook-id", "webhook-timestamp", "webhook-signature"])
        #expect(Self.header("webhook-id", of: request) == "monthly-dispatch/2024-04/emergency")
        #expect(Self.header("webhook-timestamp", of: request) == "1700000000")
        let body = try Self.object(request.body)
        #expect(Set(body.keys) == ["type", "timestamp", "data"])
        #expect(body["type"] as? String == "dispatch-digest")
        #expect(body["timestamp"] as? String == "2023-11-14T22:13:20Z")
        let data = try #require(body["data"] as? [String: String])
        #expect(
            data == [
                "key": "monthly-dispatch/2024-04/emergency", "department": "emergency", "subject": "4月督办通报",
                "body": Self.notice.body, "created_at": "2024-04-01T00:00:00Z",
            ])
        // The v1 formula, recomputed: HMAC-SHA256 over id.timestamp.body with the decoded secret.
        let key = try #require(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        var message = Data("monthly-dispatch/2024-04/emergency.1700000000.".utf8)
        message.append(request.body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        #expect(Self.header("webhook-signature", of: request) == "v1," + Data(mac).base64EncodedString())
        Self.expectNoSecrets(requests, token: Self.webhookToken, secret: Self.webhookSecret)
        Self.expectNoSecrets(requests, token: Self.webhookToken, secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    }

    static let facts = MessageFacts(
        period: "2024-04",
        tasks: [
            .init(
                task: "m26-2024-confined-space-census", title: "有限空间摸底", department: "emergency",
                due: Day("2024-03-31")!, light: .red, status: .overdue, expected: 100, reported: 0),
            .init(task: "t-one", title: "一", due: Day("2024-06-30")!, expected: 1, reported: 1, workingDaysLeft: 7),
        ],
        step: .init(
            EscalationStep(
                id: 42, task: "m26-2024-confined-space-census", department: "emergency", rung: .letter,
                date: Day("2024-04-07")!, state: .approved, reason: "red", rule: .redClimb),
            letter: "安办函〔2024〕2号", replyBy: Day("2024-04-17")!))

    /// A receiving system reads the facts, not the Chinese text: numbers stay numbers (0 and 1
    /// too), absent values are left out, and only the first part of a split message carries them.
    @Test func webhookCarriesTheStructuredFactsOnItsFirstPart() throws {
        var notice = Self.notice
        notice.facts = Self.facts
        let request = try #require(
            try PayloadBuilder().requests(for: notice, channel: Self.webhook(), now: Self.now).only)
        let data = try #require(try Self.object(request.body)["data"] as? [String: Any])
        let facts = try #require(data["facts"] as? [String: Any])
        #expect(facts["period"] as? String == "2024-04")
        let tasks = try #require(facts["tasks"] as? [[String: Any]])
        #expect(tasks.count == 2)
        #expect(
            Set(tasks[0].keys) == ["task", "title", "department", "due", "light", "status", "expected", "reported"])
        #expect(tasks[0]["light"] as? String == "red" && tasks[0]["due"] as? String == "2024-03-31")
        #expect(tasks[0]["reported"] as? Int == 0 && tasks[0]["expected"] as? Int == 100)
        #expect(Set(tasks[1].keys) == ["task", "title", "due", "expected", "reported", "working_days_left"])
        #expect(tasks[1]["working_days_left"] as? Int == 7)
        let step = try #require(facts["step"] as? [String: Any])
        #expect(step["rung"] as? String == "letter" && step["state"] as? String == "approved")
        #expect(step["rule"] as? String == "red-climb" && step["id"] as? Int == 42)
        #expect(step["letter"] as? String == "安办函〔2024〕2号" && step["reply_by"] as? String == "2024-04-17")
        // The raw text too: `0`, not `false`.
        let text = String(decoding: request.body, as: UTF8.self)
        #expect(text.contains(#""reported":0"#) && !text.contains("false"))

        var long = Self.notice(body: Self.longBody)
        long.facts = Self.facts
        let parts = try PayloadBuilder().requests(for: long, channel: Self.webhook(), now: Self.now)
        #expect(parts.count == 2)
        #expect((try Self.object(parts[0].body)["data"] as? [String: Any])?["facts"] != nil)
        #expect((try Self.object(parts[1].body)["data"] as? [String: Any])?["facts"] == nil)
    }

    @Test func webhookWithoutASecretIsNotSigned() throws {
        let request = try #require(
            try PayloadBuilder().requests(for: Self.notice, channel: Self.webhook(secret: nil), now: Self.now).only)
        #expect(request.headers.map(\.name) == ["webhook-id", "webhook-timestamp"])
    }

    @Test func webhookPartsHaveTheirOwnIdsAndSignatures() throws {
        let notice = Self.notice(body: Self.longBody)
        let requests = try PayloadBuilder().requests(
            for: notice, channel: Self.webhook(keywords: ["督办通知"]), now: Self.now)
        #expect(requests.count == 2)
        let key = try #require(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        var bodies: [String] = []
        for (index, request) in requests.enumerated() {
            #expect(request.body.count <= PayloadBuilder.webhookBodyLimit)
            let id = index == 0 ? notice.key : notice.key + "#\(index + 1)"
            #expect(Self.header("webhook-id", of: request) == id)
            var message = Data("\(id).1700000000.".utf8)
            message.append(request.body)
            let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
            #expect(Self.header("webhook-signature", of: request) == "v1," + Data(mac).base64EncodedString())
            let data = try #require(try Self.object(request.body)["data"] as? [String: String])
            let body = try #require(data["body"])
            #expect(body.hasPrefix("【督办通知】(\(index + 1)/2) "))
            bodies.append(String(body.dropFirst("【督办通知】(1/2) ".count)))
            #expect(data["key"] == notice.key)
        }
        #expect(bodies.joined() == Self.longBody)
    }

    @Test func webhookErrorForABadSecretNamesTheChannelOnly() {
        let channel = Self.webhook(secret: "whsec_!!not-base64!!")
        #expect {
            try PayloadBuilder().requests(for: Self.notice, channel: channel, now: Self.now)
        } throws: { error in
            let text = "\(error)"
            return text.contains("oa-webhook") && !text.contains("not-base64") && !text.contains(Self.webhookToken)
        }
    }

    // MARK: Keywords, errors

    @Test func aKeywordAlreadyInThePartIsNotAddedAgain() throws {
        var notice = Self.notice
        notice.body = "督办事项：" + notice.body
        let keyed = try #require(
            try PayloadBuilder().requests(for: notice, channel: Self.dingtalk(keywords: ["提醒", "督办"]), now: Self.now)
                .only)
        let text = try #require((try Self.object(keyed.body)["markdown"] as? [String: Any])?["text"] as? String)
        #expect(text.hasPrefix("### 4月督办通报"))

        let missing = try #require(
            try PayloadBuilder().requests(for: Self.notice, channel: Self.wecom(keywords: ["值班"]), now: Self.now).only)
        let content = try #require(
            (try Self.object(missing.body)["markdown"] as? [String: Any])?["content"] as? String)
        #expect(content.hasPrefix("【值班】**4月督办通报**"))
    }

    @Test(arguments: [Channel.Kind.dingtalk, .wecom, .feishu, .webhook])
    func everyPartOfALongNoticeCarriesAKeyword(kind: Channel.Kind) throws {
        let channel: Channel
        switch kind {
        case .dingtalk: channel = Self.dingtalk(keywords: ["值班提醒"])
        case .wecom: channel = Self.wecom(keywords: ["值班提醒"])
        case .feishu: channel = Self.feishu(keywords: ["值班提醒"])
        default: channel = Self.webhook(keywords: ["值班提醒"])
        }
        let requests = try PayloadBuilder().requests(
            for: Self.notice(body: Self.longBody + "\n" + Self.longBody), channel: channel, now: Self.now)
        #expect(requests.count > 2)
        for request in requests {
            #expect(String(decoding: request.body, as: UTF8.self).contains("【值班提醒】"))
            #expect(request.body.count <= PayloadBuilder.dingtalkBodyLimit)
        }
    }

    @Test func aFileChannelOrAChannelWithoutURLIsAnErrorThatShowsNoSecret() {
        let file = Channel(id: "files", kind: .file, folder: "var/notices")
        #expect(throws: DeliveryError.self) {
            try PayloadBuilder().requests(for: Self.notice, channel: file, now: Self.now)
        }
        let noURL = Channel(id: "office-dingtalk", kind: .dingtalk, secret: Secret("SECtestsecret"))
        #expect {
            try PayloadBuilder().requests(for: Self.notice, channel: noURL, now: Self.now)
        } throws: { error in
            let text = "\(error)"
            return text.contains("office-dingtalk") && text.contains("url") && !text.contains("SECtestsecret")
        }
    }

    @Test func aKeywordTooLongToLeaveRoomIsAnErrorThatShowsNoSecret() {
        let channel = Self.wecom(format: "text", keywords: [String(repeating: "长", count: 700)])
        #expect {
            try PayloadBuilder().requests(for: Self.notice, channel: channel, now: Self.now)
        } throws: { error in
            let text = "\(error)"
            return error is DeliveryError && text.contains("key=***") && !text.contains(Self.wecomKey)
        }
    }

    // MARK: Templates

    static var shippedTemplates: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("notifiers/templates").path
    }

    @Test func theShippedTemplatesParseAndMatchTheBuiltIns() throws {
        let shipped = try NoticeTemplates(directory: Self.shippedTemplates)
        for name in ["dingtalk", "wecom", "feishu", "webhook"] {
            #expect(shipped.sources[name]?.hasSuffix("\(name).mustache") == true)
        }
        let builtIn = NoticeTemplates()
        for kind in [Channel.Kind.dingtalk, .wecom, .feishu, .webhook] {
            for mentions in [nil, "@13800000000"] {
                #expect(
                    try shipped.render(Self.notice, for: kind, mentions: mentions)
                        == builtIn.render(Self.notice, for: kind, mentions: mentions))
            }
        }
    }

    @Test func aMissingFolderMeansTheBuiltIns() throws {
        let templates = try NoticeTemplates(directory: "/nonexistent/duban/templates")
        #expect(templates.sources.values.allSatisfy { $0 == "built-in" })
        #expect(
            try templates.render(Self.notice, for: .dingtalk, mentions: "@138")
                == "### 4月督办通报\n\n" + Self.notice.body + "\n\n@138")
    }

    @Test func markdownAndHTMLCharactersAreNotEscaped() throws {
        let text = try NoticeTemplates().render(Self.notice, for: .webhook)
        #expect(text == Self.notice.body)
        #expect(text.contains("<已逾期 3 天> & 待报"))
    }

    @Test func aTemplateThatDoesNotParseIsAnErrorNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-templates-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{{subject}}}\n{{#mentions}}\n{{{mentions}}}\n{{/mention}}\n".write(
            to: folder.appendingPathComponent("wecom.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try NoticeTemplates(directory: folder.path)
        } throws: { error in
            let text = "\(error)"
            return error is DeliveryError && text.contains("wecom.mustache") && text.contains("line 4")
        }
    }

    @Test func customTemplatesSeeTheWholeContext() throws {
        let templates = try NoticeTemplates(templates: [
            "dingtalk": "{{#keyword}}【{{{keyword}}}】{{/keyword}}{{{departmentName}}}（{{department}}）{{{subject}}}"
                + "{{^mentions}}，无人@{{/mentions}}{{>footer}}",
            "footer": "——{{{kind}}}/{{{key}}}",
        ])
        #expect(
            try templates.render(Self.notice, for: .dingtalk, keyword: "督办")
                == "【督办】应急管理局（emergency）4月督办通报，无人@——dispatch-digest/monthly-dispatch/2024-04/emergency")
        // A template that leaves the mentions out still gets them: DingTalk @s only names in the text.
        let request = try #require(
            try PayloadBuilder(templates: templates).requests(
                for: Self.notice, channel: Self.dingtalk(mobiles: ["13800000000"]), now: Self.now
            ).only)
        let text = try #require((try Self.object(request.body)["markdown"] as? [String: Any])?["text"] as? String)
        #expect(text.hasSuffix("\n\n@13800000000"))
        #expect(throws: DeliveryError.self) { try NoticeTemplates(templates: ["feishu": "{{#open}}"]) }
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
