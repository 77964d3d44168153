import DubanCore
import Foundation
import Testing

@testable import DubanNotify

/// Success is judged by the vendor's body, not only the HTTP status; each vendor code has its answer.
@Suite struct VerdictTests {
    static func answer(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPOutcome {
        .response(status: status, headers: headers, body: Data(body.utf8), latency: 0.01)
    }

    @Test func robotsAnswering200WithAnErrorCodeAreNotSent() {
        #expect(Verdict.judge(Self.answer(200, #"{"errcode":0,"errmsg":"ok"}"#), kind: .dingtalk) == .sent)
        #expect(Verdict.judge(Self.answer(200, #"{"code":0,"msg":"success"}"#), kind: .feishu) == .sent)
        guard case .retry = Verdict.judge(Self.answer(200, #"{"errcode":-1,"errmsg":"busy"}"#), kind: .wecom) else {
            Issue.record("an unknown errcode must be retried")
            return
        }
        guard case .retry = Verdict.judge(Self.answer(200, "<html>proxy error</html>"), kind: .dingtalk) else {
            Issue.record("a 200 without a vendor code must be retried")
            return
        }
        #expect(Verdict.judge(Self.answer(204, ""), kind: .webhook) == .sent)
    }

    @Test(arguments: [
        (Channel.Kind.dingtalk, "130101", 600.0), (.feishu, "11232", 60.0), (.wecom, "45009", 60.0),
    ])
    func rateLimitCodesPauseTheChannel(_ kind: Channel.Kind, _ code: String, _ seconds: Double) {
        let body =
            kind == .feishu ? #"{"code":\#(code),"msg":"too many"}"# : #"{"errcode":\#(code),"errmsg":"too many"}"#
        guard case .pause(_, let pause) = Verdict.judge(Self.answer(200, body), kind: kind) else {
            Issue.record("\(code) must pause \(kind)")
            return
        }
        #expect(pause == seconds)
    }

    @Test(arguments: [
        (Channel.Kind.dingtalk, "310000"), (.dingtalk, "460101"), (.wecom, "93000"), (.feishu, "19021"),
        (.feishu, "19022"),
        (.feishu, "19024"), (.feishu, "9499"),
    ])
    func authAndShapeErrorsAreDeadNotRetried(_ kind: Channel.Kind, _ code: String) {
        let body = kind == .feishu ? #"{"code":\#(code),"msg":"x"}"# : #"{"errcode":\#(code),"errmsg":"x"}"#
        guard case .dead(let reason) = Verdict.judge(Self.answer(200, body), kind: kind) else {
            Issue.record("\(code) must be dead")
            return
        }
        #expect(reason.contains(code))
    }

    @Test func httpStatusesFollowTheStandardWebhooksConvention() {
        #expect(
            Verdict.judge(Self.answer(500, ""), kind: .webhook)
                == .retry(reason: "HTTP 500 from the receiver", after: nil))
        #expect(
            Verdict.judge(Self.answer(429, "", headers: ["retry-after": "7"]), kind: .webhook)
                == .retry(reason: "HTTP 429: rate limited by the receiver", after: 7))
        guard case .dead = Verdict.judge(Self.answer(410, ""), kind: .webhook),
            case .dead = Verdict.judge(Self.answer(302, ""), kind: .webhook),
            case .dead = Verdict.judge(Self.answer(401, ""), kind: .webhook)
        else {
            Issue.record("410, 3xx and other 4xx are not retried")
            return
        }
        #expect(
            Verdict.judge(.failure(reason: "Timeout was reached", retryable: true, latency: 1), kind: .dingtalk)
                == .retry(reason: "Timeout was reached", after: nil))
        #expect(
            Verdict.judge(
                .failure(reason: "URL using bad/illegal format", retryable: false, latency: 0), kind: .webhook)
                == .dead(reason: "URL using bad/illegal format"))
    }
}

/// Backoff with jitter over about three days, never sooner than `Retry-After`, then dead.
@Suite struct RetryScheduleTests {
    @Test func delaysGrowWithJitterAndEnd() {
        let schedule = RetrySchedule()
        #expect(schedule.delay(afterAttempts: 1, retryAfter: nil, unit: 0.5) == 5)
        #expect(schedule.delay(afterAttempts: 2, retryAfter: nil, unit: 0) == 240)  // 300 − 20 %
        #expect(schedule.delay(afterAttempts: 2, retryAfter: nil, unit: 0.999_999)! > 359.9)  // 300 + 20 %
        #expect(schedule.delay(afterAttempts: 9, retryAfter: nil, unit: 0.5) == 86400)
        #expect(schedule.delay(afterAttempts: 10, retryAfter: nil, unit: 0.5) == nil)
        #expect(schedule.delays.reduce(0, +) > 2.5 * 86400)  // about three days in all
    }

    @Test func retryAfterIsHonoured() {
        #expect(RetrySchedule().delay(afterAttempts: 1, retryAfter: 120, unit: 0.5) == 120)
        #expect(RetrySchedule().delay(afterAttempts: 2, retryAfter: 7, unit: 0.5) == 300)
    }
}

/// The vendors' rate limits as sliding windows.
@Suite struct RateLimiterTests {
    @Test func dingtalkTakesTwentyAMinute() {
        let channel = Channel(id: "d", kind: .dingtalk, url: Secret("https://x"))
        var limiter = RateLimiter()
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for i in 0..<20 {
            let now = start.addingTimeInterval(Double(i))
            #expect(limiter.nextSlot(for: channel, now: now) == now)
            limiter.record(channel, at: now)
        }
        // The 21st waits until the first leaves the minute.
        #expect(limiter.nextSlot(for: channel, now: start.addingTimeInterval(20)) == start.addingTimeInterval(60))
    }

    @Test func feishuTakesFiveASecondAndAHundredAMinute() {
        let channel = Channel(id: "f", kind: .feishu, url: Secret("https://x"))
        var limiter = RateLimiter()
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        for _ in 0..<5 { limiter.record(channel, at: start) }
        #expect(limiter.nextSlot(for: channel, now: start) == start.addingTimeInterval(1))
        #expect(RateLimiter.limits(of: channel) == (5, 100))
    }

    @Test func overridesAndUnlimitedChannels() {
        #expect(RateLimiter.limits(of: Channel(id: "w", kind: .webhook)) == (nil, nil))
        #expect(RateLimiter.limits(of: Channel(id: "d", kind: .dingtalk, perMinute: 5)) == (nil, 5))
    }
}
