//! Every refusal of docs/file-format.md "Reading" gets its one-line message, and
//! no input makes the reader panic.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::io::{load_bytes, load_file};
use std::process::Command;

/// A small valid org to break in one place.
const BASE: &str = r#"#![enable(implicit_some)]
(
    format: 1,
    name: "Acme",
    people: [
        (id: "alice", name: "Alice Chen", role: "EM"),
        (id: "bo", name: "Bo Park", role: "Engineer", manager: "alice"),
    ],
    teams: [
        (
            id: "checkout",
            name: "Checkout",
            members: [(person: "alice"), (person: "bo", allocation: 80)],
            depends_on: ["ledger"],
        ),
        (id: "ledger", name: "Ledger", kind: Platform),
    ],
    initiatives: [
        (id: "eu-launch", name: "EU launch", teams: ["checkout", "ledger"], lead: "alice"),
    ],
    roles: [
        (id: "EngLead", name: "Engineering Lead", provides: {"people": Primary}),
    ],
    waivers: [
        (rule: "C002", subject: "team:checkout", capability: "roadmap", reason: "r", until: "2027-01-31"),
    ],
)
"#;

fn err_of(text: &str) -> String {
    match load_bytes(text.as_bytes(), "acme.org.ron") {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn with(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    err_of(&BASE.replacen(from, to, 1))
}

#[test]
fn base_is_valid() {
    let org = load_bytes(BASE.as_bytes(), "acme.org.ron").unwrap();
    assert_eq!(org.people.len(), 2);
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = with(r#"(id: "bo", name"#, r#"(id: "bo" name"#);
    assert_eq!(e, r#"acme.org.ron:7:19: person "bo": id: expected comma"#);
}

#[test]
fn duplicate_ids() {
    let e = with(
        r#"(id: "bo", name: "Bo Park""#,
        r#"(id: "alice", name: "Bo Park""#,
    );
    assert_eq!(
        e,
        r#"acme.org.ron:7:14: person "alice": duplicate id (another person already uses it)"#
    );
    let e = with(r#"(id: "ledger", name"#, r#"(id: "checkout", name"#);
    assert!(e.contains(r#"team "checkout": duplicate id"#), "{e}");
    assert!(e.starts_with("acme.org.ron:16:"), "{e}");
}

#[test]
fn unknown_references() {
    let e = with(
        r#"(person: "bo", allocation"#,
        r#"(person: "zed", allocation"#,
    );
    assert_eq!(
        e,
        r#"acme.org.ron:11:17: team "checkout": member "zed" is not a person in this file"#
    );
    let e = with(r#"manager: "alice""#, r#"manager: "dana""#);
    assert!(
        e.ends_with(r#"person "bo": manager "dana" is not a person in this file"#),
        "{e}"
    );
    let e = with(r#"depends_on: ["ledger"]"#, r#"depends_on: ["ledgr"]"#);
    assert!(
        e.ends_with(r#"team "checkout": depends_on "ledgr" is not a team in this file"#),
        "{e}"
    );
    let e = with(
        r#"teams: ["checkout", "ledger"]"#,
        r#"teams: ["checkout", "x"]"#,
    );
    assert!(
        e.ends_with(r#"initiative "eu-launch": team "x" is not a team in this file"#),
        "{e}"
    );
    let e = with(r#"lead: "alice""#, r#"lead: "al""#);
    assert!(
        e.ends_with(r#"initiative "eu-launch": lead "al" is not a person in this file"#),
        "{e}"
    );
    let e = with(r#"role: "Engineer""#, r#"role: "Wizard""#);
    assert!(
        e.contains(r#"person "bo": role "Wizard" is not a known role"#),
        "{e}"
    );
}

#[test]
fn sdm_reads_as_em() {
    let org = load_bytes(
        BASE.replacen(r#"role: "EM""#, r#"role: "SDM""#, 1)
            .as_bytes(),
        "x",
    )
    .unwrap();
    assert_eq!(org.people[0].role.as_str(), "EM");
}

#[test]
fn allocation_out_of_range() {
    for bad in ["0", "101", "-5"] {
        let e = with("allocation: 80", &format!("allocation: {bad}"));
        assert!(
            e.ends_with(&format!(
                r#"team "checkout": member "bo": allocation {bad} is outside 1..=100"#
            )),
            "{e}"
        );
        assert!(e.starts_with("acme.org.ron:13:"), "{e}");
    }
}

#[test]
fn same_person_twice() {
    let e = with(
        r#"(person: "bo", allocation: 80)"#,
        r#"(person: "alice", allocation: 80)"#,
    );
    assert!(
        e.ends_with(r#"team "checkout": member "alice" is listed twice in members"#),
        "{e}"
    );
}

#[test]
fn unknown_capability() {
    let e = with(r#"{"people": Primary}"#, r#"{"peeple": Primary}"#);
    assert!(e.starts_with("acme.org.ron:22:"), "{e}");
    assert!(
        e.contains(r#"role "EngLead": provides: unknown capability "peeple""#),
        "{e}"
    );
    let e = with(r#"capability: "roadmap""#, r#"capability: "road""#);
    assert!(
        e.contains(r#"waiver C002 on "team:checkout": capability: unknown capability "road""#),
        "{e}"
    );
}

#[test]
fn malformed_date() {
    let e = with(r#"until: "2027-01-31""#, r#"until: "31/01/2027""#);
    assert!(e.starts_with("acme.org.ron:25:"), "{e}");
    assert!(
        e.contains(r#"waiver C002 on "team:checkout": until: malformed date "31/01/2027""#),
        "{e}"
    );
}

#[test]
fn unknown_field_is_refused_with_a_suggestion() {
    let e = with(r#"manager: "alice""#, r#"manger: "alice""#);
    assert_eq!(
        e,
        r#"acme.org.ron:7:55: person "bo": unknown field "manger" (did you mean "manager"?)"#
    );
}

#[test]
fn bad_ids() {
    let e = with(r#"(id: "bo","#, r#"(id: "b o","#);
    assert!(e.contains("contains ' '"), "{e}");
    let e = with(r#"(id: "bo","#, r#"(id: "","#);
    assert!(e.contains("an id must not be empty"), "{e}");
    let long = "x".repeat(65);
    let e = with(r#"(id: "bo","#, &format!(r#"(id: "{long}","#));
    assert!(e.contains("longer than 64 characters"), "{e}");
}

#[test]
fn newer_format_is_refused_by_version() {
    let e = with("format: 1,", "format: 2,\n    future_field: [1, 2],");
    assert_eq!(
        e,
        // Issue 9: the error carries the line:col of the `format` field.
        "acme.org.ron:3:5: format 2 is newer than this build of orgplan reads (format 1); update orgplan to open this file"
    );
}

#[test]
fn hostile_inputs_are_refused_cleanly() {
    assert_eq!(
        err_of(""),
        "acme.org.ron: the file is empty; an org file is `(format: 1, name: \"...\", ...)`"
    );
    let e = match load_bytes(b"(format: 1, name: \"\xff\")", "acme.org.ron") {
        Err(e) => e.to_string(),
        Ok(_) => panic!(),
    };
    assert_eq!(
        e,
        "acme.org.ron:1:20: not UTF-8 text (byte 0xFF); org files must be saved as UTF-8"
    );
    let deep = "[".repeat(200_000);
    assert!(err_of(&deep).starts_with("acme.org.ron:1:1:"));
    let deep_inside = format!("(format: 1, name: \"x\", people: {})", "[".repeat(200_000));
    let _ = err_of(&deep_inside);
    let deep_ignored = format!("(format: 2, x: {})", "[".repeat(200_000));
    let _ = err_of(&deep_ignored);
    // A 5 MB string is read (no panic, no quadratic blow-up).
    let big = format!("(format: 1, name: \"{}\")", "x".repeat(5_000_000));
    assert_eq!(
        load_bytes(big.as_bytes(), "big").unwrap().name.len(),
        5_000_000
    );
    let too_big = vec![b' '; orgplan::io::MAX_FILE_BYTES + 1];
    assert!(
        load_bytes(&too_big, "x")
            .unwrap_err()
            .to_string()
            .contains("limited to 64 MiB")
    );
    assert!(
        load_file(std::path::Path::new("/no/such.org.ron"))
            .unwrap_err()
            .to_string()
            .ends_with("no such file")
    );
}

#[test]
fn cli_exits_2_with_one_line_and_no_backtrace() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("utf8", b"(format: 1, name: \"\xc3\x28\")".to_vec()),
        ("nested", "[".repeat(200_000).into_bytes()),
        ("format2", b"(format: 2, name: \"x\")".to_vec()),
        (
            "ref",
            BASE.replacen("\"bo\", allocation", "\"zed\", allocation", 1)
                .into_bytes(),
        ),
        (
            "bigstring",
            format!("(format: 1, name: \"{}\", oops: 1)", "y".repeat(5_000_000)).into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.org.ron"));
        std::fs::write(&path, &bytes).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_orgplan"))
            .args(["fmt", "--check"])
            .arg(&path)
            .env("RUST_BACKTRACE", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(stderr.starts_with("orgplan: error: "), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        // Nothing was rewritten.
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name}");
    }
}

/// A small deterministic generator (xorshift), so the fuzz cases are the
/// same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn mutated_samples_never_panic() {
    let mut sources = vec![BASE.as_bytes().to_vec()];
    for p in [
        "samples/startup.org.ron",
        "samples/scaleup.org.ron",
        "tests/fixtures/conformance/policy.org.ron",
    ] {
        sources.push(std::fs::read(p).unwrap());
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases = 0;
    let (mut accepted, mut refused) = (0, 0);
    // ORGPLAN_FUZZ_ROUNDS=12000 for a longer run.
    let rounds = std::env::var("ORGPLAN_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_400);
    for round in 0..rounds {
        let src = &sources[round % sources.len()];
        let mut bytes = src.clone();
        match round % 4 {
            0 => bytes.truncate(rng.below(bytes.len())),
            1 => {
                for _ in 0..1 + rng.below(4) {
                    let i = rng.below(bytes.len());
                    bytes[i] = match rng.below(4) {
                        0 => rng.next() as u8,
                        1 => b"()[]{},:\"\\"[rng.below(10)],
                        2 => bytes[i] ^ 0x80,
                        _ => b'0' + rng.below(10) as u8,
                    };
                }
            }
            2 => {
                let other = &sources[rng.below(sources.len())];
                let a = rng.below(bytes.len());
                let (b, c) = (rng.below(other.len()), rng.below(other.len()));
                let (b, c) = (b.min(c), b.max(c));
                bytes.splice(a..a, other[b..c].iter().copied());
            }
            _ => {
                let a = rng.below(bytes.len());
                let b = (a + rng.below(200)).min(bytes.len());
                bytes.drain(a..b);
            }
        }
        match load_bytes(&bytes, "mutant.org.ron") {
            Ok(org) => {
                accepted += 1;
                // Anything accepted must survive a save and reload.
                let text = orgplan::io::to_canonical_string(&org);
                assert_eq!(load_bytes(text.as_bytes(), "again").unwrap(), org);
                // And every report renders, with no raw control character
                // in the line-based formats.
                let today = orgplan::model::Date::parse("2026-11-22").unwrap();
                let c = orgplan::report::Checked::new("m".into(), &org, Some(&text), today);
                for f in orgplan::report::Format::ALL {
                    let out = orgplan::report::render(f, std::slice::from_ref(&c));
                    if matches!(
                        f,
                        orgplan::report::Format::Text | orgplan::report::Format::Csv
                    ) {
                        assert!(
                            !out.chars()
                                .any(|c| c.is_control() && c != '\n' && c != '\r'),
                            "{f:?}"
                        );
                    }
                }
            }
            Err(e) => {
                refused += 1;
                let line = e.to_string();
                assert!(!line.contains('\n'), "multi-line error: {line}");
                assert!(line.starts_with("mutant.org.ron"), "{line}");
            }
        }
        cases += 1;
    }
    assert!(cases >= 2_000);
    assert!(
        refused > 1_000 && accepted > 10,
        "accepted {accepted}, refused {refused}"
    );
}

/// Initiatives' open seats (an addition to v1): read, written canonically
/// after the members, read back the same; a seat of an unknown role is
/// refused naming the initiative.
#[test]
fn initiative_open_seats_read_write_and_validate() {
    let text = BASE.replacen(
        r#"lead: "alice"),"#,
        r#"lead: "alice", open_seats: [(role: "TPM", note: "req #9"), (role: "SDM")]),"#,
        1,
    );
    let org = load_bytes(text.as_bytes(), "acme.org.ron").unwrap();
    let seats = &org.initiatives[0].open_seats;
    assert_eq!(seats.len(), 2);
    assert_eq!(seats[0].note, "req #9");
    assert_eq!(seats[1].role.as_str(), "EM", "SDM reads as EM, as on teams");
    let written = orgplan::io::to_canonical_string(&org);
    assert!(
        written.contains(
            "            open_seats: [\n                (role: \"TPM\", note: \"req #9\"),\n                (role: \"EM\"),\n            ],\n"
        ),
        "{written}"
    );
    let again = load_bytes(written.as_bytes(), "again.org.ron").unwrap();
    assert_eq!(again, org);
    assert_eq!(orgplan::io::to_canonical_string(&again), written);
    // Without seats nothing is written: files from before read and write
    // byte for byte as they did.
    let plain = load_bytes(BASE.as_bytes(), "acme.org.ron").unwrap();
    assert!(!orgplan::io::to_canonical_string(&plain).contains("open_seats"));
    let e = with(
        r#"lead: "alice"),"#,
        r#"lead: "alice", open_seats: [(role: "Wizard")]),"#,
    );
    assert!(e.contains("eu-launch") && e.contains("Wizard"), "{e}");
}
