//! Reading a JSON file into serde types, with the file, line, column and JSON path in every error.

use super::error::FormatError;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Largest input file accepted, in bytes (a city month is about 100 MB).
pub const MAX_INPUT_BYTES: u64 = 2 << 30;

/// Reads and deserialises `file`, refusing files above [`MAX_INPUT_BYTES`].
pub fn read_json<T: DeserializeOwned>(file: &Path) -> Result<T, FormatError> {
    parse_json(file, &read_limited(file)?)
}

/// The bytes of `file`, refusing files above [`MAX_INPUT_BYTES`] before reading them.
pub fn read_limited(file: &Path) -> Result<Vec<u8>, FormatError> {
    let io = |source| FormatError::Io { file: file.to_path_buf(), source };
    let size = std::fs::metadata(file).map_err(io)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(FormatError::TooLarge { file: file.to_path_buf(), size, limit: MAX_INPUT_BYTES });
    }
    std::fs::read(file).map_err(io)
}

/// Deserialises `bytes`, naming `file` in errors.
pub fn parse_json<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<T, FormatError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
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
