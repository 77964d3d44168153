import DubanCore
import Mustache

/// The templates of the hazard documents, `notifiers/templates/documents/hazard-*.md.mustache`,
/// read apart from `DocumentTemplates` so a folder of the older documents' templates still loads.
public struct HazardTemplates: Sendable {
    /// The templates the folder must hold for the hazard documents.
    public static let required = ["hazard-notice.md", "hazard-closure.md", "hazard-list.md"]

    private let library: MustacheLibrary

    /// Reads the hazard templates in `directory`.
    ///
    /// - Throws: `DocumentError` naming a missing template, or the line and column where one does not parse.
    public init(directory: String = DocumentTemplates.defaultDirectory) throws {
        library = try DocumentTemplates.library(directory: directory, names: Self.required, what: "document template")
    }

    /// The template `name` rendered with `context`.
    func render(_ name: String, _ context: Any) -> String {
        // Every required template was registered in init.
        library.getTemplate(named: name)!.render(context, library: library)
    }
}

extension DocumentWriter {
    /// The 重大事故隐患挂牌督办通知书 of a listed hazard: numbered and dated by its listing, addressed
    /// to the enterprise and copied to the supervising department. It never names a reporter, nor
    /// how or by whom the hazard was found.
    ///
    /// - Throws: `DocumentError` when the hazard is not listed.
    public func hazardNotice(
        _ hazard: Hazard, sectors: [Sector], templates: HazardTemplates
    ) throws(DocumentError) -> OfficialDocument {
        guard let listing = hazard.listing, let number = hazard.listingNumber else {
            throw DocumentError(
                message: "\(hazard.id) is \(hazard.state.rawValue) (\(hazard.state.chinese)) and not listed for "
                    + "supervision, so it has no 挂牌督办通知书",
                fix: "list it first with `duban hazard list-for-supervision \(hazard.id)`")
        }
        var context = particulars(hazard, sectors: sectors)
        context["number"] = number
        context["level"] = listing.level.chinese
        context["listedOn"] = Self.dayText(listing.on)
        if let principal = hazard.enterprise.principal, !principal.isEmpty {
            context["principal"] = Self.cell(principal)
        }
        return OfficialDocument(
            issuer: issuer, number: number, title: "重大事故隐患挂牌督办通知书",
            addressee: "\(Self.cell(hazard.enterprise.name))：",
            body: templates.render("hazard-notice.md", context), date: listing.on, name: "hazard-notice-\(hazard.id)")
    }

    /// The 重大事故隐患销号审批表 of a verified or closed hazard: its particulars, how it was
    /// rectified, the three sign-offs of the on-site check and, once closed, the day of 销号. Dated
    /// by the close-out, or by the verification while it waits for approval.
    ///
    /// - Throws: `DocumentError` when the hazard is not verified or closed.
    public func hazardClosureForm(
        _ hazard: Hazard, sectors: [Sector], templates: HazardTemplates
    ) throws(DocumentError) -> OfficialDocument {
        guard hazard.state >= .verified, let verifiedOn = hazard.verifiedOn else {
            throw DocumentError(
                message: "\(hazard.id) is \(hazard.state.rawValue) (\(hazard.state.chinese)): a 销号审批表 is only "
                    + "for a hazard verified on site by 监管人员, 安全专家 and 企业负责人",
                fix: hazard.state < .rectified
                    ? "report it rectified (`duban hazard rectify \(hazard.id) --done`), then record the three "
                        + "sign-offs with `duban hazard verify \(hazard.id)`"
                    : "record the three sign-offs with `duban hazard verify \(hazard.id) --supervisor … --expert … "
                        + "--enterprise …` after the on-site check")
        }
        var context = particulars(hazard, sectors: sectors)
        context["number"] = hazard.listingNumber ?? "未挂牌"
        context["listing"] =
            hazard.listing.map { "\($0.level.chinese)挂牌督办，\(Self.dayText($0.on))挂牌" } ?? "未挂牌督办"
        let rectifiedOn = hazard.rectifiedOn ?? verifiedOn
        context["rectifiedOn"] = Self.dayText(rectifiedOn)
        let late = hazard.deadline.days(to: rectifiedOn)
        context["punctuality"] = late > 0 ? "逾期\(late)天完成" : "按期完成"
        if let reason = hazard.reopenReason, !reason.isEmpty { context["reopenReason"] = Self.cell(reason) }
        context["signOffs"] = SignOffRole.allCases.map { role in
            let signOff = hazard.signOffs.first { $0.role == role }
            return [
                "role": role.chinese, "name": signOff.map { Self.cell($0.name) } ?? "—",
                "date": signOff.map { Self.dayText($0.date) } ?? "—",
                "opinion": signOff.map { Self.cell($0.opinion) } ?? "—",
            ]
        }
        context["verifiedOn"] = Self.dayText(verifiedOn)
        if let closedOn = hazard.closedOn, hazard.state == .closed { context["closedOn"] = Self.dayText(closedOn) }
        return OfficialDocument(
            issuer: issuer, number: nil, title: "重大事故隐患销号审批表", addressee: nil,
            body: templates.render("hazard-closure.md", context),
            date: hazard.state == .closed ? hazard.closedOn ?? verifiedOn : verifiedOn,
            name: "hazard-closure-\(hazard.id)")
    }

    /// What the notice and the form both state of a hazard, made safe for the templates; never its
    /// reporter, its channel or who found it.
    func particulars(_ hazard: Hazard, sectors: [Sector]) -> [String: Any] {
        let rectification = hazard.rectification
        return [
            "id": hazard.id,
            "issuer": issuer,
            "planTitle": planTitle,
            "enterprise": Self.cell(hazard.enterprise.name),
            "creditCode": hazard.enterprise.creditCode,
            "address": Self.cell(hazard.enterprise.address),
            "subdistrict": Self.cell(name(hazard.enterprise.subdistrict)),
            "sector": Self.cell(Self.sectorName(hazard.sector, sectors)),
            "department": Self.cell(name(hazard.department)),
            "description": Self.cell(hazard.description),
            "basis": Self.cell(hazard.basis),
            "foundOn": Self.dayText(hazard.foundOn),
            "responsible": Self.cell(rectification.responsible ?? "—"),
            "measures": Self.cell(rectification.measures ?? "—"),
            "funds": Self.cell(rectification.funds ?? "—"),
            "contingency": Self.cell(rectification.contingency ?? "—"),
            "deadline": Self.dayText(hazard.deadline),
        ]
    }

    /// A sector's name from the registry, or its id when the registry has none.
    static func sectorName(_ id: String, _ sectors: [Sector]) -> String {
        sectors.first { $0.id == id }?.name ?? id
    }
}
