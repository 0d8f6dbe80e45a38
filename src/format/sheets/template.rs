//! The template workbook (项目模板): every sheet with its headers, one example row each (a
//! small month that validates), drop-down lists, and a `说明` sheet explaining each sheet and
//! column in Chinese and English.

use super::columns::{need_title, KINDS, POLICY_KEYS, SHEETS};
use super::write::{sheets_of, workbook_bytes, SheetData, Value};
use crate::format::spec::*;
use rust_xlsxwriter::XlsxError;

fn s(text: &str) -> String {
    text.to_string()
}

/// The example month of the template: one row in every sheet, valid as it stands.
pub fn example_month() -> InstanceSpec {
    let slot = s("2026-07-04am");
    InstanceSpec {
        format: s(INSTANCE_FORMAT),
        name: Some(s("2026-07 示例")),
        slots: Some(vec![SlotSpec { id: slot.clone(), hours: Some(4.0) }]),
        regions: vec![
            RegionSpec { id: s("s1"), parent: None, level: Some(s("street")), name: Some(s("仁德街道")) },
            RegionSpec {
                id: s("c1"), parent: Some(s("s1")), level: Some(s("community")), name: Some(s("仁德社区"))
            },
        ],
        units: vec![UnitSpec { id: s("u1"), name: Some(s("县供电公司")), region: Some(s("s1")) }],
        volunteers: vec![VolunteerSpec {
            id: s("v1"),
            name: Some(s("张师傅")),
            region: Some(s("c1")),
            unit: Some(s("u1")),
            at: Some([25.56, 103.25]),
            skills: Some(vec![s("electrician")]),
            hours: Some(8.0),
            slots: Some(vec![slot.clone()]),
            max_tasks: Some(3),
            max_standby: None,
        }],
        demands: vec![DemandSpec {
            id: s("d1"),
            region: Some(s("c1")),
            at: Some([25.561, 103.252]),
            kind: Some(s("service")),
            title: Some(s("独居老人更换灯泡")),
            skills: Some(vec![s("electrician")]),
            people: Some(1),
            standby: None,
            hours: Some(1.5),
            slots: Some(vec![slot]),
            needs: Some(vec![NeedSpec { kind: s("funds"), amount: 120.0 }]),
            weight: Some(3.0),
            must: Some(false),
            age: None,
            series: None,
        }],
        resources: vec![ResourceSpec {
            id: s("r1"),
            unit: Some(s("u1")),
            kind: s("funds"),
            amount: 2000.0,
            serves: vec![s("s1")],
        }],
        arcs: vec![ArcSpec { demand: s("d1"), volunteer: s("v1"), cost: Some(0.4), hours: Some(1.5) }],
        policy: PolicySpec {
            max_km: Some(1.5),
            travel_weight: Some(0.1),
            max_tasks_per_slot: None,
            fairness: Some(FairnessSpec {
                level: Some(s("community")),
                min_coverage: Some(0.6),
                penalty: Some(2.0),
                cumulative: None,
            }),
            ..Default::default()
        },
        history: None,
        pinned: Vec::new(),
    }
}

fn row(cells: [&str; 5]) -> Vec<Value> {
    cells.iter().map(|c| if c.is_empty() { Value::Empty } else { Value::Text(c.to_string()) }).collect()
}

/// The `说明` sheet: what each sheet, column and policy key means, its default, and how
/// lists, dates, yes/no and coordinates are written.
pub fn instructions() -> SheetData {
    let mut rows = vec![
        row([
            "表头 headers",
            "",
            "表头可写中文、英文或“中文 英文”；英文不分大小写",
            "a header may be Chinese, English or both (`人数 people`); English in any case",
            "",
        ]),
        row([
            "列表 lists",
            "",
            "技能、时段、服务区域等多个值用 、，,；; / 或空格分隔",
            "lists (skills, slots, serves) are separated by any of 、，,；; / or spaces",
            "",
        ]),
        row([
            "时段 slots",
            "",
            "可写时段编号，或日期加上午/下午/晚上：2026-07-03 上午、7月3日下午、07-03am；也可用日期格",
            "a slot id, or a date with a part of the day: `2026-07-03 上午`, `7月3日下午`, `07-03am`; date cells too",
            "",
        ]),
        row(["是否 yes/no", "", "是/否、Y/N、yes/no、true/false、1/0", "是/否, Y/N, yes/no, true/false, 1/0", ""]),
        row([
            "坐标 location",
            "",
            "纬度、经度两列，或一格“纬度,经度”",
            "two columns (纬度 lat, 经度 lon) or one `at` cell `lat,lon`",
            "",
        ]),
        row([
            "CSV",
            "",
            "CSV 文件夹每表一个文件，UTF-8（可带 BOM）或 GBK 均可",
            "a CSV folder has one file per sheet, in UTF-8 (with or without BOM) or GBK",
            "",
        ]),
        row(["空格 empty", "", "空单元格取默认值", "an empty cell takes the default", ""]),
    ];
    for def in &SHEETS {
        rows.push(row([
            &def.title(),
            "",
            def.about_zh,
            def.about_en,
            if def.required { "必填 required" } else { "可选 optional" },
        ]));
        for c in def.columns {
            rows.push(row(["", &c.title(), c.about_zh, c.about_en, c.default_zh]));
        }
        if def.en == "demands" {
            let kinds: Vec<String> = KINDS.iter().map(|k| need_title(k.en)).collect();
            let zh = format!("资源需求也可按种类分列：{}，或资源清单中的任何种类；格内填数量", kinds.join("、"));
            let en = "needs may also be one column per kind (as listed, or any kind of the resources sheet), holding the amount";
            rows.push(row(["", &kinds.join(" / "), &zh, en, "无"]));
        }
        if def.en == "policy" {
            for key in POLICY_KEYS {
                rows.push(row(["", &key.title(), key.about_zh, key.about_en, key.default_zh]));
            }
        }
    }
    let headers = vec![s("工作表 sheet"), s("列 column"), s("说明"), s("English"), s("默认 default")];
    SheetData { name: s("说明"), headers, choices: vec![super::columns::Choices::Free; 5], rows }
}

/// The template workbook's bytes.
pub fn template_bytes() -> Result<Vec<u8>, XlsxError> {
    workbook_bytes(&sheets_of(&example_month(), true), Some(&instructions()))
}
