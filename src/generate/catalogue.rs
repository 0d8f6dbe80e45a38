//! Fixed tables of the generator: skills, co-building unit types, demand templates and the words
//! place names are made of.
//!
//! Frequencies are relative weights, not shares. They encode what the domain reports describe:
//! in-service members are often teachers, civil servants, bank and hospital staff (tutoring,
//! phones and computers, mediation are common), retired members give elderly care and mediation,
//! while the trades residents ask for most at home (electrician, plumber, haircut, legal and
//! psychological help) are comparatively rare among volunteers.

/// A volunteer skill: its id in the file and how often volunteers hold it.
pub(super) struct Skill {
    /// Id written to the file.
    pub id: &'static str,
    /// Relative frequency among in-service members.
    pub working: f64,
    /// Relative frequency among retired members.
    pub retired: f64,
}

pub(super) const CLEANING: usize = 0;
pub(super) const ELDERLY_CARE: usize = 1;
pub(super) const TUTORING: usize = 2;
pub(super) const COMPUTER: usize = 3;
pub(super) const MEDIATION: usize = 4;
pub(super) const MEDICAL: usize = 5;
pub(super) const DRIVING: usize = 6;
pub(super) const REPAIR: usize = 7;
pub(super) const ELECTRICIAN: usize = 8;
pub(super) const PLUMBER: usize = 9;
pub(super) const LEGAL: usize = 10;
pub(super) const PSYCHOLOGY: usize = 11;
pub(super) const HAIRCUT: usize = 12;

/// The skills, in the order they are written inside a volunteer's or demand's list.
pub(super) const SKILLS: [Skill; 13] = [
    Skill { id: "cleaning", working: 12.0, retired: 14.0 }, // 环境清洁
    Skill { id: "elderly-care", working: 9.0, retired: 16.0 }, // 助老陪护
    Skill { id: "tutoring", working: 12.0, retired: 6.0 },  // 课业辅导
    Skill { id: "computer", working: 13.0, retired: 2.0 },  // 手机电脑
    Skill { id: "mediation", working: 7.0, retired: 14.0 }, // 矛盾调解
    Skill { id: "medical", working: 6.0, retired: 5.0 },    // 医疗保健
    Skill { id: "driving", working: 8.0, retired: 3.0 },    // 驾驶接送
    Skill { id: "repair", working: 5.0, retired: 6.0 },     // 家电维修
    Skill { id: "electrician", working: 3.5, retired: 4.0 }, // 电工
    Skill { id: "plumber", working: 2.5, retired: 3.5 },    // 水暖
    Skill { id: "legal", working: 3.0, retired: 2.0 },      // 法律咨询
    Skill { id: "psychology", working: 2.0, retired: 1.5 }, // 心理疏导
    Skill { id: "haircut", working: 1.0, retired: 3.0 },    // 理发
];

/// Resource kinds. Venue is in hours; funds and materials in yuan (materials at their value).
pub(super) const FUNDS: &str = "funds";
pub(super) const VENUE: &str = "venue";
pub(super) const MATERIALS: &str = "materials";

/// What a unit of a type may offer each month: kind, probability, range and rounding step.
pub(super) struct Offer {
    pub kind: &'static str,
    pub chance: f64,
    pub range: (f64, f64),
    pub step: f64,
}

/// A type of co-building unit (驻区单位).
pub(super) struct UnitType {
    /// Relative frequency.
    pub weight: f64,
    /// Name templates: `{c}` community word, `{s}` street word, `{d}` district name, `{x}` city
    /// name without its suffix.
    pub names: &'static [&'static str],
    /// Skills its members tend to have.
    pub skills: &'static [usize],
    /// What it offers.
    pub offers: &'static [Offer],
}

const fn offer(kind: &'static str, chance: f64, range: (f64, f64), step: f64) -> Offer {
    Offer { kind, chance, range, step }
}

const UNIT_FUNDS: (f64, f64) = (2000.0, 6000.0);
const UNIT_VENUE: (f64, f64) = (8.0, 32.0);
const UNIT_MATERIALS: (f64, f64) = (1500.0, 7000.0);

pub(super) const UNIT_TYPES: [UnitType; 11] = [
    UnitType {
        weight: 4.0,
        names: &["{s}供电所", "国网{x}供电公司{s}营业部"],
        skills: &[ELECTRICIAN, REPAIR],
        offers: &[offer(MATERIALS, 0.7, UNIT_MATERIALS, 500.0), offer(FUNDS, 0.3, UNIT_FUNDS, 500.0)],
    },
    UnitType {
        weight: 8.0,
        names: &["{d}人民医院", "{s}社区卫生服务中心", "{x}中医医院{s}分院", "{c}社区卫生服务站"],
        skills: &[MEDICAL, PSYCHOLOGY, ELDERLY_CARE],
        offers: &[
            offer(VENUE, 0.4, UNIT_VENUE, 2.0),
            offer(FUNDS, 0.4, UNIT_FUNDS, 500.0),
            offer(MATERIALS, 0.3, UNIT_MATERIALS, 500.0),
        ],
    },
    UnitType {
        weight: 12.0,
        names: &["{c}小学", "{s}中学", "{c}幼儿园", "{x}第{n}中学", "{s}实验小学"],
        skills: &[TUTORING, PSYCHOLOGY, COMPUTER],
        offers: &[offer(VENUE, 0.9, UNIT_VENUE, 2.0), offer(MATERIALS, 0.2, UNIT_MATERIALS, 500.0)],
    },
    UnitType {
        weight: 10.0,
        names: &["工商银行{s}支行", "建设银行{s}支行", "农业银行{c}分理处", "农商银行{s}支行", "邮储银行{c}营业所"],
        skills: &[COMPUTER, LEGAL],
        offers: &[offer(FUNDS, 0.9, UNIT_FUNDS, 500.0), offer(VENUE, 0.2, UNIT_VENUE, 2.0)],
    },
    UnitType {
        weight: 5.0,
        names: &["{s}司法所", "{c}律师事务所", "{d}人民法院{s}法庭"],
        skills: &[LEGAL, MEDIATION],
        offers: &[offer(VENUE, 0.6, UNIT_VENUE, 2.0), offer(FUNDS, 0.2, UNIT_FUNDS, 500.0)],
    },
    UnitType {
        weight: 12.0,
        names: &[
            "{d}税务局",
            "{d}市场监管局",
            "{d}住建局",
            "{d}民政局",
            "{d}城管执法局",
            "{d}人社局",
            "{d}退役军人事务局",
        ],
        skills: &[MEDIATION, COMPUTER, CLEANING, DRIVING],
        offers: &[offer(FUNDS, 0.6, UNIT_FUNDS, 500.0), offer(VENUE, 0.5, UNIT_VENUE, 2.0)],
    },
    UnitType {
        weight: 5.0,
        names: &["{s}派出所", "{d}交警大队{s}中队", "{s}消防救援站"],
        skills: &[MEDIATION, LEGAL, DRIVING],
        offers: &[offer(VENUE, 0.4, UNIT_VENUE, 2.0), offer(MATERIALS, 0.3, UNIT_MATERIALS, 500.0)],
    },
    UnitType {
        weight: 14.0,
        names: &["{c}物业服务公司", "{s}物业管理有限公司", "{c}红色物业服务站"],
        skills: &[REPAIR, PLUMBER, ELECTRICIAN, CLEANING],
        offers: &[offer(MATERIALS, 0.7, UNIT_MATERIALS, 500.0), offer(VENUE, 0.3, UNIT_VENUE, 2.0)],
    },
    UnitType {
        weight: 10.0,
        names: &["{c}超市", "{s}生活超市", "{s}农贸市场"],
        skills: &[DRIVING, CLEANING],
        offers: &[offer(MATERIALS, 0.9, UNIT_MATERIALS, 500.0), offer(FUNDS, 0.2, UNIT_FUNDS, 500.0)],
    },
    UnitType {
        weight: 6.0,
        names: &["中国移动{s}营业厅", "中国电信{s}营业厅", "中国联通{c}营业厅"],
        skills: &[COMPUTER],
        offers: &[offer(MATERIALS, 0.6, UNIT_MATERIALS, 500.0), offer(FUNDS, 0.3, UNIT_FUNDS, 500.0)],
    },
    UnitType {
        weight: 4.0,
        names: &["{x}水务集团{s}营业所", "{x}燃气公司{s}服务站"],
        skills: &[PLUMBER, REPAIR],
        offers: &[offer(MATERIALS, 0.8, UNIT_MATERIALS, 500.0)],
    },
];

/// Who a demand is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    /// An elderly resident: weighted higher, more frequent in old communities.
    Elderly,
    /// A child.
    Child,
    /// A household in difficulty or any resident.
    Family,
    /// Elderly or not, by the community's share of elderly households.
    Anyone,
}

pub(super) const ELDERLY: [&str; 5] = ["独居老人", "空巢老人", "高龄老人", "失能老人", "孤寡老人"];
pub(super) const CHILDREN: [&str; 4] = ["留守儿童", "困难家庭儿童", "残疾儿童", "双职工家庭孩子"];
pub(super) const FAMILIES: [&str; 7] =
    ["残疾人家庭", "低保户", "困难职工家庭", "退役军人家庭", "困难党员家庭", "单亲家庭", "居民"];

/// A home service (kind `service`): one skill, a person or two, 1–3 hours.
pub(super) struct ServiceTemplate {
    pub weight: f64,
    pub who: Who,
    pub action: &'static str,
    pub skill: usize,
    /// Probability of a second person (lifting, bathing, accompanying).
    pub pair: f64,
    pub hours: (f64, f64),
    /// Probability and range of a funds need (parts, consumables).
    pub funds: (f64, f64, f64),
}

const fn service(
    weight: f64,
    who: Who,
    action: &'static str,
    skill: usize,
    pair: f64,
    hours: (f64, f64),
    funds: (f64, f64, f64),
) -> ServiceTemplate {
    ServiceTemplate { weight, who, action, skill, pair, hours, funds }
}

const NO_FUNDS: (f64, f64, f64) = (0.0, 0.0, 0.0);

pub(super) const SERVICES: [ServiceTemplate; 25] = [
    service(8.0, Who::Elderly, "助浴服务", ELDERLY_CARE, 0.7, (1.5, 2.5), NO_FUNDS),
    service(7.0, Who::Elderly, "上门陪伴聊天", ELDERLY_CARE, 0.0, (1.5, 2.5), NO_FUNDS),
    service(6.0, Who::Elderly, "陪同就医", ELDERLY_CARE, 0.3, (2.0, 3.0), NO_FUNDS),
    service(4.0, Who::Elderly, "代购生活用品", ELDERLY_CARE, 0.0, (1.0, 2.0), NO_FUNDS),
    service(7.0, Who::Elderly, "上门测量血压血糖", MEDICAL, 0.0, (1.0, 1.5), NO_FUNDS),
    service(4.0, Who::Anyone, "用药指导", MEDICAL, 0.0, (1.0, 1.5), NO_FUNDS),
    service(3.0, Who::Elderly, "康复护理指导", MEDICAL, 0.0, (1.5, 2.0), NO_FUNDS),
    service(6.0, Who::Anyone, "更换灯泡", ELECTRICIAN, 0.0, (1.0, 1.0), (0.6, 20.0, 60.0)),
    service(5.0, Who::Anyone, "检修老化线路", ELECTRICIAN, 0.3, (2.0, 3.0), (0.7, 100.0, 300.0)),
    service(3.0, Who::Anyone, "安装插座", ELECTRICIAN, 0.0, (1.0, 1.5), (0.8, 30.0, 80.0)),
    service(5.0, Who::Anyone, "维修漏水水管", PLUMBER, 0.0, (1.5, 2.5), (0.7, 50.0, 200.0)),
    service(4.0, Who::Anyone, "疏通下水道", PLUMBER, 0.3, (1.0, 2.0), NO_FUNDS),
    service(3.0, Who::Anyone, "更换水龙头", PLUMBER, 0.0, (1.0, 1.0), (0.9, 40.0, 120.0)),
    service(5.0, Who::Anyone, "维修家用电器", REPAIR, 0.2, (1.5, 2.5), (0.4, 50.0, 200.0)),
    service(3.0, Who::Anyone, "修理门锁", REPAIR, 0.0, (1.0, 1.0), (0.8, 50.0, 150.0)),
    service(3.0, Who::Elderly, "安装防滑扶手", REPAIR, 0.5, (1.5, 2.5), (0.9, 100.0, 250.0)),
    service(6.0, Who::Elderly, "教用智能手机", COMPUTER, 0.0, (1.0, 2.0), NO_FUNDS),
    service(3.0, Who::Anyone, "协助办理线上医保", COMPUTER, 0.0, (1.0, 1.0), NO_FUNDS),
    service(6.0, Who::Child, "暑假作业辅导", TUTORING, 0.0, (2.0, 3.0), NO_FUNDS),
    service(3.0, Who::Child, "英语口语辅导", TUTORING, 0.0, (1.5, 2.0), NO_FUNDS),
    service(5.0, Who::Elderly, "上门理发", HAIRCUT, 0.0, (1.0, 1.0), NO_FUNDS),
    service(4.0, Who::Anyone, "法律咨询", LEGAL, 0.0, (1.0, 2.0), NO_FUNDS),
    service(3.0, Who::Anyone, "心理疏导", PSYCHOLOGY, 0.0, (1.0, 2.0), NO_FUNDS),
    service(3.0, Who::Elderly, "接送透析就医", DRIVING, 0.0, (2.0, 3.0), NO_FUNDS),
    service(4.0, Who::Anyone, "家庭保洁", CLEANING, 0.5, (2.0, 3.0), NO_FUNDS),
];

/// A small wish (微心愿): an item bought with funds, sometimes with a light skill to deliver it.
pub(super) struct WishTemplate {
    pub weight: f64,
    pub who: Who,
    pub item: &'static str,
    pub skill: Option<usize>,
    pub price: (f64, f64),
}

const fn wish(weight: f64, who: Who, item: &'static str, skill: Option<usize>, price: (f64, f64)) -> WishTemplate {
    WishTemplate { weight, who, item, skill, price }
}

pub(super) const WISHES: [WishTemplate; 24] = [
    wish(5.0, Who::Child, "一个新书包", None, (80.0, 150.0)),
    wish(4.0, Who::Child, "一套课外读物", None, (60.0, 150.0)),
    wish(3.0, Who::Child, "一套绘画工具", None, (50.0, 120.0)),
    wish(3.0, Who::Child, "一个篮球", None, (80.0, 150.0)),
    wish(4.0, Who::Child, "一台护眼台灯", None, (100.0, 200.0)),
    wish(3.0, Who::Child, "一双运动鞋", None, (150.0, 300.0)),
    wish(4.0, Who::Elderly, "一副老花镜", None, (50.0, 120.0)),
    wish(3.0, Who::Elderly, "一根助行拐杖", None, (60.0, 150.0)),
    wish(3.0, Who::Elderly, "一台收音机", None, (60.0, 150.0)),
    wish(5.0, Who::Elderly, "一台电风扇", None, (120.0, 250.0)),
    wish(4.0, Who::Elderly, "一床凉席", None, (80.0, 200.0)),
    wish(3.0, Who::Elderly, "一台血压计", None, (150.0, 300.0)),
    wish(1.5, Who::Elderly, "一辆轮椅", None, (350.0, 500.0)),
    wish(3.0, Who::Family, "一台电饭煲", None, (150.0, 300.0)),
    wish(2.0, Who::Family, "一套床上用品", None, (150.0, 300.0)),
    wish(1.5, Who::Family, "一台洗衣机", None, (400.0, 500.0)),
    wish(3.0, Who::Family, "一袋米和一桶油", None, (100.0, 180.0)),
    wish(4.0, Who::Elderly, "学会用手机视频通话", Some(COMPUTER), (50.0, 100.0)),
    wish(4.0, Who::Elderly, "过一次生日", Some(ELDERLY_CARE), (80.0, 200.0)),
    wish(2.0, Who::Elderly, "上门理一次发", Some(HAIRCUT), (50.0, 80.0)),
    wish(3.0, Who::Elderly, "打扫一次家里卫生", Some(CLEANING), (50.0, 100.0)),
    wish(3.0, Who::Child, "有人辅导暑假作业", Some(TUTORING), (50.0, 100.0)),
    wish(2.0, Who::Child, "参加一次暑期安全课", Some(TUTORING), (50.0, 80.0)),
    wish(2.0, Who::Family, "修好家里的旧电视", Some(REPAIR), (80.0, 200.0)),
];

/// A neighbourhood problem (kind `problem`): a team of 2–5, 2–4 hours, often resources.
pub(super) struct ProblemTemplate {
    pub weight: f64,
    pub title: &'static str,
    pub skill: Option<usize>,
    pub people: (i64, i64),
    pub hours: (f64, f64),
    /// Probability of needing a venue for the event's hours.
    pub venue: f64,
    /// Probability and range of a materials need (yuan).
    pub materials: (f64, f64, f64),
    /// Probability and range of a funds need (yuan).
    pub funds: (f64, f64, f64),
}

#[allow(clippy::too_many_arguments)]
const fn problem(
    weight: f64,
    title: &'static str,
    skill: Option<usize>,
    people: (i64, i64),
    hours: (f64, f64),
    venue: f64,
    materials: (f64, f64, f64),
    funds: (f64, f64, f64),
) -> ProblemTemplate {
    ProblemTemplate { weight, title, skill, people, hours, venue, materials, funds }
}

pub(super) const PROBLEMS: [ProblemTemplate; 20] = [
    problem(6.0, "楼道杂物清理", Some(CLEANING), (3, 5), (2.0, 3.0), 0.0, (0.2, 200.0, 500.0), (0.4, 200.0, 800.0)),
    problem(
        5.0,
        "小区卫生死角整治",
        Some(CLEANING),
        (3, 5),
        (2.0, 3.0),
        0.0,
        (0.2, 200.0, 600.0),
        (0.5, 300.0, 1000.0),
    ),
    problem(3.0, "楼道墙面粉刷", Some(CLEANING), (3, 5), (3.0, 4.0), 0.0, (0.3, 500.0, 1500.0), (0.7, 800.0, 2500.0)),
    problem(3.0, "小区绿化带补种", Some(CLEANING), (3, 5), (2.5, 3.5), 0.0, (0.4, 500.0, 1500.0), (0.4, 300.0, 1000.0)),
    problem(
        4.0,
        "小区路灯维修",
        Some(ELECTRICIAN),
        (2, 3),
        (2.0, 3.0),
        0.0,
        (0.3, 300.0, 1500.0),
        (0.6, 300.0, 1500.0),
    ),
    problem(
        3.0,
        "楼道感应灯更换",
        Some(ELECTRICIAN),
        (2, 3),
        (2.0, 2.5),
        0.0,
        (0.3, 200.0, 600.0),
        (0.6, 200.0, 800.0),
    ),
    problem(3.0, "下水管道堵塞疏通", Some(PLUMBER), (2, 3), (2.0, 3.0), 0.0, NO_FUNDS, (0.7, 300.0, 1200.0)),
    problem(
        3.0,
        "老旧小区加装楼梯扶手",
        Some(REPAIR),
        (3, 4),
        (3.0, 4.0),
        0.0,
        (0.4, 800.0, 2500.0),
        (0.6, 500.0, 2000.0),
    ),
    problem(3.0, "健身器材维修", Some(REPAIR), (2, 3), (2.0, 3.0), 0.0, (0.3, 300.0, 1200.0), (0.5, 300.0, 1200.0)),
    problem(3.0, "电动车充电桩安装议事会", Some(MEDIATION), (3, 5), (2.0, 2.5), 1.0, NO_FUNDS, NO_FUNDS),
    problem(3.0, "邻里噪音纠纷调解", Some(MEDIATION), (2, 3), (2.0, 2.0), 0.5, NO_FUNDS, NO_FUNDS),
    problem(3.0, "停车难问题协商会", Some(MEDIATION), (3, 5), (2.0, 3.0), 1.0, NO_FUNDS, NO_FUNDS),
    problem(4.0, "汛期排水隐患排查", None, (3, 5), (2.0, 3.0), 0.0, (0.3, 300.0, 1200.0), (0.3, 200.0, 800.0)),
    problem(3.0, "反诈宣传进小区", Some(LEGAL), (2, 4), (2.0, 3.0), 0.7, NO_FUNDS, (0.4, 200.0, 600.0)),
    problem(2.0, "老年人防诈骗讲座", Some(LEGAL), (2, 3), (2.0, 2.5), 1.0, NO_FUNDS, (0.3, 100.0, 300.0)),
    problem(3.0, "义诊进社区", Some(MEDICAL), (3, 5), (3.0, 4.0), 0.8, (0.3, 300.0, 1200.0), (0.3, 200.0, 800.0)),
    problem(
        3.0,
        "暑期儿童托管课堂",
        Some(TUTORING),
        (3, 5),
        (3.0, 4.0),
        1.0,
        (0.3, 200.0, 800.0),
        (0.5, 300.0, 1200.0),
    ),
    problem(2.0, "防溺水安全宣传", None, (2, 4), (2.0, 2.5), 0.3, (0.2, 200.0, 500.0), (0.3, 100.0, 400.0)),
    problem(2.0, "垃圾分类宣传", Some(CLEANING), (3, 5), (2.0, 3.0), 0.2, (0.3, 200.0, 600.0), (0.3, 200.0, 500.0)),
    problem(
        2.0,
        "困难群众走访慰问",
        Some(ELDERLY_CARE),
        (2, 3),
        (2.0, 3.0),
        0.0,
        (0.5, 500.0, 2000.0),
        (0.6, 500.0, 1500.0),
    ),
];

/// An urgent safety repair or mandated visit that must be met this month (`must`).
pub(super) struct MustTemplate {
    /// Title with `{who}` for an elderly resident or `{g}` for the grid number.
    pub title: &'static str,
    /// `service` at someone's home or `problem` of a building.
    pub kind: &'static str,
    pub skill: usize,
    pub people: i64,
    pub hours: f64,
    /// Funds for parts, when the upper end is positive.
    pub funds: (f64, f64),
}

const fn must(
    title: &'static str,
    kind: &'static str,
    skill: usize,
    people: i64,
    hours: f64,
    funds: (f64, f64),
) -> MustTemplate {
    MustTemplate { title, kind, skill, people, hours, funds }
}

pub(super) const MUSTS: [MustTemplate; 6] = [
    must("{who}家中电线老化紧急更换", "service", ELECTRICIAN, 1, 2.0, (100.0, 300.0)),
    must("{who}家中燃气软管老化紧急更换", "service", PLUMBER, 1, 1.5, (50.0, 150.0)),
    must("{who}家中屋顶漏水紧急修补", "service", REPAIR, 2, 2.0, (200.0, 600.0)),
    must("高温天气{who}上门巡访", "service", ELDERLY_CARE, 1, 1.5, (0.0, 0.0)),
    must("第{g}网格消防通道堆物紧急清理", "problem", CLEANING, 2, 2.0, (0.0, 0.0)),
    must("第{g}网格楼道配电箱安全隐患整改", "problem", ELECTRICIAN, 2, 2.0, (150.0, 400.0)),
];

/// Two-character words that street and community names are made of.
pub(super) const WORDS: [&str; 162] = [
    "仁德", "建设", "胜利", "解放", "人民", "和平", "光明", "幸福", "新华", "东风", "长虹", "清河", "汉江", "春园",
    "檀溪", "古城", "柳林", "花园", "广场", "金华", "民主", "团结", "友谊", "育才", "文化", "体育", "振兴", "富康",
    "安居", "康乐", "长丰", "永安", "太平", "兴隆", "朝阳", "向阳", "红旗", "前进", "新民", "大庆", "中原", "南湖",
    "西湖", "东湖", "荷花", "桃园", "梨园", "杏林", "松鹤", "银杏", "紫荆", "丁香", "芙蓉", "牡丹", "月季", "玉兰",
    "樱花", "翠竹", "青松", "白云", "彩虹", "星光", "明珠", "金桥", "银河", "碧水", "龙泉", "凤凰", "麒麟", "卧龙",
    "隆中", "檀香", "米公", "鹿门", "岘山", "真武", "铁佛", "屏襄", "定中", "王寨", "柿铺", "米庄", "东津", "庞公",
    "滨江", "临江", "沿江", "江华", "江南", "江北", "城东", "城西", "城南", "城北", "站前", "铁路", "电厂", "纺织",
    "机电", "轴承", "棉纺", "油坊", "马院", "书院", "学府", "书香", "锦绣", "锦华", "华庭", "美景", "丽景", "枫林",
    "桂园", "竹园", "梅园", "菊园", "兰亭", "清风", "明月", "晓光", "曙光", "晨光", "春晖", "秋实", "丰收", "百花",
    "千禧", "万山", "百福", "长寿", "福寿", "吉祥", "如意", "和谐", "和顺", "顺安", "安康", "宁康", "泰和", "泰安",
    "平安", "祥和", "新城", "新村", "新街", "新桥", "老街", "北门", "南门", "东门", "西门", "小北", "大西", "樊西",
    "襄南", "盛丰", "永丰", "双桥", "三元", "四方", "五里", "六合",
];

/// Endings that make community names out of words (仁德社区, 檀溪路社区, 春园里社区, ...).
pub(super) const COMMUNITY_ENDINGS: [&str; 10] = ["", "路", "里", "苑", "园", "街", "湾", "坊", "桥", "巷"];
