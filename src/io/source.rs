//! A light structural scan of RON text that knows where each entity of an
//! org file sits. It serves two needs the serde parse cannot: naming the
//! entity (kind, id, field) around an error position, and finding the line
//! where a subject's id is defined (SARIF locations, semantic errors).
//!
//! It tolerates any input: unbalanced brackets, unterminated strings and
//! invalid syntax just end the scan early.

use std::collections::HashMap;

/// 1-based line and column (in characters), as ron reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// The entity kinds of an org file, by the top-level list that holds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Team,
    Initiative,
    Role,
    Waiver,
}

impl EntityKind {
    fn from_list_key(key: &str) -> Option<EntityKind> {
        Some(match key {
            "people" => EntityKind::Person,
            "teams" => EntityKind::Team,
            "initiatives" => EntityKind::Initiative,
            "roles" => EntityKind::Role,
            "waivers" => EntityKind::Waiver,
            _ => return None,
        })
    }

    pub fn word(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Team => "team",
            EntityKind::Initiative => "initiative",
            EntityKind::Role => "role",
            EntityKind::Waiver => "waiver",
        }
    }
}

#[derive(Clone, Debug)]
struct Frame {
    open: u8,
    parent: Option<usize>,
    /// The key under which this frame's value sits in its parent struct.
    key_in_parent: Option<String>,
    /// Named string fields seen in this struct (id, person, rule, subject).
    labels: Vec<(String, String, LineCol)>,
    entity: Option<EntityKind>,
    start: LineCol,
}

/// A label as it may appear in a one-line message: escaped and bounded.
fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(40).flat_map(char::escape_debug).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

impl Frame {
    fn label(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v.as_str())
    }
}

/// Where one entity is defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityLocation {
    pub kind: EntityKind,
    pub id: String,
    /// Position of the id's string literal (or of the struct when it has none).
    pub at: LineCol,
}

/// The result of scanning a file.
#[derive(Debug, Default)]
pub struct SourceMap {
    frames: Vec<Frame>,
    /// Innermost open frame and the key being read at the probe position.
    probe: Option<(Option<usize>, Option<String>)>,
    ids: HashMap<(EntityKind, String), Vec<LineCol>>,
    /// Top-level fields (`format`, `name`, …) and where their key is.
    fields: HashMap<String, LineCol>,
    /// String keys of maps: (the map's field name, key, position).
    map_keys: Vec<(String, String, LineCol)>,
}

const LABEL_KEYS: [&str; 5] = ["id", "person", "rule", "subject", "role"];

impl SourceMap {
    /// Scans `text`; `probe` is a position whose context [`Self::context`]
    /// will describe.
    pub fn scan(text: &str, probe: Option<LineCol>) -> SourceMap {
        let mut sm = SourceMap::default();
        let mut sc = Scanner::new(text);
        let mut stack: Vec<usize> = Vec::new();
        // Last key seen in each open frame (parallel to `stack`).
        let mut keys: Vec<Option<String>> = Vec::new();
        let mut pending_key: Option<String> = None;
        loop {
            sc.skip_trivia();
            let here = sc.pos();
            if let Some(p) = probe
                && sm.probe.is_none()
                && here >= p
            {
                sm.probe = Some((stack.last().copied(), keys.last().cloned().flatten()));
            }
            let Some(b) = sc.peek() else { break };
            match b {
                b'(' | b'[' | b'{' => {
                    sc.bump();
                    let parent = stack.last().copied();
                    let key_in_parent = keys.last().cloned().flatten();
                    // An entity is a struct directly inside a top-level list.
                    let entity = (b == b'(' && stack.len() == 2)
                        .then(|| {
                            let list = &sm.frames[stack[1]];
                            (list.open == b'[')
                                .then_some(list.key_in_parent.as_deref())
                                .flatten()
                                .and_then(EntityKind::from_list_key)
                        })
                        .flatten();
                    sm.frames.push(Frame {
                        open: b,
                        parent,
                        key_in_parent,
                        labels: Vec::new(),
                        entity,
                        start: here,
                    });
                    stack.push(sm.frames.len() - 1);
                    keys.push(None);
                }
                b')' | b']' | b'}' => {
                    sc.bump();
                    stack.pop();
                    keys.pop();
                }
                b'"' | b'r' if sc.at_string_start() => {
                    let Some(value) = sc.string() else { break };
                    if let Some(&top) = stack.last()
                        && sm.frames[top].open == b'{'
                    {
                        sc.skip_trivia();
                        if sc.peek() == Some(b':') {
                            let map = sm.frames[top].key_in_parent.clone().unwrap_or_default();
                            sm.map_keys.push((map, value.clone(), here));
                        }
                    }
                    if let (Some(&top), Some(Some(key))) = (stack.last(), keys.last())
                        && LABEL_KEYS.contains(&key.as_str())
                        && sm.frames[top].label(key).is_none()
                    {
                        sm.frames[top].labels.push((key.clone(), value, here));
                    }
                }
                b'#' => {
                    // `#![enable(...)]`: skip to the closing `]`.
                    while let Some(c) = sc.bump() {
                        if c == b']' {
                            break;
                        }
                    }
                }
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let ident = sc.ident();
                    sc.skip_trivia();
                    if sc.peek() == Some(b':') && stack.last().is_some() {
                        sc.bump();
                        if stack.len() == 1 {
                            sm.fields.entry(ident.clone()).or_insert(here);
                        }
                        pending_key = Some(ident);
                    }
                }
                b',' => {
                    sc.bump();
                    if let Some(k) = keys.last_mut() {
                        // A comma ends a field; a map/list entry has no key.
                        if stack.last().is_some_and(|&t| sm.frames[t].open != b'(') {
                            *k = None;
                        }
                    }
                }
                _ => {
                    sc.bump();
                }
            }
            if let Some(k) = pending_key.take()
                && let Some(slot) = keys.last_mut()
            {
                *slot = Some(k);
            }
        }
        for f in &sm.frames {
            if let Some(kind) = f.entity {
                let (id, at) = match kind {
                    EntityKind::Waiver => (f.label("subject"), f.start),
                    _ => (f.label("id"), f.start),
                };
                let at = f
                    .labels
                    .iter()
                    .find(|(k, _, _)| k == "id")
                    .map_or(at, |(_, _, p)| *p);
                if let Some(id) = id {
                    sm.ids.entry((kind, id.to_string())).or_default().push(at);
                }
            }
        }
        sm
    }

    /// Where the entity `kind` with `id` is defined (its first definition).
    pub fn locate(&self, kind: EntityKind, id: &str) -> Option<LineCol> {
        self.locate_nth(kind, id, 0)
    }

    /// Where the `n`th (0-based) definition of `kind` `id` is.
    pub fn locate_nth(&self, kind: EntityKind, id: &str, n: usize) -> Option<LineCol> {
        self.ids
            .get(&(kind, id.to_string()))
            .and_then(|v| v.get(n))
            .copied()
    }

    /// Where the top-level field `name` is (its key).
    pub fn field(&self, name: &str) -> Option<LineCol> {
        self.fields.get(name).copied()
    }

    /// Where the string key `key` of the map field `map` is.
    pub fn map_key(&self, map: &str, key: &str) -> Option<LineCol> {
        self.map_keys
            .iter()
            .find(|(m, k, _)| m == map && k == key)
            .map(|(_, _, p)| *p)
    }

    /// Describes the probe position: `team "checkout": member "bo": allocation`.
    /// `with_key: false` leaves out the field being read (for errors that
    /// name the field themselves).
    pub fn context(&self, with_key: bool) -> Option<String> {
        let (frame, key) = self.probe.clone()?;
        let mut parts: Vec<String> = Vec::new();
        if let Some(k) = key.filter(|_| with_key) {
            parts.push(k);
        }
        let mut cur = frame;
        while let Some(i) = cur {
            let f = &self.frames[i];
            if let Some(kind) = f.entity {
                let label = match kind {
                    EntityKind::Waiver => match (f.label("rule"), f.label("subject")) {
                        (Some(r), Some(s)) => {
                            Some(format!("waiver {} on \"{}\"", shown(r), shown(s)))
                        }
                        _ => None,
                    },
                    _ => f
                        .label("id")
                        .map(|id| format!("{} \"{}\"", kind.word(), shown(id))),
                };
                parts.push(label.unwrap_or_else(|| kind.word().to_string()));
                break;
            }
            if let Some(p) = f.label("person") {
                parts.push(format!("member \"{}\"", shown(p)));
                // Skip the `members` list that holds this member.
                cur = f.parent.and_then(|l| self.frames[l].parent);
                continue;
            }
            if let Some(k) = &f.key_in_parent
                && parts.last() != Some(k)
            {
                parts.push(k.clone());
            }
            cur = f.parent;
        }
        parts.dedup();
        (!parts.is_empty()).then(|| {
            parts.reverse();
            parts.join(": ")
        })
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
    col: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            b: text.as_bytes(),
            i: 0,
            line: 1,
            col: 1,
        }
    }

    fn pos(&self) -> LineCol {
        LineCol {
            line: self.line,
            col: self.col,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.b.get(self.i + n).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if c & 0xC0 != 0x80 {
            // Count characters, not UTF-8 continuation bytes.
            self.col += 1;
        }
        Some(c)
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_ascii_whitespace() => {
                    self.bump();
                }
                (Some(b'/'), Some(b'/')) => {
                    while let Some(c) = self.bump() {
                        if c == b'\n' {
                            break;
                        }
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some(b'*'), Some(b'/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn at_string_start(&self) -> bool {
        match self.peek() {
            Some(b'"') => true,
            Some(b'r') => {
                let mut n = 1;
                while self.peek_at(n) == Some(b'#') {
                    n += 1;
                }
                self.peek_at(n) == Some(b'"')
            }
            _ => false,
        }
    }

    /// Reads a string literal; `None` if it never ends.
    fn string(&mut self) -> Option<String> {
        let mut raw_hashes = None;
        if self.peek() == Some(b'r') {
            self.bump();
            let mut n = 0;
            while self.peek() == Some(b'#') {
                self.bump();
                n += 1;
            }
            raw_hashes = Some(n);
        }
        self.bump(); // opening quote
        let start = self.i;
        loop {
            let c = self.bump()?;
            match (c, raw_hashes) {
                (b'\\', None) => {
                    self.bump()?;
                }
                (b'"', None) => break,
                (b'"', Some(n)) if (0..n).all(|k| self.peek_at(k) == Some(b'#')) => {
                    for _ in 0..n {
                        self.bump();
                    }
                    break;
                }
                _ => {}
            }
        }
        let end = self.i - 1 - raw_hashes.unwrap_or(0);
        let raw = String::from_utf8_lossy(&self.b[start..end.max(start)]);
        Some(if raw_hashes.is_none() && raw.contains('\\') {
            unescape(&raw)
        } else {
            raw.into_owned()
        })
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' {
                self.bump();
            } else {
                break;
            }
        }
        String::from_utf8_lossy(&self.b[start..self.i]).into_owned()
    }
}

/// Good-enough unescaping for labels (ids never need escapes).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"#![enable(implicit_some)]
// comment (with [brackets]
(
    format: 1,
    name: "X (y)",
    people: [
        (id: "alice", name: "Alice", role: "EM"),
        (
            id: "bo",
            name: "B\"o",
            role: "Engineer",
        ),
    ],
    teams: [
        (
            id: "checkout",
            name: "Checkout",
            members: [(person: "alice", allocation: 150)],
        ),
    ],
    waivers: [
        (rule: "C002", subject: "team:checkout", reason: "r"),
    ],
)
"#;

    #[test]
    fn locates_ids() {
        let sm = SourceMap::scan(TEXT, None);
        assert_eq!(
            sm.locate(EntityKind::Person, "alice"),
            Some(LineCol { line: 7, col: 14 })
        );
        assert_eq!(sm.locate(EntityKind::Person, "bo").unwrap().line, 9);
        assert_eq!(sm.locate(EntityKind::Team, "checkout").unwrap().line, 16);
        assert_eq!(
            sm.locate(EntityKind::Waiver, "team:checkout").unwrap().line,
            22
        );
        assert_eq!(sm.locate(EntityKind::Team, "nope"), None);
    }

    #[test]
    fn describes_context() {
        // The `150` on line 18.
        let col = TEXT.lines().nth(17).unwrap().find("150").unwrap() + 1;
        let sm = SourceMap::scan(TEXT, Some(LineCol { line: 18, col }));
        assert_eq!(
            sm.context(true).as_deref(),
            Some("team \"checkout\": member \"alice\": allocation")
        );
        let sm = SourceMap::scan(TEXT, Some(LineCol { line: 10, col: 19 }));
        assert_eq!(sm.context(true).as_deref(), Some("person \"bo\": name"));
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "",
            "(((",
            ")))]]",
            "\"unterminated",
            "r##\"x\"#",
            "/* open",
            "(id: ",
        ] {
            let sm = SourceMap::scan(text, Some(LineCol { line: 1, col: 2 }));
            let _ = sm.context(true);
        }
    }
}
