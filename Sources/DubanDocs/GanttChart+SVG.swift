import DubanCore

extension GanttChart {
    static let labelWidth = 400.0
    static let rowHeight = 20.0
    static let headerHeight = 84.0
    static let legendHeight = 44.0
    static let fonts = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','SimHei',sans-serif"

    static func color(_ light: Light?) -> String {
        switch light {
        case .red: "#d40000"
        case .yellow: "#e0a100"
        case .blue: "#1e63b5"
        case .green, nil: "#2e7d32"
        }
    }

    /// The chart as a standalone SVG document.
    public var svg: String {
        let rows = rows
        let days = Double(span.lowerBound.days(to: span.upperBound) + 1)
        let dayWidth = max(0.6, min(2.0, 1100 / days))
        let chartX = Self.labelWidth + 10
        let width = chartX + days * dayWidth + 20
        let height = Self.headerHeight + Double(rows.count) * Self.rowHeight + Self.legendHeight
        func x(_ day: Day) -> Double {
            chartX + Double(span.lowerBound.days(to: min(max(day, span.lowerBound), span.upperBound))) * dayWidth
        }
        func y(_ index: Int) -> Double { Self.headerHeight + Double(index) * Self.rowHeight }
        var out: [String] = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
                + "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"\(Self.fonts)\" font-size=\"12\">",
            "<title>\(Self.escape(title))</title>",
            "<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"6\" markerHeight=\"6\" "
                + "orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#555\"/></marker></defs>",
            "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
            "<text x=\"12\" y=\"24\" font-size=\"18\" font-weight=\"bold\">\(Self.escape(title))</text>",
        ]
        // Stripes behind every other row, then the calendar grid.
        for index in rows.indices where index % 2 == 1 {
            out.append(
                "<rect x=\"0\" y=\"\(Self.n(y(index)))\" width=\"\(Self.n(width))\" height=\"\(Self.n(Self.rowHeight))\" fill=\"#f4f6f8\"/>"
            )
        }
        let bottom = y(rows.count)
        var month = span.lowerBound.startOfMonth
        while month <= span.upperBound {
            let mx = x(month)
            let january = month.month == 1
            out.append(
                "<line x1=\"\(Self.n(mx))\" y1=\"\(Self.n(Self.headerHeight - (january ? 40 : 18)))\" x2=\"\(Self.n(mx))\" "
                    + "y2=\"\(Self.n(bottom))\" stroke=\"\(january ? "#888" : "#ddd")\" stroke-width=\"1\"/>")
            if january || month == span.lowerBound.startOfMonth {
                out.append(
                    "<text x=\"\(Self.n(mx + 4))\" y=\"\(Self.n(Self.headerHeight - 26))\" font-size=\"13\" "
                        + "font-weight=\"bold\">\(month.year)年</text>")
            }
            out.append(
                "<text x=\"\(Self.n(mx + 2))\" y=\"\(Self.n(Self.headerHeight - 6))\" font-size=\"9\" fill=\"#666\">\(month.month)</text>"
            )
            month = month.endOfMonth.adding(days: 1)
        }
        // Labels and bars.
        let rowIndex = Dictionary(rows.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, row) in rows.enumerated() {
            let top = y(index)
            let middle = top + Self.rowHeight / 2
            let (indent, weight, size, limit) =
                switch row.kind {
                case .action: (8.0, "bold", 13.0, 380.0)
                case .measure: (20.0, "bold", 12.0, 368.0)
                case .task: (34.0, "normal", 12.0, 354.0)
                }
            out.append(
                "<text x=\"\(Self.n(indent))\" y=\"\(Self.n(middle + 4))\" font-size=\"\(Self.n(size))\" "
                    + "font-weight=\"\(weight)\">\(Self.escape(Self.truncate(row.label, width: limit, size: size)))</text>"
            )
            let x1 = x(row.start)
            let x2 = max(x(row.end) + dayWidth, x1 + 2)
            switch row.kind {
            case .action, .measure:
                let fill = row.kind == .action ? "#37474f" : "#78909c"
                out.append(
                    "<rect x=\"\(Self.n(x1))\" y=\"\(Self.n(middle - 3))\" width=\"\(Self.n(x2 - x1))\" height=\"6\" fill=\"\(fill)\"/>"
                )
            case .task:
                let evaluated = row.status.map { " · \($0.chinese)" } ?? ""
                let tip =
                    "\(row.id) \(row.label)：\(row.start) → \(row.end)\(row.light.map { " · \($0.chinese)" } ?? "")\(evaluated)"
                let done = row.status == .done
                let opacity = row.recurring ? "0.35" : done ? "0.5" : "1"
                out.append(
                    "<g><title>\(Self.escape(tip))</title><rect x=\"\(Self.n(x1))\" y=\"\(Self.n(middle - 6))\" "
                        + "width=\"\(Self.n(x2 - x1))\" height=\"12\" rx=\"2\" fill=\"\(Self.color(row.light))\" "
                        + "fill-opacity=\"\(opacity)\"\(row.recurring ? " stroke=\"\(Self.color(row.light))\" stroke-dasharray=\"3,2\"" : "")/>"
                        + (done
                            ? "<text x=\"\(Self.n(x2 + 3))\" y=\"\(Self.n(middle + 4))\" font-size=\"10\" fill=\"#2e7d32\">✓</text>"
                            : "")
                        + "</g>")
            }
        }
        // Dependency arrows: from the end of a prerequisite's bar to the start of its dependent's.
        let graph = evaluation.graph
        for row in rows where row.kind == .task {
            guard let node = graph.index[row.id], let to = rowIndex[row.id] else { continue }
            for edge in graph.prerequisites[node] {
                let prerequisite = graph.tasks[edge.node].id
                guard let from = rowIndex[prerequisite] else { continue }
                let startX = max(x(rows[from].end) + dayWidth, x(rows[from].start) + 2)
                let startY = y(from) + Self.rowHeight / 2
                let endX = x(row.start)
                let endY = y(to) + Self.rowHeight / 2 + (to > from ? -6 : 6)
                let turn = max(startX, endX) + 6
                out.append(
                    "<path d=\"M\(Self.n(startX)),\(Self.n(startY)) H\(Self.n(turn)) V\(Self.n(endY)) H\(Self.n(max(endX, chartX)))\" "
                        + "fill=\"none\" stroke=\"#555\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>")
            }
        }
        if span.contains(today) {
            let tx = x(today)
            out.append(
                "<line x1=\"\(Self.n(tx))\" y1=\"\(Self.n(Self.headerHeight - 44))\" x2=\"\(Self.n(tx))\" y2=\"\(Self.n(bottom))\" "
                    + "stroke=\"#d40000\" stroke-width=\"2\" stroke-dasharray=\"6,3\"/>")
            out.append(
                "<text x=\"\(Self.n(tx - 4))\" y=\"\(Self.n(Self.headerHeight - 46))\" font-size=\"12\" fill=\"#d40000\" "
                    + "text-anchor=\"end\">今天 \(today)</text>")
        }
        // The legend.
        var legendX = 12.0
        let legendY = bottom + 26
        for (label, light) in [("绿灯 正常", Light.green), ("蓝灯 14天内到期", .blue), ("黄灯 滞后", .yellow), ("红灯 严重滞后或逾期", .red)] {
            out.append(
                "<rect x=\"\(Self.n(legendX))\" y=\"\(Self.n(legendY - 10))\" width=\"18\" height=\"12\" rx=\"2\" fill=\"\(Self.color(light))\"/>"
            )
            out.append("<text x=\"\(Self.n(legendX + 24))\" y=\"\(Self.n(legendY))\">\(label)</text>")
            legendX += 150
        }
        out.append(
            "<text x=\"\(Self.n(legendX))\" y=\"\(Self.n(legendY))\" fill=\"#555\">虚线框为常态化工作，浅色带✓为已完成，箭头为前置关系</text>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// A number with at most one decimal, as SVG attributes take it.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// `text` cut with `…` to fit `width` pixels at `size`, counting CJK characters as full width.
    static func truncate(_ text: String, width: Double, size: Double) -> String {
        // Room for the `…` is kept only when the text must be cut.
        if text.reduce(0.0, { $0 + ($1.isASCII ? size * 0.55 : size) }) <= width { return text }
        var used = 0.0
        var out = ""
        for character in text {
            let advance = character.isASCII ? size * 0.55 : size
            if used + advance > width - size {
                return out + "…"
            }
            used += advance
            out.append(character)
        }
        return out
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
