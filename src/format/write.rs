//! Writing instance and solution files: one top-level list item per line (readable, diffable and
//! still compact for a city), written atomically so that a failed run leaves no partial file.

use super::solution::SolutionSpec;
use super::spec::InstanceSpec;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// JSON layout: top-level keys and the items of top-level lists each start a line; anything
/// deeper is compact.
#[derive(Default)]
struct LineFormatter {
    depth: usize,
    list_has_items: bool,
}

impl serde_json::ser::Formatter for LineFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        if self.depth == 2 {
            self.list_has_items = false;
        }
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.depth == 1 && self.list_has_items {
            w.write_all(b"\n  ]")
        } else {
            w.write_all(b"]")
        }
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth == 2 {
            self.list_has_items = true;
            w.write_all(b"\n    ")?;
        }
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.depth == 0 {
            w.write_all(b"\n}\n")
        } else {
            w.write_all(b"}")
        }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth == 1 {
            w.write_all(b"\n  ")?;
        }
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.depth == 1 { b": " } else { b":" })
    }
}

fn to_lines<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, LineFormatter::default());
    value.serialize(&mut ser).map_err(io::Error::other)?;
    Ok(out)
}

/// Writes `bytes` to `file` through a temporary file in the same folder and a rename, so that
/// readers never see a partial file and a failed write leaves the old file (if any) in place.
pub fn write_atomically(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".civic-match-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // A temporary file is private (0600); what is written is meant to be read by others.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// Writes an instance file atomically.
pub fn write_instance(file: &Path, spec: &InstanceSpec) -> io::Result<()> {
    write_atomically(file, &to_lines(spec)?)
}

/// Writes a solution file atomically.
pub fn write_solution(file: &Path, solution: &SolutionSpec) -> io::Result<()> {
    write_atomically(file, &to_lines(solution)?)
}

/// The bytes [`write_instance`] writes, for callers that print or hash them.
pub fn instance_bytes(spec: &InstanceSpec) -> io::Result<Vec<u8>> {
    to_lines(spec)
}

/// Writes a folder of files so that it appears whole or not at all: the files go into a
/// temporary folder beside `dir`, which then replaces `dir` (an existing folder of that name is
/// replaced only after every file was written).
pub fn write_folder_atomically(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    let parent = match dir.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new().prefix(".civic-match-").suffix(".tmp").tempdir_in(parent)?;
    for (name, bytes) in files {
        let mut file = std::fs::File::create(tmp.path().join(name))?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    if dir.is_dir() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::rename(tmp.path(), dir)?;
    // The folder has moved; nothing is left for the guard to remove.
    let _ = tmp.keep();
    Ok(())
}
