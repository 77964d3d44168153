/// The notices a hazard's listing sends (measure 5: 及时将重大事故隐患信息通知到相关生产经营单位的主要负责人):
/// one to the supervising department, and one to the enterprise's 主要负责人 where the enterprise
/// has a channel. Pure, like `JobMessages`.
public enum HazardMessages {
    /// The outbox recipient for an enterprise: `enterprise:` and its credit code.
    public static func enterpriseRecipient(_ enterprise: Enterprise) -> String {
        "enterprise:\(enterprise.creditCode)"
    }

    /// The listing notices for `hazard`; `departmentName` is the supervising department's name,
    /// `issuer` the office's, `link` the notice's address when documents are published.
    public static func listed(
        _ hazard: Hazard, departmentName: String, issuer: String, link: String?
    )
        -> [OutgoingMessage]
    {
        let number = hazard.listingNumber ?? hazard.id
        let facts = MessageFacts(
            period: hazard.listing?.on.description ?? hazard.foundOn.description,
            tasks: [
                .init(
                    task: hazard.id, title: HazardSupervision.title(hazard), department: hazard.department,
                    due: hazard.deadline)
            ])
        let what = [
            "企业: \(hazard.enterprise.name)（\(hazard.enterprise.creditCode)）",
            "隐患: \(hazard.description)",
            "判定依据: \(hazard.basis)",
            "整改期限: \(hazard.deadline)",
        ]
        var messages = [
            OutgoingMessage(
                department: hazard.department, kind: .hazardListed, subject: "重大事故隐患挂牌督办 \(number)",
                body: [
                    "\(departmentName)：", "\(issuer)对以下重大事故隐患挂牌督办（\(number)），请督促企业落实整改责任人、措施、资金、时限和预案，按期整改，经三方确认后申请销号。",
                ]
                    + what + (link.map { ["通知书: \($0)"] } ?? []),
                facts: facts)
        ]
        if hazard.enterprise.channel != nil {
            let principal = hazard.enterprise.principal.map { "\($0)同志" } ?? "主要负责人"
            messages.append(
                OutgoingMessage(
                    department: enterpriseRecipient(hazard.enterprise), kind: .hazardListed,
                    subject: "重大事故隐患挂牌督办 \(number)",
                    body: [
                        "\(hazard.enterprise.name)\(principal)：",
                        "贵单位存在的重大事故隐患已由\(issuer)挂牌督办（\(number)）。请主要负责人亲自组织整改，于 \(hazard.deadline) 前整改到位，并申请现场核验销号。",
                    ] + what,
                    facts: facts))
        }
        return messages
    }
}
