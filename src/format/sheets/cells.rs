//! Reading one cell as the value its column holds: text, numbers, whole numbers, yes/no,
//! coordinates and lists. A bad cell gives its E21xx code and a message quoting it.

use calamine::Data;

/// A cell problem: its code and message.
pub type Bad = (&'static str, String);

/// The separators of lists in a cell: `、，,；; /` and spaces.
pub fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／') || c.is_whitespace()
}

/// The cell as the planner sees it, for messages.
pub fn shown(cell: &Data) -> String {
    match cell {
        Data::String(s) => format!("{:?}", s.trim()),
        other => other.to_string(),
    }
}

fn formula_error(cell: &Data) -> Option<Bad> {
    match cell {
        Data::Error(e) => Some(("E2119", format!("holds the formula error {e}; fix the formula or type the value"))),
        _ => None,
    }
}

/// Text of a cell, `None` when empty. Numbers read as they show (`12` for 12.0).
pub fn text(cell: &Data) -> Result<Option<String>, Bad> {
    if let Some(bad) = formula_error(cell) {
        return Err(bad);
    }
    Ok(match cell {
        Data::Empty => None,
        Data::String(s) => Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(format!("{}", *x as i64)),
        Data::DateTime(d) => crate::format::SlotWhen::from_serial_date(d.as_f64()).map(|w| w.canonical_id()),
        other => Some(other.to_string()),
    })
}

/// A number, `None` when empty.
pub fn number(cell: &Data) -> Result<Option<f64>, Bad> {
    if let Some(bad) = formula_error(cell) {
        return Err(bad);
    }
    match cell {
        Data::Empty => Ok(None),
        Data::Float(x) => Ok(Some(*x)),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => {
            parse_number(s).map(Some).ok_or_else(|| ("E2102", format!("{} is not a number", shown(cell))))
        }
        other => Err(("E2102", format!("{} is not a number", shown(other)))),
    }
}

/// A number written as text: ASCII digits with an optional sign, point and exponent, or the
/// same in full-width digits.
fn parse_number(text: &str) -> Option<f64> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' => '-',
            other => other,
        })
        .collect();
    let ok = !ascii.is_empty() && ascii.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    ok.then(|| ascii.parse::<f64>().ok()).flatten()
}

/// A whole number, `None` when empty.
pub fn whole(cell: &Data) -> Result<Option<i64>, Bad> {
    let not_whole = || ("E2101", format!("{} is not a whole number", shown(cell)));
    if let Data::Int(i) = cell {
        return Ok(Some(*i));
    }
    match number(cell) {
        Ok(Some(x)) if x.fract() == 0.0 && x.abs() < 9e15 => Ok(Some(x as i64)),
        Ok(None) => Ok(None),
        Err(bad) if bad.0 == "E2119" => Err(bad),
        _ => Err(not_whole()),
    }
}

/// Yes or no: 是/否, Y/N, yes/no, true/false, 1/0 (also 对/错, √/×); `None` when empty.
pub fn boolean(cell: &Data) -> Result<Option<bool>, Bad> {
    if let Some(bad) = formula_error(cell) {
        return Err(bad);
    }
    let word = match cell {
        Data::Empty => return Ok(None),
        Data::Bool(b) => return Ok(Some(*b)),
        Data::Float(x) if *x == 1.0 || *x == 0.0 => return Ok(Some(*x == 1.0)),
        Data::Int(i) if *i == 1 || *i == 0 => return Ok(Some(*i == 1)),
        Data::String(s) => s.trim().to_lowercase(),
        _ => String::from("?"),
    };
    match word.as_str() {
        "" => Ok(None),
        "是" | "y" | "yes" | "true" | "1" | "对" | "√" | "必须" => Ok(Some(true)),
        "否" | "n" | "no" | "false" | "0" | "错" | "×" | "不" => Ok(Some(false)),
        _ => Err(("E2103", format!("{} is not yes or no (是/否, Y/N, yes/no, true/false, 1/0)", shown(cell)))),
    }
}

/// A latitude or longitude in degrees, `None` when empty.
pub fn coordinate(cell: &Data) -> Result<Option<f64>, Bad> {
    number(cell).map_err(|bad| match bad.0 {
        "E2102" => ("E2104", format!("{} is not a coordinate in degrees", shown(cell))),
        _ => bad,
    })
}

/// `lat,lon` in one cell (also with `，`, `;`, a space or brackets), `None` when empty.
pub fn point(cell: &Data) -> Result<Option<[f64; 2]>, Bad> {
    let Some(text) = text(cell)? else { return Ok(None) };
    let inner = text.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '（' | '）') || c.is_whitespace());
    let parts: Vec<&str> = inner.split(|c: char| is_separator(c) && c != '/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [lat, lon] => match (parse_number(lat), parse_number(lon)) {
            (Some(lat), Some(lon)) => Ok(Some([lat, lon])),
            _ => Err(("E2104", format!("{} is not `latitude,longitude` in degrees", shown(cell)))),
        },
        _ => Err(("E2104", format!("{} is not `latitude,longitude` (two numbers)", shown(cell)))),
    }
}

/// A list of words, `None` when the cell is empty.
pub fn words(cell: &Data) -> Result<Option<Vec<String>>, Bad> {
    Ok(text(cell)?.map(|t| t.split(is_separator).filter(|w| !w.is_empty()).map(str::to_string).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Data {
        Data::String(text.into())
    }

    #[test]
    fn numbers_and_whole_numbers() {
        assert_eq!(number(&s(" 1.5 ")).unwrap(), Some(1.5));
        assert_eq!(number(&s("１２")).unwrap(), Some(12.0));
        assert_eq!(number(&Data::Empty).unwrap(), None);
        assert_eq!(number(&s("两")).unwrap_err().0, "E2102");
        assert_eq!(number(&s("inf")).unwrap_err().0, "E2102");
        assert_eq!(whole(&Data::Float(3.0)).unwrap(), Some(3));
        assert_eq!(whole(&s("两")).unwrap_err().0, "E2101");
        assert_eq!(whole(&Data::Float(1.5)).unwrap_err().0, "E2101");
    }

    #[test]
    fn yes_no_and_coordinates() {
        assert_eq!(boolean(&s("是")).unwrap(), Some(true));
        assert_eq!(boolean(&s("N")).unwrap(), Some(false));
        assert_eq!(boolean(&Data::Float(1.0)).unwrap(), Some(true));
        assert_eq!(boolean(&s("maybe")).unwrap_err().0, "E2103");
        assert_eq!(point(&s("25.56, 103.25")).unwrap(), Some([25.56, 103.25]));
        assert_eq!(point(&s("(25.56，103.25)")).unwrap(), Some([25.56, 103.25]));
        assert_eq!(point(&s("25.56")).unwrap_err().0, "E2104");
        assert_eq!(coordinate(&s("北纬25")).unwrap_err().0, "E2104");
    }

    #[test]
    fn lists_split_on_every_separator() {
        let got = words(&s("electrician、plumber，first-aid; driver / cook  x")).unwrap().unwrap();
        assert_eq!(got, ["electrician", "plumber", "first-aid", "driver", "cook", "x"]);
        assert_eq!(text(&Data::Float(12.0)).unwrap().as_deref(), Some("12"));
        assert_eq!(text(&Data::Error(calamine::CellErrorType::Div0)).unwrap_err().0, "E2119");
    }
}
