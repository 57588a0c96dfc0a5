//! Text from org files and file names, made safe to show: no control
//! character reaches a terminal, a line-based tool or a report raw.
//!
//! Control characters (C0, DEL, C1) and the bidirectional overrides and
//! isolates (U+202A–U+202E, U+2066–U+2069, which can make text read
//! differently from what it is) are shown escaped, `\u{1b}`; a newline is
//! shown as `\n`, so a value can never break a line.

use std::borrow::Cow;

/// Whether `c` must not be written raw to a terminal or a line.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Pushes the escaped form of `c` (`\n`, `\t`, `\r` or `\u{1b}`).
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `s` with every unsafe character escaped; borrowed when nothing needs it.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], but keeps line breaks and tabs (for multi-line output
/// whose structure uses them, such as a whole Markdown or HTML document).
pub fn visible_keep_lines(s: &str) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\t');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if bad(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text with bidi overrides written as `\u202e` escapes (the same
/// JSON value; serde_json already escapes control characters).
pub fn json_ascii_bidi(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as one safe line.
pub fn path(p: &std::path::Path) -> String {
    visible(&p.display().to_string()).into_owned()
}

/// The entity for a character XML and HTML must not hold as itself.
pub(crate) fn xml_entity(c: char) -> Option<&'static str> {
    Some(match c {
        '<' => "&lt;",
        '>' => "&gt;",
        '&' => "&amp;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => return None,
    })
}

/// Text for SVG and HTML: markup characters as entities, control
/// characters as spaces.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match xml_entity(c) {
            Some(e) => out.push_str(e),
            None if c.is_control() => out.push(' '),
            None => out.push(c),
        }
    }
    out
}

/// Text from the org file for Markdown: rendered literally, no HTML in it
/// live (`<script>` becomes `&lt;script&gt;`), one line, invisible
/// characters shown as `\u{..}`.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' | '>' | '&' => out.push_str(xml_entity(c).unwrap_or_default()),
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            // Shown as `\u{1b}` (the backslash escaped for Markdown).
            c if is_unsafe(c) => {
                out.push_str(&format!("\\\\u{{{:x}}}", c as u32));
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A RON string literal. Printable text (accents, scripts with combining
/// marks, emoji with ZWJ) is written as itself; quotes, backslashes,
/// control characters and bidi overrides are escaped, so an org file stays
/// one value a line and reads as what it holds.
pub fn ron_string(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        let evil =
            "\u{1b}]0;PWNED\u{7}\u{1b}[2J\nerror L001 person:ceo: forged\u{202e}x\u{85}\u{7f}";
        let v = visible(evil);
        assert!(!v.chars().any(is_unsafe), "{v}");
        assert!(!v.contains('\n'));
        assert_eq!(
            v,
            "\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J\\nerror L001 person:ceo: forged\\u{202e}x\\u{85}\\u{7f}"
        );
        assert!(matches!(visible("Ola Sørensen 👩‍💻 प्रिया"), Cow::Borrowed(_)));
        assert_eq!(visible_keep_lines("a\n\u{1b}b"), "a\n\\u{1b}b");
    }
}
