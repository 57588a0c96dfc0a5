//! Report formats: snapshots, escaping of hostile names, the JSON shape.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::io::load_str;
use orgplan::model::Date;
use orgplan::report::{Checked, Format, render};

fn today() -> Date {
    Date::parse("2026-11-21").unwrap()
}

fn rendered(path: &str, text: &str, format: Format) -> String {
    let org = load_str(text, path).unwrap();
    let c = Checked::new(path.to_string(), &org, Some(text), today());
    render(format, &[c])
}

fn acme() -> String {
    std::fs::read_to_string("tests/fixtures/conformance/policy.org.ron").unwrap() + ""
}

#[test]
fn snapshot_per_format() {
    // The policy fixture has every kind of content: waivers, overrides,
    // stop-gaps, an expired waiver.
    let text = acme();
    for format in Format::ALL {
        let out = rendered("policy.org.ron", &text, format);
        insta::assert_snapshot!(format!("policy_{}", format.extension()), out);
    }
    let text = std::fs::read_to_string("tests/fixtures/rules/H001.org.ron").unwrap();
    insta::assert_snapshot!(
        "hiring_md",
        rendered("H001.org.ron", &text, Format::Markdown)
    );
}

const HOSTILE: &str = r#"(
    format: 1,
    name: "<b>Evil</b> & Co",
    description: "<img src=x onerror=alert(2)>",
    people: [
        (id: "x", name: "<script>alert(1)</script>", role: "EM"),
        (id: "e1", name: "@SUM(A1)", role: "Engineer", manager: "x"),
        (id: "e2", name: "-2+3", role: "Engineer", manager: "x"),
    ],
    teams: [
        (id: "t", name: "=HYPERLINK(\"x\")", members: [(person: "x"), (person: "e1"), (person: "e2")], open_seats: [(role: "PM", note: "<i>soon</i>")]),
    ],
    waivers: [
        (rule: "S003", subject: "person:x", reason: "<script>alert(3)</script>"),
    ],
)"#;

#[test]
fn hostile_names_are_inert_in_html() {
    let html = rendered("evil.org.ron", HOSTILE, Format::Html);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "name not escaped"
    );
    assert!(!html.contains("<script>"), "live script tag in HTML");
    assert!(!html.contains("<img"), "live img tag in HTML");
    assert!(!html.contains("<b>Evil"), "live markup from the org name");
    assert!(!html.contains("<i>soon"), "live markup from a seat note");
    assert!(html.contains("=HYPERLINK(&quot;x&quot;)") || html.contains("=HYPERLINK(&#34;x&#34;)"));
    // Self-contained: no external assets.
    for needle in ["<link", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "external asset: {needle}");
    }
}

#[test]
fn hostile_names_are_inert_in_markdown() {
    let md = rendered("evil.org.ron", HOSTILE, Format::Markdown);
    assert!(!md.contains("<script>"), "live script tag in Markdown");
    assert!(!md.contains("<img"), "live img tag in Markdown");
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Table cells cannot be broken by a pipe in a name.
    let piped = HOSTILE.replace("=HYPERLINK(\\\"x\\\")", "a|b");
    let md = rendered("evil.org.ron", &piped, Format::Markdown);
    assert!(md.contains("a\\|b"));
}

#[test]
fn csv_is_formula_injection_safe() {
    let out = rendered("evil.org.ron", HOSTILE, Format::Csv);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers = r.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "file",
            "severity",
            "rule",
            "name",
            "subject",
            "capability",
            "related",
            "message",
            "waived"
        ]
    );
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "dangerous cell {cell:?}"
            );
        }
        rows += 1;
    }
    assert!(rows >= 2);
    assert!(out.contains("'=HYPERLINK"), "{out}");
}

#[test]
fn json_has_the_cli_md_shape_for_every_sample() {
    for sample in ["startup", "scaleup", "enterprise"] {
        let path = format!("samples/{sample}.org.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        let out = rendered(&path, &text, Format::Json);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(keys(&v), ["files", "tool", "version"]);
        assert_eq!(v["tool"], "orgplan");
        let files = v["files"].as_array().unwrap();
        assert_eq!(files.len(), 1);
        let f = &files[0];
        assert_eq!(keys(f), ["findings", "org", "path", "summary"]);
        assert_eq!(f["path"], path.as_str());
        assert_eq!(keys(&f["summary"]), ["error", "info", "waived", "warning"]);
        let findings = f["findings"].as_array().unwrap();
        assert!(!findings.is_empty());
        let mut counted = [0u64; 3];
        for x in findings {
            assert_eq!(
                keys(x),
                [
                    "capability",
                    "message",
                    "name",
                    "related",
                    "rule",
                    "severity",
                    "subject",
                    "waived"
                ]
            );
            assert!(x["rule"].is_string() && x["name"].is_string() && x["message"].is_string());
            assert!(x["related"].is_array() && x["waived"].is_boolean());
            assert!(x["capability"].is_null() || x["capability"].is_string());
            let sev = x["severity"].as_str().unwrap();
            let i = ["error", "warning", "info"]
                .iter()
                .position(|s| *s == sev)
                .unwrap();
            if !x["waived"].as_bool().unwrap() {
                counted[i] += 1;
            }
        }
        assert_eq!(f["summary"]["error"], counted[0]);
        assert_eq!(f["summary"]["warning"], counted[1]);
        assert_eq!(f["summary"]["info"], counted[2]);
    }
}

#[test]
fn sarif_locates_subjects_on_their_id_line() {
    let text = std::fs::read_to_string("tests/fixtures/rules/C002.org.ron").unwrap();
    let out = rendered("C002.org.ron", &text, Format::Sarif);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 28);
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "C002")
        .unwrap();
    let line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .contains("id: \"checkout\""),
        "line {line}"
    );
    let idx = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], "C002");
}
