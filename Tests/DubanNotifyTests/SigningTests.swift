import Crypto
import Foundation
import Testing

@testable import DubanNotify

/// `Signing`: the three vendors' test vectors from docs (channels.md), and the formulas recomputed here.
@Suite struct SigningTests {
    @Test func dingtalkMatchesTheTestVector() {
        let sign = Signing.dingtalk(secret: "SECtestsecret", timestampMilliseconds: 1_700_000_000_000)
        #expect(sign == "7LVwF0dAF3/+MRRulbpE4y72Ogzykc6bS2nG4I99T4s=")
        #expect(Signing.percentEncoded(sign) == "7LVwF0dAF3%2F%2BMRRulbpE4y72Ogzykc6bS2nG4I99T4s%3D")
    }

    @Test func feishuMatchesTheTestVector() {
        #expect(
            Signing.feishu(secret: "testsecret", timestampSeconds: 1_700_000_000)
                == "AOc8oJ7//5OlQlfWC3nRL0R+IkuzcD1FKcAyibRK9Q8=")
    }

    @Test func standardWebhookMatchesTheTestVector() throws {
        let signature = try Signing.standardWebhook(
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330, body: #"{"test": 2432232314}"#)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        let fromData = try Signing.standardWebhook(
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8))
        #expect(fromData == signature)
    }

    @Test func standardWebhookTakesASecretWithoutItsPrefix() throws {
        let with = try Signing.standardWebhook(
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "a", timestamp: 1, body: "b")
        let without = try Signing.standardWebhook(
            secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "a", timestamp: 1, body: "b")
        #expect(with == without)
    }

    @Test func standardWebhookRefusesASecretThatIsNotBase64WithoutRepeatingIt() {
        let secret = "whsec_not*base64!secret"
        #expect {
            try Signing.standardWebhook(secret: secret, id: "a", timestamp: 1, body: "b")
        } throws: { error in
            let text = "\(error)"
            return error is DeliveryError && !text.contains("not*base64!secret") && text.contains("whsec_")
        }
    }

    /// The formulas, computed here with swift-crypto directly, agree for other secrets and times.
    @Test(arguments: [
        ("SEC0123456789abcdef", Int64(1_712_000_000_123)), ("SEC密钥", Int64(0)), ("x", Int64(1_000_000_000_000)),
    ])
    func formulasAgree(secret: String, milliseconds: Int64) throws {
        let dingtalk = HMAC<SHA256>.authenticationCode(
            for: Data("\(milliseconds)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        #expect(
            Signing.dingtalk(secret: secret, timestampMilliseconds: milliseconds)
                == Data(dingtalk).base64EncodedString())

        let seconds = milliseconds / 1000
        let feishu = HMAC<SHA256>.authenticationCode(
            for: Data(), using: SymmetricKey(data: Data("\(seconds)\n\(secret)".utf8)))
        #expect(Signing.feishu(secret: secret, timestampSeconds: seconds) == Data(feishu).base64EncodedString())

        let key = Data(secret.utf8).base64EncodedString()
        let body = #"{"文":"\#(secret)"}"#
        let webhook = HMAC<SHA256>.authenticationCode(
            for: Data("id-1.\(seconds).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        #expect(
            try Signing.standardWebhook(secret: "whsec_" + key, id: "id-1", timestamp: seconds, body: body)
                == "v1," + Data(webhook).base64EncodedString())
    }

    @Test func percentEncodingLeavesOnlyUnreservedCharacters() {
        #expect(Signing.percentEncoded("a+b/c=d") == "a%2Bb%2Fc%3Dd")
        #expect(Signing.percentEncoded("AZaz09-._~") == "AZaz09-._~")
        #expect(Signing.percentEncoded("&?# %") == "%26%3F%23%20%25")
        #expect(Signing.percentEncoded("督") == "%E7%9D%A3")
    }
}
