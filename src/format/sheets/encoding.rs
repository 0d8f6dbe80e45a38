//! The text encodings of CSV files: UTF-8 with or without a byte-order mark (what Excel writes
//! for "CSV UTF-8"), and GBK / GB18030 (what Excel and WPS write for plain "CSV" on a Chinese
//! system). Reading detects which one a file uses; writing offers UTF-8 with a mark or GBK.

use std::fmt;
use std::path::PathBuf;

/// The encoding each CSV file of a folder was read in.
pub type FileEncodings = Vec<(PathBuf, TextEncoding)>;

/// The encoding a CSV file was read in or is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 starting with the byte-order mark `EF BB BF`.
    Utf8Bom,
    /// UTF-8 without a mark.
    Utf8,
    /// GBK, read as its superset GB18030.
    Gbk,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
        })
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a CSV file's bytes, detecting the encoding: a UTF-8 mark, valid UTF-8, else GB18030.
/// Fails (with what to do) for UTF-16 and for bytes that are neither UTF-8 nor GB18030.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), String> {
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return String::from_utf8(rest.to_vec())
            .map(|text| (text, TextEncoding::Utf8Bom))
            .map_err(|e| format!("starts as UTF-8 but byte {} is not UTF-8", e.utf8_error().valid_up_to() + 3));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err("is UTF-16 text; save it as \"CSV UTF-8\" or plain CSV".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), TextEncoding::Utf8));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("is neither UTF-8 nor GBK/GB18030 text; save it as \"CSV UTF-8\"".into());
    }
    Ok((text.into_owned(), TextEncoding::Gbk))
}

/// Encodes CSV text for writing: UTF-8 with a mark (so that Excel opens it as UTF-8) or GBK;
/// fails naming the first character GBK cannot hold.
pub fn encode(text: &str, encoding: TextEncoding) -> Result<Vec<u8>, String> {
    match encoding {
        TextEncoding::Utf8Bom => Ok([BOM, text.as_bytes()].concat()),
        TextEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
        TextEncoding::Gbk => {
            if let Some(c) = text.chars().find(|c| !gbk_holds(*c)) {
                return Err(format!("{c:?} (U+{:04X}) cannot be written in GBK; use --encoding utf-8", c as u32));
            }
            Ok(encoding_rs::GBK.encode(text).0.into_owned())
        }
    }
}

/// Whether GBK (without GB18030's four-byte sequences) holds `c`.
fn gbk_holds(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    let mut buf = [0u8; 4];
    let (bytes, _, had_errors) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !had_errors && bytes.len() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "编号 id,人数 people\nd1,2\n";
        for encoding in [TextEncoding::Utf8Bom, TextEncoding::Utf8, TextEncoding::Gbk] {
            let bytes = encode(text, encoding).unwrap();
            assert_eq!(decode(&bytes).unwrap(), (text.to_string(), encoding));
        }
        assert!(decode(b"\xFF\xFEa\0").is_err());
        assert!(decode(b"\x81\x20\xFF").is_err());
        assert!(encode("😀", TextEncoding::Gbk).is_err());
    }
}
