//! A suggestion in one line of words, Chinese with English, for the workbook's 未满足 sheet
//! and the HTML report.

use crate::format::{ChangeSpec, UnassignedSpec, WouldTakeSpec};

/// One line for `s`: its changes, then the assignment the demand would get.
pub fn suggestion_words(s: &WouldTakeSpec) -> String {
    let changes: Vec<String> = s.changes.iter().map(change_words).collect();
    let a = &s.assignment;
    let head = match s.kind.as_str() {
        "fits_now" => "现可安排 fits now".to_string(),
        "volunteer_hours" => format!("增加时长 more hours: {}", changes.join("，")),
        "resource_amount" => format!("增加资源 more resources: {}", changes.join("，")),
        "max_km" => format!("扩大步行半径 wider radius: {}", changes.join("，")),
        "volunteer_slot" => format!("开放时段 open slots: {}", changes.join("，")),
        "new_volunteer" => format!("招募 recruit: {}", changes.join("，")),
        "release" => format!("让出 release: {}", changes.join("，")),
        other => format!("{other}: {}", changes.join("，")),
    };
    format!("{head} → {} {}", a.slot, a.volunteers.join("、"))
}

fn change_words(c: &ChangeSpec) -> String {
    match c {
        ChangeSpec::VolunteerHours { volunteer, add } => format!("{volunteer} +{add} h"),
        ChangeSpec::ResourceAmount { resource, add } => format!("{resource} +{add}"),
        ChangeSpec::MaxKm { value, volunteers } => format!("{value} km ({})", volunteers.join("、")),
        ChangeSpec::VolunteerSlot { volunteer, slot } => format!("{volunteer} @ {slot}"),
        ChangeSpec::NewVolunteer { id, skills, hours, slots, .. } => {
            let skills = if skills.is_empty() { "-".to_string() } else { skills.join("+") };
            format!("{id} ({skills}, {hours} h, {})", slots.join("、"))
        }
        ChangeSpec::Release { demand } => demand.clone(),
    }
}

/// The `k`-th suggestion of an unmet entry in words; for the first, when none suffices, the
/// reason; empty when there is none or it was not computed.
pub fn nth_suggestion_words(u: &UnassignedSpec, k: usize) -> String {
    match (&u.would_take, &u.would_take_none) {
        (Some(list), _) if k < list.len() => suggestion_words(&list[k]),
        (Some(_), Some(none)) if k == 0 => format!("无 none: {none}"),
        _ => String::new(),
    }
}
