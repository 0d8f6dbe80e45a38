//! The one dictionary of the spreadsheet form: every sheet and column with its Chinese and
//! English name, the JSON field it fills, the kind of cell it holds, its default and its
//! meaning. The reader, the writer and the template all work from these tables, so a column
//! can only mean one thing.

/// The lists of an instance, one sheet each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sheet {
    /// Slots of the month.
    Slots,
    /// The region tree.
    Regions,
    /// Co-building units.
    Units,
    /// Volunteers.
    Volunteers,
    /// Resources.
    Resources,
    /// Demands.
    Demands,
    /// Explicit demand–volunteer pairs.
    Arcs,
    /// Instance-wide rules as key / value rows.
    Policy,
    /// The changes of a re-plan (`replan --changes`), not part of an instance.
    Changes,
}

/// How many sheets there are (the length of [`SHEETS`]).
pub const SHEET_COUNT: usize = 8;

/// What a cell holds, which decides how it is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellType {
    /// Free text (ids, names, kinds).
    Text,
    /// A number.
    Number,
    /// A whole number.
    Whole,
    /// 是/否, Y/N, yes/no, true/false, 1/0.
    Bool,
    /// A list of words separated by `、，,；; /` or spaces.
    Words,
    /// A list of slots: slot ids, dates or date cells with a part of the day.
    Slots,
    /// A latitude in degrees.
    Latitude,
    /// A longitude in degrees.
    Longitude,
    /// `lat,lon` in one cell.
    Point,
    /// `kind:amount` items in one cell.
    Needs,
    /// A remark that is not read.
    Notes,
}

/// A fixed set of words a column takes, offered as a drop-down list in workbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// Any text.
    Free,
    /// 是 / 否.
    YesNo,
    /// The known resource kinds.
    Kinds,
    /// The usual region levels.
    Levels,
}

impl Choices {
    /// The words of the drop-down list, and whether other words are still allowed.
    pub fn words(self) -> Option<(Vec<&'static str>, bool)> {
        match self {
            Choices::Free => None,
            Choices::YesNo => Some((vec!["是", "否"], false)),
            Choices::Kinds => Some((KINDS.iter().map(|k| k.en).collect(), true)),
            Choices::Levels => Some((LEVELS.iter().map(|l| l.0).collect(), true)),
        }
    }
}

/// One column of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    /// Chinese header.
    pub zh: &'static str,
    /// English header, unique within the sheet; the reader and writer name columns by it.
    pub en: &'static str,
    /// Other accepted headers.
    pub aliases: &'static [&'static str],
    /// The JSON field of the list item it fills (`at` for latitude, longitude and point).
    pub json: &'static str,
    /// What the cell holds.
    pub cell: CellType,
    /// Whether every row must fill it.
    pub required: bool,
    /// Drop-down words.
    pub choices: Choices,
    /// Default when empty, in Chinese.
    pub default_zh: &'static str,
    /// Meaning, in Chinese.
    pub about_zh: &'static str,
    /// Meaning and default, in English.
    pub about_en: &'static str,
}

/// One sheet of the spreadsheet form.
#[derive(Debug, Clone, Copy)]
pub struct SheetDef {
    /// Which list.
    pub sheet: Sheet,
    /// Chinese sheet name.
    pub zh: &'static str,
    /// English sheet name, also the JSON list name.
    pub en: &'static str,
    /// Other accepted sheet names.
    pub aliases: &'static [&'static str],
    /// Whether an instance must have it.
    pub required: bool,
    /// Its columns, in the order written.
    pub columns: &'static [ColumnDef],
    /// Meaning, in Chinese.
    pub about_zh: &'static str,
    /// Meaning, in English.
    pub about_en: &'static str,
}

impl SheetDef {
    /// The name written on sheets and CSV files: `需求清单 demands`.
    pub fn title(&self) -> String {
        format!("{} {}", self.zh, self.en)
    }

    /// The column whose English name is `en`.
    pub fn column(&self, en: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.en == en)
    }
}

impl ColumnDef {
    /// The header written by the project: `人数 people`.
    pub fn title(&self) -> String {
        format!("{} {}", self.zh, self.en)
    }
}

/// A resource kind with a Chinese name.
#[derive(Debug, Clone, Copy)]
pub struct KindDef {
    /// Chinese name, e.g. 资金.
    pub zh: &'static str,
    /// The kind as written in instances, e.g. `funds`.
    pub en: &'static str,
}

/// Resource kinds planners use; any other kind present in the resources sheet is accepted too.
pub const KINDS: &[KindDef] = &[
    KindDef { zh: "资金", en: "funds" },
    KindDef { zh: "场地", en: "venue" },
    KindDef { zh: "物资", en: "materials" },
];

/// Usual region levels (English word, Chinese word), offered in drop-downs.
pub const LEVELS: &[(&str, &str)] = &[
    ("city", "市"),
    ("district", "区"),
    ("county", "县"),
    ("street", "街道"),
    ("town", "镇"),
    ("community", "社区"),
    ("grid", "网格"),
];

/// A column description with the defaults that most columns share.
const fn col(zh: &'static str, en: &'static str, json: &'static str, cell: CellType) -> ColumnDef {
    ColumnDef {
        zh,
        en,
        aliases: &[],
        json,
        cell,
        required: false,
        choices: Choices::Free,
        default_zh: "",
        about_zh: "",
        about_en: "",
    }
}

impl ColumnDef {
    const fn required(mut self) -> Self {
        self.required = true;
        self
    }
    const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }
    const fn choices(mut self, choices: Choices) -> Self {
        self.choices = choices;
        self
    }
    const fn about(mut self, default_zh: &'static str, about_zh: &'static str, about_en: &'static str) -> Self {
        self.default_zh = default_zh;
        self.about_zh = about_zh;
        self.about_en = about_en;
        self
    }
}

use CellType::*;

const NOTES: ColumnDef = col("备注", "notes", "", Notes).aliases(&["说明", "remark", "remarks"]).about(
    "",
    "备注，不读入",
    "remarks; not read",
);
const LAT: ColumnDef = col("纬度", "lat", "at", Latitude).aliases(&["latitude"]).about(
    "无",
    "纬度（度），与经度一起填写；无配对表时必填",
    "latitude in degrees, with lat and lon together; required when the arcs sheet is empty; none by default",
);
const LON: ColumnDef = col("经度", "lon", "at", Longitude).aliases(&["lng", "longitude"]).about(
    "无",
    "经度（度）",
    "longitude in degrees",
);
const AT: ColumnDef = col("坐标", "at", "at", Point).about(
    "无",
    "“纬度,经度”写在一格，可代替纬度、经度两列",
    "`lat,lon` in one cell, instead of the lat and lon columns",
);

const SLOT_COLUMNS: &[ColumnDef] = &[
    col("时段", "id", "id", Text).required().aliases(&["编号"]).about(
        "",
        "时段编号，如 2026-07-03am；可填日期格",
        "slot id, e.g. 2026-07-03am; a date cell is read as its date",
    ),
    col("可服务小时", "hours", "hours", Number).about(
        "不限",
        "每名志愿者在该时段最多服务小时",
        "hours one volunteer may give in the slot; unlimited by default",
    ),
    NOTES,
];

const REGION_COLUMNS: &[ColumnDef] = &[
    col("编号", "id", "id", Text).required().about("", "区域编号，唯一", "unique region id"),
    col("上级", "parent", "parent", Text).about("无（根）", "上级区域编号", "parent region id; none for a root"),
    col("层级", "level", "level", Text).choices(Choices::Levels).about(
        "无",
        "层级，如 street、community、grid",
        "level name, e.g. street, community, grid",
    ),
    col("名称", "name", "name", Text).about("无", "名称，如 仁德社区", "display name, e.g. 仁德社区"),
    NOTES,
];

const UNIT_COLUMNS: &[ColumnDef] = &[
    col("编号", "id", "id", Text).required().about("", "单位编号，唯一", "unique unit id"),
    col("名称", "name", "name", Text).about("无", "单位名称", "display name"),
    col("所在区域", "region", "region", Text).about("无", "单位所在区域编号", "region where the unit sits"),
    NOTES,
];

const VOLUNTEER_COLUMNS: &[ColumnDef] = &[
    col("编号", "id", "id", Text).required().about("", "志愿者编号，唯一", "unique volunteer id"),
    col("姓名", "name", "name", Text).about("无", "姓名", "display name"),
    col("报到社区", "region", "region", Text).aliases(&["区域", "社区"]).about(
        "无",
        "报到的区域编号",
        "region the volunteer reports to",
    ),
    col("单位", "unit", "unit", Text).about("无", "所在单位编号", "the volunteer's unit"),
    LAT,
    LON,
    AT,
    col("技能", "skills", "skills", Words).about("无", "持有的技能，多个用顿号分隔", "skills held; none by default"),
    col("可服务小时", "hours", "hours", Number).about(
        "不限",
        "本月最多服务小时",
        "hours over the month; unlimited by default",
    ),
    col("可服务时段", "slots", "slots", Slots).aliases(&["时段"]).about(
        "全部时段",
        "可服务的时段",
        "available slots; every slot by default",
    ),
    col("最多任务数", "max_tasks", "max_tasks", Whole).about(
        "不限",
        "本月最多承担几项",
        "most assignments; unlimited by default",
    ),
    col("最多备岗", "max_standby", "max_standby", Whole).about(
        "不限",
        "本月最多备岗几次",
        "most standby duties; unlimited by default",
    ),
    NOTES,
];

const RESOURCE_COLUMNS: &[ColumnDef] = &[
    col("编号", "id", "id", Text).required().about("", "资源编号，唯一", "unique resource id"),
    col("单位", "unit", "unit", Text).about(
        "无",
        "提供资源的单位编号（社区自有经费可不填）",
        "offering unit; none for a community's own fund",
    ),
    col("种类", "kind", "kind", Text).required().choices(Choices::Kinds).about(
        "",
        "资源种类，如 funds（资金）、venue（场地）、materials（物资）",
        "resource kind, e.g. funds, venue, materials",
    ),
    col("数量", "amount", "amount", Number).required().about("", "本月总量", "total amount over the month"),
    col("服务区域", "serves", "serves", Words).about(
        "无",
        "可服务的区域编号（含其下级）",
        "regions served (and the regions below them)",
    ),
    NOTES,
];

const DEMAND_COLUMNS: &[ColumnDef] = &[
    col("编号", "id", "id", Text).required().about("", "需求编号，唯一", "unique demand id"),
    col("社区", "region", "region", Text).aliases(&["区域"]).about(
        "无",
        "需求所在区域编号",
        "region the demand comes from",
    ),
    LAT,
    LON,
    AT,
    col("类型", "kind", "kind", Text).about(
        "无",
        "类型，如 wish（微心愿）、service、problem",
        "free kind label: wish, service, problem",
    ),
    col("标题", "title", "title", Text).aliases(&["名称"]).about(
        "无",
        "需求内容，如 独居老人更换灯泡",
        "display title",
    ),
    col("技能", "skills", "skills", Words).about(
        "无",
        "每名队员都须具备的技能",
        "skills every volunteer of the team must hold; none by default",
    ),
    col("人数", "people", "people", Whole).about("1", "需要几人", "team size; 1 by default"),
    col("备岗人数", "standby", "standby", Whole).about("0", "另需几名备岗", "backup volunteers; none by default"),
    col("每人小时", "hours", "hours", Number).aliases(&["时长"]).about(
        "1",
        "每人服务小时",
        "hours per volunteer; 1 by default",
    ),
    col("时段", "slots", "slots", Slots).about("全部时段", "可安排的时段", "allowed slots; every slot by default"),
    col("资源需求", "needs", "needs", Needs).about(
        "无",
        "所需资源，如 funds:120; venue:1；也可按种类分列（资金 funds 等列）",
        "resource needs as `funds:120; venue:1`, or one column per kind (资金 funds, ...); none by default",
    ),
    col("权重", "weight", "weight", Number).about("1", "完成它的价值", "value of meeting it; 1 by default"),
    col("必须完成", "must", "must", Bool).choices(Choices::YesNo).about(
        "否",
        "是否必须完成",
        "whether it must be met; no by default",
    ),
    NOTES,
];

const ARC_COLUMNS: &[ColumnDef] = &[
    col("需求", "demand", "demand", Text).required().about("", "需求编号", "demand id"),
    col("志愿者", "volunteer", "volunteer", Text).required().about("", "志愿者编号", "volunteer id"),
    col("成本", "cost", "cost", Number).about(
        "0",
        "这一配对的成本，可为负",
        "cost of the pair, may be negative; 0 by default",
    ),
    col("小时", "hours", "hours", Number).about(
        "需求的每人小时",
        "这一配对的服务小时",
        "hours of the pair; the demand's hours by default",
    ),
    NOTES,
];

const POLICY_COLUMNS: &[ColumnDef] = &[
    col("参数", "key", "", Text).required().aliases(&["项目", "键"]).about(
        "",
        "参数名，见下",
        "the rule's name, below",
    ),
    col("取值", "value", "", Text).required().aliases(&["值"]).about("", "参数值", "the rule's value"),
    NOTES,
];

const CHANGE_COLUMNS: &[ColumnDef] = &[
    col("变动", "change", "change", Text).required().aliases(&["变动类型", "kind"]).about(
        "",
        "变动类型：志愿者请假、时长调整、新增需求、取消需求、资源调整、取消时段（或其英文名）",
        "the change: volunteer_unavailable, volunteer_hours, demand_added, demand_cancelled, resource_amount, slot_cancelled (or the Chinese name)",
    ),
    col("志愿者", "volunteer", "volunteer", Text).about(
        "",
        "志愿者编号（志愿者请假、时长调整）",
        "volunteer id (volunteer_unavailable, volunteer_hours)",
    ),
    col("需求", "demand", "demand", Text).about(
        "",
        "需求编号（取消需求；新增需求时为新需求的编号）",
        "demand id (demand_cancelled; the new demand's id for demand_added)",
    ),
    col("资源", "resource", "resource", Text).about("", "资源编号（资源调整）", "resource id (resource_amount)"),
    col("数量", "amount", "amount", Number).about("", "资源调整后的总量", "the resource's new amount (resource_amount)"),
    col("时长", "hours", "hours", Number).aliases(&["每人小时", "可服务小时"]).about(
        "",
        "志愿者本月的新可服务小时（时长调整）；新增需求的每人小时",
        "the volunteer's new monthly hours (volunteer_hours); hours per volunteer of an added demand",
    ),
    col("时段", "slots", "slots", Slots).aliases(&["可服务时段"]).about(
        "整月",
        "请假的时段（空为整月）；取消的时段；新增需求可安排的时段",
        "slots lost (volunteer_unavailable; the whole month when empty), the slot cancelled (slot_cancelled), an added demand's slots",
    ),
    // An added demand's fields: the demands sheet's columns.
    DEMAND_COLUMNS[1],
    LAT,
    LON,
    AT,
    DEMAND_COLUMNS[5],
    DEMAND_COLUMNS[6],
    DEMAND_COLUMNS[7],
    DEMAND_COLUMNS[8],
    DEMAND_COLUMNS[9],
    DEMAND_COLUMNS[12],
    DEMAND_COLUMNS[13],
    DEMAND_COLUMNS[14].aliases(&["必须"]),
    NOTES,
];

/// The changes sheet or CSV file of `replan --changes`: one row per change.
pub const CHANGES_SHEET: SheetDef = SheetDef {
    sheet: Sheet::Changes,
    zh: "变动",
    en: "changes",
    aliases: &["变动清单"],
    required: true,
    columns: CHANGE_COLUMNS,
    about_zh: "派单后的变动，每行一项",
    about_en: "what happened after the plan was dispatched, one change per row",
};

/// The kinds of change of the changes sheet: Chinese name, the kind as written in a
/// `civic-match-changes/1` file.
pub const CHANGE_KINDS: &[(&str, &str)] = &[
    ("志愿者请假", "volunteer_unavailable"),
    ("时长调整", "volunteer_hours"),
    ("新增需求", "demand_added"),
    ("取消需求", "demand_cancelled"),
    ("资源调整", "resource_amount"),
    ("取消时段", "slot_cancelled"),
];

/// Every sheet, in the order written (and read: slots before the lists that name slots,
/// resources before demands whose need columns are named after resource kinds).
pub const SHEETS: [SheetDef; SHEET_COUNT] = [
    SheetDef {
        sheet: Sheet::Slots,
        zh: "时段",
        en: "slots",
        aliases: &[],
        required: false,
        columns: SLOT_COLUMNS,
        about_zh: "本月可安排的时段；没有此表时整月为一个时段 month",
        about_en: "the month's slots; without this sheet the month is one slot `month`",
    },
    SheetDef {
        sheet: Sheet::Regions,
        zh: "区域",
        en: "regions",
        aliases: &["区域树", "网格"],
        required: false,
        columns: REGION_COLUMNS,
        about_zh: "区域树：街道、社区、网格等，每行写上级",
        about_en: "the region tree: streets, communities, grids, each row naming its parent",
    },
    SheetDef {
        sheet: Sheet::Units,
        zh: "共建单位",
        en: "units",
        aliases: &["驻区单位", "单位"],
        required: false,
        columns: UNIT_COLUMNS,
        about_zh: "驻区共建单位",
        about_en: "co-building units (驻区单位)",
    },
    SheetDef {
        sheet: Sheet::Volunteers,
        zh: "志愿者",
        en: "volunteers",
        aliases: &["双报到", "报到名册", "党员"],
        required: true,
        columns: VOLUNTEER_COLUMNS,
        about_zh: "双报到党员、志愿者名册（必填）",
        about_en: "the volunteer roster (双报到 registrations); required",
    },
    SheetDef {
        sheet: Sheet::Resources,
        zh: "资源清单",
        en: "resources",
        aliases: &["资源"],
        required: false,
        columns: RESOURCE_COLUMNS,
        about_zh: "共建单位提供的资金、场地、物资",
        about_en: "funds, venues and materials offered by the units",
    },
    SheetDef {
        sheet: Sheet::Demands,
        zh: "需求清单",
        en: "demands",
        aliases: &["需求", "微心愿"],
        required: true,
        columns: DEMAND_COLUMNS,
        about_zh: "群众需求清单（必填）",
        about_en: "the demand list; required",
    },
    SheetDef {
        sheet: Sheet::Arcs,
        zh: "配对",
        en: "arcs",
        aliases: &["指定配对"],
        required: false,
        columns: ARC_COLUMNS,
        about_zh: "指定的需求—志愿者配对；有任何一行时，只有这些配对可选（不再按距离）",
        about_en: "explicit demand–volunteer pairs; when any row is present they alone define candidates",
    },
    SheetDef {
        sheet: Sheet::Policy,
        zh: "规则",
        en: "policy",
        aliases: &["参数", "设置"],
        required: false,
        columns: POLICY_COLUMNS,
        about_zh: "全局规则，每行一个参数",
        about_en: "instance-wide rules, one key per row",
    },
];

/// The definition of `sheet`.
pub fn sheet_def(sheet: Sheet) -> &'static SheetDef {
    &SHEETS[sheet as usize]
}

/// Whether a sheet (or a CSV file's stem) named `name` is the demand list, the one sheet every
/// instance has: what tells a folder of CSV sheets from any folder holding CSV files.
pub fn is_demand_sheet(name: &str) -> bool {
    let def = sheet_def(Sheet::Demands);
    names(name.trim(), def.zh, def.en, def.aliases)
}

/// Names of sheets that hold instructions and are not read.
pub const IGNORED_SHEETS: &[&str] = &["说明", "readme", "instructions"];

/// One key of the policy sheet.
#[derive(Debug, Clone, Copy)]
pub struct PolicyKeyDef {
    /// Chinese name.
    pub zh: &'static str,
    /// JSON path under `policy` (`max_km`, `fairness.level`), or `name` for the instance name.
    pub en: &'static str,
    /// What the value holds ([`CellType::Text`] or [`CellType::Number`]).
    pub cell: CellType,
    /// Drop-down words.
    pub choices: Choices,
    /// Default, in Chinese.
    pub default_zh: &'static str,
    /// Meaning, in Chinese.
    pub about_zh: &'static str,
    /// Meaning and default, in English.
    pub about_en: &'static str,
}

impl PolicyKeyDef {
    /// The key cell written by the project: `最远步行公里 max_km`.
    pub fn title(&self) -> String {
        format!("{} {}", self.zh, self.en)
    }
}

/// Every key of the policy sheet.
pub const POLICY_KEYS: &[PolicyKeyDef] = &[
    PolicyKeyDef {
        zh: "名称",
        en: "name",
        cell: Text,
        choices: Choices::Free,
        default_zh: "文件名",
        about_zh: "本月实例的名称",
        about_en: "name of the month's instance; the file's name by default",
    },
    PolicyKeyDef {
        zh: "最远步行公里",
        en: "max_km",
        cell: Number,
        choices: Choices::Free,
        default_zh: "不限",
        about_zh: "志愿者到需求地点的最远距离（公里）",
        about_en: "longest walk in km; unlimited by default",
    },
    PolicyKeyDef {
        zh: "路程成本系数",
        en: "travel_weight",
        cell: Number,
        choices: Choices::Free,
        default_zh: "0",
        about_zh: "每公里路程的成本",
        about_en: "cost per km; 0 by default",
    },
    PolicyKeyDef {
        zh: "每时段最多任务",
        en: "max_tasks_per_slot",
        cell: Number,
        choices: Choices::Free,
        default_zh: "不限",
        about_zh: "每名志愿者在同一时段最多承担的任务数（规则 4b）",
        about_en: "most tasks a volunteer takes in one slot (rule 4b); unlimited by default",
    },
    PolicyKeyDef {
        zh: "公平比较层级",
        en: "fairness.level",
        cell: Text,
        choices: Choices::Levels,
        default_zh: "无（不计公平项）",
        about_zh: "比较覆盖率的区域层级，如 community；与下两项同时填写",
        about_en: "region level whose regions are compared, e.g. community; give all three fairness keys or none",
    },
    PolicyKeyDef {
        zh: "最低覆盖率",
        en: "fairness.min_coverage",
        cell: Number,
        choices: Choices::Free,
        default_zh: "无",
        about_zh: "每个区域需求权重的目标完成比例，0 到 1",
        about_en: "target share of each region's weight, in [0, 1]",
    },
    PolicyKeyDef {
        zh: "公平罚分",
        en: "fairness.penalty",
        cell: Number,
        choices: Choices::Free,
        default_zh: "无",
        about_zh: "每差一个单位权重的罚分",
        about_en: "penalty per unit of weight short of the target",
    },
];

/// Whether a header, sheet name or key cell names the entry with Chinese name `zh`, English
/// name `en` and `aliases`: either word alone, both (`人数 people`, `人数(people)`), English
/// in any case and with or without spaces, `_` or `-`.
pub fn names(text: &str, zh: &str, en: &str, aliases: &[&str]) -> bool {
    let (cjk, ascii) = split_words(text);
    let zh_ok = |w: &str| w == zh || aliases.contains(&w);
    let en_ok = |w: &str| {
        let w = english_key(w);
        w == english_key(en) || aliases.iter().any(|a| english_key(a) == w)
    };
    match (cjk.is_empty(), ascii.is_empty()) {
        (false, false) => zh_ok(cjk) && en_ok(ascii),
        (false, true) => zh_ok(cjk),
        (true, false) => en_ok(ascii),
        (true, true) => false,
    }
}

/// Splits `人数 people` into its leading non-ASCII words and the ASCII rest, each without
/// surrounding spaces and brackets.
pub fn split_words(text: &str) -> (&str, &str) {
    const EDGES: &[char] =
        &[' ', '\t', '(', ')', '（', '）', '[', ']', '【', '】', '-', '_', ':', '：', '/', '\u{3000}'];
    let cut = text.find(|c: char| c.is_ascii_alphanumeric()).unwrap_or(text.len());
    (text[..cut].trim_matches(EDGES), text[cut..].trim_matches(EDGES))
}

/// English words compared without case, spaces, `_`, `-` or `.`.
pub fn english_key(word: &str) -> String {
    word.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\t')).flat_map(char::to_lowercase).collect()
}

/// The entry among `(title, zh, en)` closest to a text that named none of them, when one is
/// close enough to be the intended one.
pub fn closest<'a>(text: &str, entries: impl Iterator<Item = (String, &'a str, &'a str)>) -> Option<String> {
    let text = text.trim().to_lowercase();
    let mut best: Option<(usize, String)> = None;
    for (title, zh, en) in entries {
        let distance = [title.to_lowercase(), zh.to_string(), en.to_string()]
            .iter()
            .map(|c| strsim::levenshtein(&text, c))
            .min()
            .unwrap_or(usize::MAX);
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, title));
        }
    }
    let limit = (text.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, title)| title)
}

/// What to say after "unknown X": the closest entry (`did you mean "技能 skills"?`) or, when
/// none is close, every entry.
pub fn hint(text: &str, entries: &[(String, &str, &str)]) -> String {
    match closest(text, entries.iter().map(|(t, zh, en)| (t.clone(), *zh, *en))) {
        Some(near) => format!("did you mean {near:?}?"),
        None => {
            let titles: Vec<&str> = entries.iter().map(|(t, _, _)| t.as_str()).collect();
            format!("known are {}", titles.join(", "))
        }
    }
}

/// The kind a need column header or needs-cell word names: a known kind by its Chinese or
/// English name, or a kind present in the resources sheet.
pub fn need_kind(text: &str, resource_kinds: &[String]) -> Option<String> {
    if let Some(k) = resource_kinds.iter().find(|k| k.as_str() == text.trim()) {
        return Some(k.clone());
    }
    if let Some(k) = KINDS.iter().find(|k| names(text, k.zh, k.en, &[])) {
        // A resources sheet that writes the kind in Chinese only keeps the Chinese word.
        let chinese_only = resource_kinds.iter().any(|r| r == k.zh) && !resource_kinds.iter().any(|r| r == k.en);
        return Some(if chinese_only { k.zh } else { k.en }.to_string());
    }
    let key = english_key(text);
    resource_kinds.iter().find(|k| english_key(k) == key && !key.is_empty()).cloned()
}

/// The header of a need column for `kind`: `资金 funds`, or the kind itself.
pub fn need_title(kind: &str) -> String {
    match KINDS.iter().find(|k| k.en == kind) {
        Some(k) => format!("{} {}", k.zh, k.en),
        None => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_by_either_word_or_both() {
        for text in ["人数 people", "人数", "people", " People ", "人数(people)", "人数 PEOPLE"] {
            assert!(names(text, "人数", "people", &[]), "{text}");
        }
        assert!(names("Max Tasks", "最多任务数", "max_tasks", &[]));
        assert!(!names("技 能", "技能", "skills", &[]));
        assert!(!names("人数 skills", "人数", "people", &[]));
        assert!(!names("", "人数", "people", &[]));
    }

    #[test]
    fn typos_name_the_closest_header() {
        let entries = || DEMAND_COLUMNS.iter().map(|c| (c.title(), c.zh, c.en));
        assert_eq!(closest("技 能", entries()).as_deref(), Some("技能 skills"));
        assert_eq!(closest("skils", entries()).as_deref(), Some("技能 skills"));
        assert_eq!(closest("completely different", entries()), None);
    }

    #[test]
    fn the_contract_names_every_sheet_column_and_key() {
        let model = include_str!("../../../docs/MODEL.md");
        let section = &model[model.find("## Spreadsheet form").expect("the section is there")..];
        for def in &SHEETS {
            assert!(section.contains(&def.title()), "{}", def.title());
            for c in def.columns {
                assert!(section.contains(&c.title()), "{}", c.title());
            }
        }
        for key in POLICY_KEYS {
            assert!(section.contains(&key.title()), "{}", key.title());
        }
    }

    #[test]
    fn need_columns_name_the_kinds_of_the_resources_sheet() {
        let english = vec!["funds".to_string()];
        let chinese = vec!["资金".to_string()];
        assert_eq!(need_kind("资金 funds", &english).as_deref(), Some("funds"));
        assert_eq!(need_kind("资金", &english).as_deref(), Some("funds"));
        assert_eq!(need_kind("资金 funds", &chinese).as_deref(), Some("资金"));
        assert_eq!(need_kind("Funds", &[]).as_deref(), Some("funds"));
        assert_eq!(need_kind("设备", &["设备".to_string()]).as_deref(), Some("设备"));
        assert_eq!(need_kind("人数", &english), None);
    }

    #[test]
    fn the_contract_names_every_changes_column_and_kind() {
        let model = include_str!("../../../docs/MODEL.md");
        let section = &model[model.find("### The changes sheet").expect("the section is there")..];
        for c in CHANGES_SHEET.columns {
            assert!(section.contains(&c.title()), "{}", c.title());
        }
        for (zh, en) in CHANGE_KINDS {
            assert!(section.contains(zh) && section.contains(&format!("`{en}`")), "{zh} {en}");
        }
    }

    #[test]
    fn the_changes_sheet_takes_the_demand_columns_it_names() {
        let ens: Vec<&str> = CHANGES_SHEET.columns.iter().map(|c| c.en).collect();
        let demand_fields =
            ["region", "lat", "lon", "at", "kind", "title", "skills", "people", "standby", "needs", "weight"];
        for en in demand_fields.into_iter().chain(["must", "hours", "slots"]) {
            assert!(ens.contains(&en), "{en}");
        }
        for (i, c) in CHANGES_SHEET.columns.iter().enumerate() {
            assert_eq!(CHANGES_SHEET.column(c.en), Some(i), "{}", c.en);
        }
    }

    #[test]
    fn english_names_are_unique_within_each_sheet() {
        for def in &SHEETS {
            for (i, c) in def.columns.iter().enumerate() {
                assert_eq!(def.column(c.en), Some(i), "{} {}", def.en, c.en);
            }
        }
    }
}
