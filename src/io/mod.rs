//! Reading and writing org files (docs/file-format.md v1).

mod atomic;
mod source;
mod validate;
mod write;

pub use atomic::{
    ChangedOnDisk, FileStamp, ReadError, clean_up_on_signals, is_changed_on_disk, read_capped,
    refuse_output_over_input, remove_stale_temps, same_file, write_atomic,
    write_atomic_unless_changed, write_atomic_unless_changed_with, write_atomic_with, write_target,
};
pub use source::{EntityKind, EntityLocation, LineCol, SourceMap};
pub use write::{to_canonical_string, write_canonical};

use crate::model::{FORMAT_VERSION, Org};
use ron::extensions::Extensions;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Deepest bracket nesting the reader follows (ron's own default).
const RECURSION_LIMIT: usize = 128;

/// Why a file could not be read: one line, `PATH:LINE:COL: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub pos: Option<LineCol>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::sanitize::visible(&self.path);
        let message = crate::sanitize::visible(&self.message);
        match self.pos {
            Some(p) => write!(f, "{path}:{}:{}: {message}", p.line, p.col),
            None => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads and validates an org file from disk.
pub fn load_file(path: &Path) -> Result<Org, LoadError> {
    load_file_stamped(path).map(|(org, _, _)| org)
}

/// Reads an org file's bytes once (pipes and FIFOs too), within the size
/// cap; the error is ready to print.
pub fn read_org_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_capped(path, MAX_FILE_BYTES)
        .map(|(bytes, _)| bytes)
        .map_err(|e| LoadError {
            path: path.display().to_string(),
            pos: None,
            message: e.message("an org file"),
        })
}

/// [`load_file`], also returning the file's text and a stamp of what was
/// read (to notice, before saving, that someone else changed the file).
pub fn load_file_stamped(path: &Path) -> Result<(Org, String, FileStamp), LoadError> {
    let bytes = read_org_bytes(path)?;
    let org = load_bytes(&bytes, &path.display().to_string())?;
    let stamp = FileStamp::new(&bytes);
    // load_bytes checked it is UTF-8.
    let text = String::from_utf8(bytes).unwrap_or_default();
    Ok((org, text, stamp))
}

/// One size policy, said the same way for every file read: what it is,
/// how large, and its limit.
fn too_big(len: u64, cap: usize, what: &str) -> String {
    let kind = if what == "an org file" {
        "org files".to_string()
    } else {
        format!(
            "{}s",
            what.trim_start_matches("an ").trim_start_matches("a ")
        )
    };
    if len == u64::MAX {
        return format!(
            "is larger than {0} MiB; {kind} are limited to {0} MiB",
            cap / 1048576
        );
    }
    format!(
        "file is {:.1} MiB; {kind} are limited to {} MiB",
        len as f64 / 1048576.0,
        cap / 1048576
    )
}

/// A short, lower-case description of an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // Our own errors carry their full message ("cannot write in folder …").
    if let Some(inner) = e.get_ref() {
        return inner.to_string();
    }
    match e.kind() {
        K::NotFound => "no such file".into(),
        K::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Reads and validates an org file's bytes; `path` is only used in errors.
pub fn load_bytes(bytes: &[u8], path: &str) -> Result<Org, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError {
            path: path.into(),
            pos: None,
            message: too_big(bytes.len() as u64, MAX_FILE_BYTES, "an org file"),
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            return Err(LoadError {
                path: path.into(),
                pos: Some(end_position(prefix)),
                message: format!(
                    "not UTF-8 text (byte 0x{:02X}); org files must be saved as UTF-8",
                    bytes[e.valid_up_to()]
                ),
            });
        }
    };
    load_str(text, path)
}

/// Position just after `prefix` (1-based, columns in characters).
fn end_position(prefix: &str) -> LineCol {
    let line = 1 + prefix.bytes().filter(|&b| b == b'\n').count();
    let last = prefix.rsplit('\n').next().unwrap_or("");
    LineCol {
        line,
        col: 1 + last.chars().count(),
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

#[derive(Deserialize)]
struct FormatProbe {
    format: u64,
}

/// [`load_bytes`], also returning the org's references resolved to indices
/// (built once here, then used by the analysis).
pub fn load_bytes_indexed(
    bytes: &[u8],
    path: &str,
) -> Result<(Org, crate::index::OrgIndex), LoadError> {
    let org = load_bytes(bytes, path)?;
    let index = crate::index::OrgIndex::new(&org, &crate::catalog::RoleCatalog::new(&org.roles));
    Ok((org, index))
}

/// Reads and validates an org file's text; `path` is only used in errors.
pub fn load_str(text: &str, path: &str) -> Result<Org, LoadError> {
    // Display makes messages safe to print (control characters escaped).
    let err = |pos: Option<LineCol>, message: String| LoadError {
        path: path.into(),
        pos,
        message,
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(err(
            None,
            "the file is empty; an org file is `(format: 1, name: \"...\", ...)`".into(),
        ));
    }
    let org: Org = match ron_options().from_str(body) {
        Ok(org) => org,
        Err(e) => {
            // A newer format may fail on fields this build does not know:
            // say so rather than report the first unknown field.
            if let Ok(probe) = ron_options().from_str::<FormatProbe>(body)
                && probe.format != u64::from(FORMAT_VERSION)
            {
                let at = SourceMap::scan(body, None).field("format");
                return Err(err(at, format_message(probe.format)));
            }
            let pos = LineCol {
                line: e.span.start.line,
                col: e.span.start.col,
            };
            let message = ron_message(&e.code);
            let names_field = matches!(
                e.code,
                ron::Error::NoSuchStructField { .. }
                    | ron::Error::MissingStructField { .. }
                    | ron::Error::DuplicateStructField { .. }
            );
            let sm = SourceMap::scan(body, Some(pos));
            let message = match sm.context(!names_field) {
                // "allocation: allocation 150 is outside 1..=100" says it twice.
                Some(ctx)
                    if ctx
                        .rsplit(": ")
                        .next()
                        .is_some_and(|k| message.starts_with(k)) =>
                {
                    match ctx.rsplit_once(": ") {
                        Some((outer, _)) => format!("{outer}: {message}"),
                        None => message,
                    }
                }
                Some(ctx) => format!("{ctx}: {message}"),
                None => message,
            };
            return Err(err(Some(pos), message));
        }
    };
    if org.format != FORMAT_VERSION {
        let at = SourceMap::scan(body, None).field("format");
        return Err(err(at, format_message(u64::from(org.format))));
    }
    let mut org = org;
    if let Err(e) = validate::validate(&mut org) {
        let sm = SourceMap::scan(body, None);
        let pos = match &e.at {
            validate::At::Entity(kind, id, nth) => sm.locate_nth(*kind, id, *nth),
            validate::At::MapKey(map, key) => sm.map_key(map, key),
        };
        return Err(err(pos, e.message));
    }
    // The record's people as written are read against the org's (valid,
    // with its roles canonical, by now).
    if let Some(mut rec) = org.imported.take() {
        if let Err(message) = rec.resolve(&org) {
            let at = SourceMap::scan(body, None).field("imported");
            return Err(err(at, message));
        }
        org.imported = Some(rec);
    }
    Ok(org)
}

/// Validates an org built in memory (as the reader validates a file's),
/// normalising role ids; the message names the entity.
pub fn validate_org(org: &mut Org) -> Result<(), String> {
    validate::validate(org).map_err(|e| e.message)
}

fn format_message(found: u64) -> String {
    if found > u64::from(FORMAT_VERSION) {
        format!(
            "format {found} is newer than this build of orgplan reads (format {FORMAT_VERSION}); \
             update orgplan to open this file"
        )
    } else {
        format!("format {found} is not a known version; this build reads format {FORMAT_VERSION}")
    }
}

fn ron_message(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::Message(m) => m.clone(),
        E::NoSuchStructField {
            expected, found, ..
        } => {
            let mut msg = format!("unknown field \"{found}\"");
            if let Some(best) = closest(found, expected) {
                msg.push_str(&format!(" (did you mean \"{best}\"?)"));
            } else {
                msg.push_str(&format!(" (expected one of: {})", expected.join(", ")));
            }
            msg
        }
        E::MissingStructField { field, .. } => format!("missing field \"{field}\""),
        E::DuplicateStructField { field, .. } => format!("field \"{field}\" is given twice"),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown value \"{found}\" (expected one of: {})",
            expected.join(", ")
        ),
        E::ExceededRecursionLimit => {
            format!("brackets are nested more than {RECURSION_LIMIT} deep; this is not an org file")
        }
        E::Eof => "unexpected end of file (is a closing bracket missing?)".into(),
        E::IntegerOutOfBounds => "number is out of range".into(),
        other => {
            let s = other.to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().chain(c).collect(),
                None => s,
            }
        }
    }
}

/// The candidate closest to `word` by edit distance, if it is close.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(ca != *cb);
                cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    }
    candidates
        .iter()
        .map(|c| (distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_fields() {
        assert_eq!(closest("manger", &["manager", "name"]), Some("manager"));
        assert_eq!(closest("zzzzzz", &["manager", "name"]), None);
    }
}
