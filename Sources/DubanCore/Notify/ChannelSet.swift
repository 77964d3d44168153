/// Every configured channel, which one is the office's own, and where departments without a
/// channel of their own are reached.
public struct ChannelSet: Hashable, Sendable {
    /// The channels, in file order.
    public var channels: [Channel]
    /// The channel the office is told on (dead letters); nil: the default channel.
    public var office: String?
    /// The channel for departments that name none.
    public var fallback: String

    /// Makes a set.
    public init(channels: [Channel], office: String? = nil, fallback: String) {
        self.channels = channels
        self.office = office
        self.fallback = fallback
    }

    /// The channel with id `id`.
    public func channel(_ id: String) -> Channel? {
        channels.first { $0.id == id }
    }

    /// The channels that reach `department`: its own, or the fallback.
    public func channels(for department: Department?) -> [Channel] {
        let own = (department?.channels ?? []).compactMap(channel)
        return own.isEmpty ? channel(fallback).map { [$0] } ?? [] : own
    }

    /// The office's channel.
    public var officeChannel: Channel? {
        channel(office ?? fallback)
    }
}
