import Testing

@testable import DubanDocs

/// `MarkdownBlock.parse` and `TextRun.runs`: the small Markdown the document templates write.
@Suite struct MarkdownBlockTests {
    @Test func headingsOneToFourHashesFollowedByASpace() {
        let blocks = MarkdownBlock.parse(
            """
            # 标题
            ## 一、总体进展
            ### （一）红灯事项
            #### 1. 细项

            ##### 五级不是标题

            #没有空格
            """)
        #expect(
            blocks == [
                .heading(level: 1, text: "标题"), .heading(level: 2, text: "一、总体进展"),
                .heading(level: 3, text: "（一）红灯事项"), .heading(level: 4, text: "1. 细项"),
                .paragraph("##### 五级不是标题"), .paragraph("#没有空格"),
            ])
    }

    @Test func aHeadingEndsTheParagraphBeforeIt() {
        #expect(
            MarkdownBlock.parse("现将情况\n## 一、总体\n正文") == [
                .paragraph("现将情况"), .heading(level: 2, text: "一、总体"), .paragraph("正文"),
            ])
    }

    @Test func paragraphLinesAreTrimmedAndJoinedWithoutASpace() {
        let blocks = MarkdownBlock.parse("  现将截至8月1日\n推进情况  \n通报如下。\n\n\n请各单位对照排名。\n")
        #expect(blocks == [.paragraph("现将截至8月1日推进情况通报如下。"), .paragraph("请各单位对照排名。")])
    }

    @Test func emptyAndBlankInputHaveNoBlocks() {
        #expect(MarkdownBlock.parse("").isEmpty)
        #expect(MarkdownBlock.parse("\n   \n\t\n").isEmpty)
    }

    @Test func bulletAndNumberedLists() {
        let blocks = MarkdownBlock.parse(
            """
            - 甲
            - **乙**：滞后
            1. 第一
            2. 第二
            10. 第十
            """)
        #expect(blocks == [.bullets(["甲", "**乙**：滞后"]), .numbered(["第一", "第二", "第十"])])
    }

    @Test func aListEndsAtTheFirstOtherLine() {
        let blocks = MarkdownBlock.parse("说明：\n- 甲\n- 乙\n接着的段落\n1. 一\n- 丙")
        #expect(
            blocks == [
                .paragraph("说明："), .bullets(["甲", "乙"]), .paragraph("接着的段落"), .numbered(["一"]),
                .bullets(["丙"]),
            ])
    }

    @Test func linesThatOnlyLookLikeListItemsAreParagraphText() {
        // No space after the marker, a decimal, a full-width stop and a year are not list items.
        #expect(MarkdownBlock.parse("-甲") == [.paragraph("-甲")])
        #expect(MarkdownBlock.parse("1.5倍") == [.paragraph("1.5倍")])
        #expect(MarkdownBlock.parse("1．全角") == [.paragraph("1．全角")])
        #expect(MarkdownBlock.parse("2024年8月") == [.paragraph("2024年8月")])
        #expect(MarkdownBlock.parse("a. 字母") == [.paragraph("a. 字母")])
    }

    @Test func tableWithTheSeparatorRowDropped() {
        let blocks = MarkdownBlock.parse(
            """
            | 排名 | 单位 | 得分 |
            |---|:---:|---:|
            | 1 | 区应急管理局 | 100 |
            |2|兴仁街道|  |
            """)
        #expect(
            blocks == [
                .table(header: ["排名", "单位", "得分"], rows: [["1", "区应急管理局", "100"], ["2", "兴仁街道", ""]])
            ])
    }

    @Test func aTableWithNoRowsKeepsItsHeader() {
        #expect(MarkdownBlock.parse("| 行动 | 任务数 |\n|---|---|\n") == [.table(header: ["行动", "任务数"], rows: [])])
    }

    @Test func aTableRightAfterAParagraphStartsItsOwnBlock() {
        let blocks = MarkdownBlock.parse("各单位得分如下：\n| a | b |\n|---|---|\n| 1 | 2 |\n表后文字")
        #expect(
            blocks == [
                .paragraph("各单位得分如下："), .table(header: ["a", "b"], rows: [["1", "2"]]), .paragraph("表后文字"),
            ])
    }

    @Test func aTableRightAfterAListStartsItsOwnBlock() {
        let blocks = MarkdownBlock.parse("- 甲\n| a |\n|---|\n| 1 |")
        #expect(blocks == [.bullets(["甲"]), .table(header: ["a"], rows: [["1"]])])
    }

    @Test func twoTablesSeparatedByABlankLine() {
        let blocks = MarkdownBlock.parse("| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |")
        #expect(blocks == [.table(header: ["a"], rows: [["1"]]), .table(header: ["b"], rows: [["2"]])])
    }

    @Test func aDashInsideADataCellIsKept() {
        // Only a row whose every cell is dashes and colons is the separator.
        let blocks = MarkdownBlock.parse("| 较上月 | 单位 |\n|---|---|\n| — | 甲 |\n| - | 乙 |")
        #expect(blocks == [.table(header: ["较上月", "单位"], rows: [["—", "甲"], ["-", "乙"]])])
    }

    @Test func templateShapedDocument() {
        let blocks = MarkdownBlock.parse(
            """
            现将截至2024年8月1日推进情况通报如下。

            ## 一、总体进展

            全区共 5 项任务。

            | 行动 | 任务数 |
            |---|---|
            | 行动一 | 2 |

            ## 二、红灯事项

            - **任务 t2**（t2）：牵头单位区住房和城乡建设局。
            """)
        #expect(blocks.count == 6)
        #expect(blocks[1] == .heading(level: 2, text: "一、总体进展"))
        #expect(blocks[3] == .table(header: ["行动", "任务数"], rows: [["行动一", "2"]]))
        #expect(blocks[5] == .bullets(["**任务 t2**（t2）：牵头单位区住房和城乡建设局。"]))
    }

    // MARK: Bold runs

    @Test func boldRunsAlternate() {
        #expect(
            TextRun.runs("按期**完成**率**80%**") == [
                TextRun(text: "按期", bold: false), TextRun(text: "完成", bold: true), TextRun(text: "率", bold: false),
                TextRun(text: "80%", bold: true),
            ])
    }

    @Test func boldAtTheStartAndTheWholeText() {
        #expect(
            TextRun.runs("**会议时间：**2024年8月5日") == [
                TextRun(text: "会议时间：", bold: true), TextRun(text: "2024年8月5日", bold: false),
            ])
        #expect(TextRun.runs("**全部加粗**") == [TextRun(text: "全部加粗", bold: true)])
    }

    @Test func plainTextIsOneRun() {
        #expect(TextRun.runs("没有加粗") == [TextRun(text: "没有加粗", bold: false)])
        #expect(TextRun.runs("一个*星号") == [TextRun(text: "一个*星号", bold: false)])
    }

    @Test func anUnclosedMarkIsKeptAsWritten() {
        #expect(TextRun.runs("未闭合**加粗") == [TextRun(text: "未闭合**加粗", bold: false)])
        #expect(TextRun.runs("**开头未闭合") == [TextRun(text: "**开头未闭合", bold: false)])
        #expect(TextRun.runs("结尾**") == [TextRun(text: "结尾**", bold: false)])
    }

    @Test func emptyBoldMarksLeaveNoEmptyRuns() {
        #expect(TextRun.runs("a****b") == [TextRun(text: "a", bold: false), TextRun(text: "b", bold: false)])
        #expect(TextRun.runs("").isEmpty)
    }
}
