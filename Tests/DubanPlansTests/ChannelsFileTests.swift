import DubanCore
import Foundation
import Testing

@testable import DubanPlans

/// `notifiers/channels.yaml`: secrets from the environment, never printed; every mistake located.
@Suite struct ChannelsFileTests {
    static let environment = [
        "DINGTALK_URL": "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef",
        "DINGTALK_SECRET": "SECtestsecret",
        "FEISHU_URL": "https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef-0123",
    ]

    static let yaml = """
        default: files
        office: office-dingtalk
        channels:
          - id: files
            type: file
            folder: var/notices
          - id: office-dingtalk
            type: dingtalk
            url: ${DINGTALK_URL}
            secret: ${DINGTALK_SECRET}
            keywords: [督办]
            mention: {mobiles: ["13800000000"]}
            rate: {per_minute: 10}
          - id: housing-feishu
            type: feishu
            url: ${FEISHU_URL}
        """

    @Test func channelsReadWithSecretsFromTheEnvironment() throws {
        let set = try ChannelsFile.read(yaml: Self.yaml, file: "notifiers/channels.yaml", environment: Self.environment)
        #expect(set.channels.map(\.id) == ["files", "office-dingtalk", "housing-feishu"])
        #expect(set.fallback == "files")
        #expect(set.officeChannel?.id == "office-dingtalk")
        let dingtalk = try #require(set.channel("office-dingtalk"))
        #expect(dingtalk.url?.value == Self.environment["DINGTALK_URL"])
        #expect(dingtalk.secret?.value == "SECtestsecret")
        #expect(dingtalk.keywords == ["督办"])
        #expect(dingtalk.mentionMobiles == ["13800000000"])
        #expect(dingtalk.perMinute == 10)
        // Printing a channel never shows its secrets.
        #expect(dingtalk.displayURL == "https://oapi.dingtalk.com/robot/send?access_token=***")
        #expect(set.channel("housing-feishu")?.displayURL == "https://open.feishu.cn/open-apis/bot/v2/hook/***")
        let printed = "\(dingtalk) \(String(reflecting: dingtalk)) \(set)"
        #expect(!printed.contains("0123456789abcdef"))
        #expect(!printed.contains("SECtestsecret"))
    }

    @Test func departmentsWithoutChannelsGoToTheFallback() throws {
        let set = try ChannelsFile.read(yaml: Self.yaml, file: "c.yaml", environment: Self.environment)
        let plain = Department(id: "water", name: "区水利局", kind: .department)
        let reached = Department(id: "housing", name: "区住建局", kind: .department, channels: ["housing-feishu"])
        #expect(set.channels(for: plain).map(\.id) == ["files"])
        #expect(set.channels(for: reached).map(\.id) == ["housing-feishu"])
    }

    @Test func missingVariableIsNamedButNoSecretIsPrinted() throws {
        var environment = Self.environment
        environment["DINGTALK_SECRET"] = nil
        do {
            _ = try ChannelsFile.read(yaml: Self.yaml, file: "notifiers/channels.yaml", environment: environment)
            Issue.record("accepted a channel whose secret variable is not set")
        } catch {
            #expect(error.issues.count == 1)
            let text = error.description
            #expect(text.contains("notifiers/channels.yaml:10:13:"))
            #expect(text.contains("DINGTALK_SECRET, which is not set"))
            #expect(!text.contains("0123456789abcdef"))
        }
    }

    @Test(arguments: [
        ("channels:\n  - id: a\n    type: telegram\n    url: https://x\n", "type “telegram” is not a channel type"),
        ("channels:\n  - id: a\n    type: dingtalk\n", "a dingtalk channel needs a `url`"),
        ("channels:\n  - id: a\n    type: file\n", "a file channel needs a `folder`"),
        (
            "default: nowhere\nchannels:\n  - id: a\n    type: file\n    folder: x\n",
            "`default` names channel “nowhere”"
        ),
        (
            "channels:\n  - id: a\n    type: file\n    folder: x\n  - id: a\n    type: file\n    folder: y\n",
            "channel id “a” is used twice"
        ),
        (
            "channels:\n  - id: a\n    type: wecom\n    url: https://x/y?key=k\n    format: card\n",
            "format “card” does not apply"
        ),
        (
            "channels:\n  - id: a\n    type: webhook\n    url: ftp://files.example/secret-token-123456\n",
            "is not an http(s) URL (ftp://files.example/***)"
        ),
        (
            "channels:\n  - id: a\n    type: file\n    folder: x\n    rate: {per_minute: 0}\n",
            "per_minute “0” is not a whole number of at least 1"
        ),
    ])
    func badChannelsAreRefused(_ yaml: String, _ message: String) throws {
        #expect(throws: PlanError.self) { try ChannelsFile.read(yaml: yaml, file: "c.yaml", environment: [:]) }
        do {
            _ = try ChannelsFile.read(yaml: yaml, file: "c.yaml", environment: [:])
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func noFileMeansOneFileChannel() throws {
        let set = try ChannelsFile.read(path: "/nonexistent/channels.yaml", environment: [:])
        #expect(set.channels == [Channel(id: "files", kind: .file, folder: "var/notices")])
        #expect(set.officeChannel?.id == "files")
    }
}
