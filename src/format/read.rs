//! Reading input files: one entry point for an instance in any form (JSON, workbook, CSV
//! folder), and JSON files into serde types with the file, line, column and JSON path in every
//! error.

use super::error::{FormatError, Issue};
use super::sheets::{self, FileEncodings, Places, WORKBOOK_EXTENSIONS};
use super::spec::InstanceSpec;
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::Path;

/// The form an instance was read from, and what its problems need to be reported in that
/// form's terms (cells of a spreadsheet instead of JSON paths).
#[derive(Debug, Clone)]
pub enum InputForm {
    /// A `civic-match/1` JSON file.
    Json,
    /// A workbook.
    Workbook(Box<Places>),
    /// A folder of CSV files, with the encoding each file was read in.
    CsvFolder(Box<Places>, FileEncodings),
}

impl InputForm {
    /// How the input was read, for messages: `JSON`, `workbook`, or `CSV folder (需求清单
    /// demands.csv: GBK, ...)`.
    pub fn describe(&self) -> String {
        match self {
            InputForm::Json => "JSON".into(),
            InputForm::Workbook(_) => "workbook".into(),
            InputForm::CsvFolder(_, encodings) => {
                let files: Vec<String> = encodings
                    .iter()
                    .map(|(file, e)| format!("{}: {e}", file.file_name().unwrap_or_default().to_string_lossy()))
                    .collect();
                format!("CSV folder ({})", files.join(", "))
            }
        }
    }

    /// The error of rule problems (JSON paths) found in the instance read from `file`: JSON
    /// input lists the paths, spreadsheet input the sheets and cells they came from.
    pub fn invalid(&self, file: &Path, issues: Vec<Issue>) -> FormatError {
        match self {
            InputForm::Json => FormatError::Invalid { file: file.to_path_buf(), issues },
            InputForm::Workbook(places) | InputForm::CsvFolder(places, _) => FormatError::Sheet {
                file: file.to_path_buf(),
                issues: issues.into_iter().map(|i| places.locate(file, i)).collect(),
            },
        }
    }
}

/// Reads an instance in the form its path says: a folder is a CSV folder, `.xlsx`, `.xlsm`,
/// `.xls` and `.ods` are workbooks, anything else is JSON. A single `.csv` file is refused
/// (a CSV instance is a folder of one file per sheet).
pub fn read_instance(path: &Path) -> Result<(InstanceSpec, InputForm), FormatError> {
    if path.is_dir() {
        let (spec, places, encodings) = sheets::read_csv_folder(path)?;
        return Ok((spec, InputForm::CsvFolder(Box::new(places), encodings)));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        let (spec, places) = sheets::read_workbook(path)?;
        return Ok((spec, InputForm::Workbook(Box::new(places))));
    }
    if ext == "csv" {
        let message = "a CSV instance is a folder with one .csv file per sheet; give the folder".to_string();
        let issue = sheets::table::file_issue(path, "E2115", message);
        return Err(FormatError::Sheet { file: path.to_path_buf(), issues: vec![issue] });
    }
    Ok((read_json(path)?, InputForm::Json))
}

/// Largest input file accepted, in bytes (a city month is about 100 MB).
pub const MAX_INPUT_BYTES: u64 = 2 << 30;

/// Reads and deserialises `file`, refusing files above [`MAX_INPUT_BYTES`]. A file above
/// [`STREAM_FROM_BYTES`] is parsed as it is read, through a buffer, so that its text is never
/// held whole beside what it becomes; a smaller one is read first, which parses faster.
pub fn read_json<T: DeserializeOwned>(file: &Path) -> Result<T, FormatError> {
    read_json_streaming_from(file, STREAM_FROM_BYTES)
}

/// [`read_json`], parsing files above `stream_from` bytes as they are read.
fn read_json_streaming_from<T: DeserializeOwned>(file: &Path, stream_from: u64) -> Result<T, FormatError> {
    let io = |source| FormatError::Io { file: file.to_path_buf(), source };
    let opened = std::fs::File::open(file).map_err(io)?;
    let size = opened.metadata().map_err(io)?.len();
    refuse_too_large(file, size)?;
    if size <= stream_from {
        let mut bytes = Vec::with_capacity(size as usize);
        (&opened).read_to_end(&mut bytes).map_err(io)?;
        return parse_json(file, &bytes);
    }
    let reader = std::io::BufReader::with_capacity(READ_BUFFER_BYTES, opened);
    deserialise(file, serde_json::Deserializer::from_reader(reader))
}

/// Size above which a JSON file is parsed as it is read. Measured on a city month (61 MB):
/// read first, 1.17-1.33 s and 276 MB peak; parsed as read, 1.34-1.39 s and 217 MB. Below a
/// province's month (504 MB) the text is small beside the solve's own peak, and speed counts.
const STREAM_FROM_BYTES: u64 = 256 << 20;

/// Bytes read from a file at a time while it is parsed.
const READ_BUFFER_BYTES: usize = 1 << 20;

/// An error unless `size` bytes are within [`MAX_INPUT_BYTES`].
fn refuse_too_large(file: &Path, size: u64) -> Result<(), FormatError> {
    match size > MAX_INPUT_BYTES {
        true => Err(FormatError::TooLarge { file: file.to_path_buf(), size, limit: MAX_INPUT_BYTES }),
        false => Ok(()),
    }
}

/// The bytes of `file`, refusing files above [`MAX_INPUT_BYTES`] before reading them.
pub fn read_limited(file: &Path) -> Result<Vec<u8>, FormatError> {
    let io = |source| FormatError::Io { file: file.to_path_buf(), source };
    refuse_too_large(file, std::fs::metadata(file).map_err(io)?.len())?;
    std::fs::read(file).map_err(io)
}

/// Deserialises `bytes`, naming `file` in errors.
pub fn parse_json<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<T, FormatError> {
    deserialise(file, serde_json::Deserializer::from_slice(bytes))
}

/// Deserialises the whole of what `de` reads, naming `file`, the JSON path, line and column in
/// errors.
fn deserialise<'de, R: serde_json::de::Read<'de>, T: DeserializeOwned>(
    file: &Path,
    mut de: serde_json::Deserializer<R>,
) -> Result<T, FormatError> {
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|err| (err.path().to_string(), err.into_inner()))
        .and_then(|v| de.end().map(|()| v).map_err(|e| (".".to_string(), e)));
    value.map_err(|(path, inner)| {
        let (line, column) = (inner.line(), inner.column());
        let text = inner.to_string();
        let message = match text.rfind(" at line ") {
            Some(cut) => text[..cut].to_string(),
            None => text,
        };
        let file = file.to_path_buf();
        match inner.classify() {
            serde_json::error::Category::Data => FormatError::Shape { file, path, line, column, message },
            serde_json::error::Category::Eof => {
                FormatError::Syntax { file, path, line, column, message: format!("{message} (is the file truncated?)") }
            }
            _ => FormatError::Syntax { file, path, line, column, message },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading `text` as an instance gives, read first and parsed as read.
    fn both_ways(text: &str) -> [Result<InstanceSpec, String>; 2] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("month.json");
        std::fs::write(&file, text).expect("the file is written");
        [u64::MAX, 0].map(|from| read_json_streaming_from(&file, from).map_err(|e| e.to_string()))
    }

    #[test]
    fn a_file_parsed_as_it_is_read_gives_what_it_gives_read_first() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/instances/xundian-july.json"))
            .expect("the bundled month");
        let [first, streamed] = both_ways(&text);
        assert!(first.is_ok(), "the month reads: {first:?}");
        assert_eq!(first, streamed);
        // A value of the wrong type, a file cut short (at a character's boundary), trailing text.
        let wrong_type = text.replacen("\"hours\":", "\"hours\": true, \"was\":", 1);
        let half = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
        let bad = [wrong_type.as_str(), &text[..half], "{\"format\": \"civic-match/1\"} trailing"];
        for (i, bad) in bad.into_iter().enumerate() {
            let [first, streamed] = both_ways(bad);
            let first = first.expect_err("the broken file is refused");
            assert_eq!(Err(first.clone()), streamed, "the same error both ways");
            let place = first.split(": ").next().unwrap_or_default();
            assert!(
                place.ends_with(char::is_numeric) && place.contains("month.json:"),
                "no file:line:column in {first}"
            );
            assert!(i != 0 || first.contains("slots[0].hours"), "the wrong type's path is not named: {first}");
        }
    }
}
