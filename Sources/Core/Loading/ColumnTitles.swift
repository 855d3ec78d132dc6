import Foundation

/// The column titles regctl accepts for each field of each record kind, Chinese and English, as data
/// in one place (docs/excel.md). CSV headers and Excel header rows are matched against it alike.
///
/// Matching folds what clerks vary without meaning to: full-width and half-width forms (NFKC),
/// spaces and line breaks inside the title, brackets （）and (), a leading `*` (a required-field
/// mark in templates), a trailing colon, case, and `-`/`_` in English titles. A title with a unit
/// other than the field's (营业收入（万元）) is deliberately not listed: reading ten-thousands of
/// yuan as yuan would be silently wrong.
public enum ColumnTitles {
    /// What a column title means for a kind.
    public enum Match: Sendable, Hashable {
        /// The column holds this field.
        case field(String)
        /// The column is known and carries nothing to load (序号, the row number).
        case ignored
        /// Not a title of this kind.
        case unknown
    }

    /// Titles of columns that carry nothing to load, for every kind.
    public static let ignoredTitles = ["序号", "序", "No.", "#"]

    /// Region, as lists name it: a province, a prefecture or a planned city.
    static let region = ["地区", "省份", "省", "所在地区", "所在地", "省（区、市）", "省（自治区、直辖市）", "市州", "地市", "所在省份", "所属地区", "区域"]
    static let uscc = ["统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "企业统一社会信用代码"]
    static let firmName = ["企业名称", "单位名称", "公司名称", "企业全称"]

    /// For each kind, each field (in `RecordKind.fields` order) and its titles, Chinese first; the
    /// field's own name is always accepted too.
    public static let table: [RecordKind: [(field: String, titles: [String])]] = [
        .park: [
            ("id", ["园区代码", "园区编号", "编号", "代码"]),
            ("name", ["园区名称", "名称", "园区全称"]),
            ("short-name", ["简称", "园区简称"]),
            ("region", region),
            ("level", ["级别", "层级", "园区级别"]),
            ("kind", ["园区类型", "类型", "类别"]),
        ],
        .firm: [
            ("uscc", uscc),
            ("name", firmName + ["名称"]),
            ("region", region + ["注册地"]),
            ("park", ["所在园区", "所属园区", "园区"]),
            ("industry", ["行业代码", "国民经济行业代码", "所属行业", "行业"]),
            ("founded", ["成立日期", "成立时间", "注册日期"]),
            ("status", ["经营状态", "登记状态", "状态"]),
            ("former-names", ["曾用名", "原企业名称", "原名称", "曾用企业名称"]),
        ],
        .incubator: [
            ("id", ["孵化器编号", "载体编号", "编号", "代码"]),
            ("name", ["孵化器名称", "载体名称", "众创空间名称", "名称"]),
            ("kind", ["载体类型", "孵化器类型", "类型"]),
            ("level", ["级别", "层级", "认定级别"]),
            ("recognized", ["认定时间", "认定年份", "认定年度"]),
            ("region", region),
            ("park", ["所在园区", "所属园区", "园区"]),
            ("operator", ["运营主体统一社会信用代码", "运营单位统一社会信用代码", "运营主体信用代码", "运营主体"]),
            ("area-m2", ["面积", "场地面积", "孵化场地面积", "面积（平方米）", "面积（㎡）", "场地面积（平方米）"]),
            ("focus", ["孵化领域", "专业领域", "技术领域", "重点领域"]),
        ],
        .designation: [
            ("uscc", uscc),
            ("firm", firmName),
            ("region", region),
            ("program", ["认定类别", "项目", "称号", "名单类别", "类别"]),
            ("level", ["级别", "层级"]),
            ("year", ["年度", "年份", "认定年度", "认定年份"]),
            ("batch", ["批次"]),
            ("valid-from", ["有效期起", "有效期开始", "起始日期"]),
            ("valid-to", ["有效期至", "有效期止", "截止日期", "有效期截止"]),
            ("status", ["状态"]),
            ("revoked-on", ["撤销日期", "撤销时间", "取消日期"]),
        ],
        .incubation: [
            ("uscc", uscc),
            ("incubator", ["孵化器编号", "孵化载体编号", "孵化器", "孵化载体"]),
            ("entered", ["入孵时间", "入孵日期", "入驻时间"]),
            ("intake", ["企业来源", "来源", "入孵类型"]),
            ("graduated", ["毕业时间", "毕业日期"]),
            ("exited", ["退出时间", "退出日期", "离孵时间"]),
        ],
        .annualReport: [
            ("uscc", uscc),
            ("year", ["年度", "年份", "报告年度"]),
            ("revenue", ["营业收入", "营业收入（元）", "营收"]),
            ("main-revenue", ["主营业务收入", "主营业务收入（元）"]),
            ("rd-expense", ["研发费用", "研发费用（元）", "研发投入", "研究开发费用"]),
            ("employees", ["从业人员", "从业人员数", "职工人数", "员工人数"]),
            ("rd-staff", ["研发人员", "研发人员数"]),
            ("invention-patents", ["发明专利", "发明专利数", "有效发明专利", "有效发明专利数"]),
            ("assets", ["资产总额", "资产总额（元）", "总资产"]),
            ("liabilities", ["负债总额", "负债总额（元）", "总负债"]),
            ("equity-raised", ["股权融资", "股权融资额", "股权融资（元）"]),
        ],
        .transfer: [
            ("id", ["合同编号", "项目编号", "编号"]),
            ("title", ["成果名称", "项目名称", "名称"]),
            ("source", ["成果来源单位", "出让方", "转出方", "来源单位"]),
            ("source-kind", ["来源单位类型", "出让方类型", "单位类型"]),
            ("recipient", ["受让方统一社会信用代码", "受让方信用代码", "承接企业统一社会信用代码"]),
            ("mode", ["转化方式", "方式"]),
            ("channel", ["转化渠道", "渠道"]),
            ("value", ["合同金额", "成交金额", "金额", "合同金额（元）"]),
            ("signed", ["签订日期", "签约日期", "签订时间"]),
        ],
        // A reviewer's decisions (`regctl resolve`), when kept in a spreadsheet.
        .link: [
            ("name", ["名单企业名称", "企业名称", "名称"]),
            ("region", region),
            ("uscc", uscc),
            ("decision", ["审核结论", "判定", "决定", "结论"]),
            ("note", ["备注", "说明"]),
        ],
    ]

    /// Folded title → field, per kind; built once.
    private static let index: [RecordKind: [String: String]] = {
        var out: [RecordKind: [String: String]] = [:]
        for (kind, fields) in table {
            var map: [String: String] = [:]
            for (field, titles) in fields {
                for t in titles + [field] { map[fold(t)] = field }
            }
            out[kind] = map
        }
        return out
    }()

    private static let ignoredIndex = Set(ignoredTitles.map(fold))

    /// What `title` means for `kind`.
    public static func match(kind: RecordKind, title: String) -> Match {
        let key = fold(title)
        if key.isEmpty { return .unknown }
        if let field = index[kind]?[key] { return .field(field) }
        if ignoredIndex.contains(key) { return .ignored }
        return .unknown
    }

    /// The form titles are compared in (see the type's comment).
    public static func fold(_ title: String) -> String {
        var s = title.precomposedStringWithCompatibilityMapping.lowercased()
        s.unicodeScalars.removeAll { c in
            c.properties.isWhitespace || c == "(" || c == ")" || c == "-" || c == "_" || c == "\u{200B}" || c == "\u{FEFF}"
        }
        while s.hasPrefix("*") { s.removeFirst() }
        while s.hasSuffix(":") { s.removeLast() }
        return s
    }
}
