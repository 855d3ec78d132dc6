/// The vocabulary of the synthetic filings: enumeration values as regctl spells them, and the
/// Chinese words names are made of. Values never hold a comma, quote, `<` or `&`, so no field
/// needs quoting or escaping (the writers quote and escape all the same).
enum Words {
    static let programs: [StaticString] = ["little-giant", "specialized-sme", "innovative-sme", "single-champion", "high-tech"]
    static let levels: [StaticString] = ["national", "provincial", "municipal"]
    static let parkKinds: [StaticString] = ["high-tech-zone", "economic-zone", "other"]
    static let parkIDKinds: [StaticString] = ["htz", "etz", "ip"]
    static let parkNames: [[UInt8]] = ["高新技术产业开发区", "经济技术开发区", "工业园区"].map(bytes)
    static let parkShortNames: [[UInt8]] = ["高新区", "经开区", "工业园"].map(bytes)
    static let incubatorKinds: [StaticString] = ["incubator", "maker-space", "accelerator"]
    static let incubatorSuffix: [[UInt8]] = ["科技企业孵化器", "众创空间", "产业加速器"].map(bytes)
    static let incubatorWords: [[UInt8]] = ["创业中心", "科技园", "创新港", "智造谷", "创客汇", "双创基地", "科创中心", "众创谷",
                                            "留学人员创业园", "大学科技园", "软件园", "生物医药港"].map(bytes)
    static let focus: [[UInt8]] = ["智能制造", "新材料", "生物医药", "电子信息", "新能源", "数字经济", "先进装备",
                                   "节能环保", "人工智能", "集成电路", "航空航天", "轨道交通"].map(bytes)
    static let intakes: [StaticString] = ["local", "introduced", "spinoff"]
    static let sourceKinds: [StaticString] = ["university", "institute", "enterprise", "rd-institution", "other"]
    static let modes: [StaticString] = ["self", "transfer", "license", "cooperation", "equity", "other"]
    static let modeWords: [[UInt8]] = ["自行实施", "转让", "许可", "合作实施", "作价投资", "转化"].map(bytes)
    static let channels: [StaticString] = ["local", "enclave", "other"]

    /// 64 characters; four of them (a base-64 numeral of the firm's number) make each firm's trade
    /// name (字号) unique, so every name is unique and a designation by name resolves to one firm.
    static let nameCharacters: [[UInt8]] = {
        let text = "华科博远德润中泰鼎力恒通瑞丰精工智能新材光电时代联创宏达兴盛安顺嘉和永信诚天宇正源海纳金石图卓越先锋汇万东方明辉启航晨锦程隆昌泽"
        let chars = text.map { Array(String($0).utf8) }
        precondition(chars.count == 64 && Set(chars).count == 64, "need 64 distinct name characters, have \(chars.count) (\(Set(chars).count) distinct)")
        return chars
    }()

    /// GB/T 4754-2017 classes with the word a firm of the class puts in its name.
    static let industries: [(code: [UInt8], word: [UInt8])] = [
        ("C2614", "化工新材料"), ("C2710", "医药"), ("C2770", "生物科技"), ("C3073", "精密陶瓷"), ("C3311", "金属制品"),
        ("C3411", "动力装备"), ("C3435", "机械"), ("C3484", "精密机械"), ("C3562", "电子设备"), ("C3576", "智能装备"),
        ("C3670", "汽车零部件"), ("C3714", "轨道交通装备"), ("C3741", "航空科技"), ("C3811", "电机"), ("C3825", "光伏科技"),
        ("C3841", "新能源"), ("C3874", "照明科技"), ("C3914", "计算机"), ("C3919", "智能科技"), ("C3971", "电子元件"),
        ("C3976", "光电科技"), ("C3982", "电子"), ("C4011", "仪器仪表"), ("C4014", "测控技术"), ("I6510", "软件"),
        ("I6513", "信息技术"), ("I6520", "网络科技"), ("M7320", "检测技术"), ("M7520", "技术服务"),
    ].map { (bytes($0.0), bytes($0.1)) }

    /// Sources of technology transfers by source kind (university, institute, enterprise, rd-institution, other).
    static let sources: [[[UInt8]]] = [
        ["中南大学", "湖南大学", "清华大学", "浙江大学", "上海交通大学", "华中科技大学", "西安交通大学", "哈尔滨工业大学",
         "北京航空航天大学", "电子科技大学", "中山大学", "山东大学", "四川大学", "东南大学", "武汉大学", "南京大学", "同济大学",
         "天津大学", "大连理工大学", "吉林大学", "湘潭大学", "华南理工大学", "西北工业大学", "重庆大学"].map(bytes),
        ["中国科学院金属研究所", "中国科学院微电子研究所", "中国科学院宁波材料技术与工程研究所", "中国工程物理研究院",
         "中国电子科技集团公司第四十八研究所", "机械科学研究总院", "中国科学院深圳先进技术研究院", "中国科学院大连化学物理研究所"].map(bytes),
        ["中车株洲电力机车研究所有限公司", "华为技术有限公司", "比亚迪股份有限公司", "三一重工股份有限公司", "格力电器股份有限公司"].map(bytes),
        ["北京量子信息科学研究院", "之江实验室", "鹏城实验室", "深圳清华大学研究院", "长沙智能制造研究总院"].map(bytes),
        ["个人发明人", "某技术转移中心"].map(bytes),
    ]
    static let techWords: [[UInt8]] = ["高精度", "低功耗", "大功率", "耐高温", "高可靠", "轻量化", "智能化", "高效率", "微型", "柔性"].map(bytes)
    static let techObjects: [[UInt8]] = ["碳化硅功率器件", "轴承", "传感器", "锂电池正极材料", "伺服电机", "激光雷达", "工业软件",
                                         "齿轮箱", "光纤放大器", "生物催化剂", "陶瓷基复合材料", "控制芯片", "医用导管", "液压阀"].map(bytes)
    static let techKinds: [[UInt8]] = ["制备方法", "加工工艺", "检测方法", "控制系统", "结构设计", "专利组合"].map(bytes)

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
}
