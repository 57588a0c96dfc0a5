//! Job titles to roles: a documented table of patterns, most specific first.
//! A pattern is words matched as whole words in the title (case and
//! punctuation ignored); `*` stands for any number of words.

use crate::model::RoleId;

/// One title pattern and the role it gives.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleRule {
    pub pattern: String,
    pub role: RoleId,
}

/// The built-in table, in the order it is tried (docs/import.md).
pub const BUILTIN: &[(&str, &str)] = &[
    ("technical program manager", "TPM"),
    ("technical programme manager", "TPM"),
    ("tpm", "TPM"),
    ("program manager", "PgM"),
    ("programme manager", "PgM"),
    ("pgm", "PgM"),
    ("project manager", "ProjM"),
    ("technical product manager", "PMT"),
    ("product manager technical", "PMT"),
    ("pm t", "PMT"),
    ("pmt", "PMT"),
    ("head of product", "ProductLead"),
    ("vp product", "ProductLead"),
    ("vp of product", "ProductLead"),
    ("vice president * product", "ProductLead"),
    ("director of product", "ProductLead"),
    ("product director", "ProductLead"),
    ("chief product officer", "ProductLead"),
    ("cpo", "ProductLead"),
    ("product manager", "PM"),
    ("product owner", "PM"),
    ("tech lead manager", "TLM"),
    ("technical lead manager", "TLM"),
    ("tlm", "TLM"),
    ("engineering manager", "EM"),
    ("software development manager", "EM"),
    ("development manager", "EM"),
    ("sdm", "EM"),
    ("director", "Director"),
    ("head of engineering", "Director"),
    ("vp engineering", "Director"),
    ("vp of engineering", "Director"),
    ("vice president * engineering", "Director"),
    ("cto", "Director"),
    ("chief technology officer", "Director"),
    ("staff * engineer", "Staff"),
    ("staff * developer", "Staff"),
    ("principal * engineer", "Staff"),
    ("principal * developer", "Staff"),
    ("distinguished * engineer", "Staff"),
    ("senior * engineer", "Senior"),
    ("senior * developer", "Senior"),
    ("senior * sre", "Senior"),
    ("sr * engineer", "Senior"),
    ("sr * developer", "Senior"),
    ("engineer", "Engineer"),
    ("developer", "Engineer"),
    ("programmer", "Engineer"),
    ("swe", "Engineer"),
    ("sre", "Engineer"),
];

/// The built-in table as rules.
pub fn builtin() -> Vec<TitleRule> {
    BUILTIN
        .iter()
        .map(|(p, r)| TitleRule {
            pattern: (*p).to_string(),
            role: RoleId::new(*r),
        })
        .collect()
}

/// Lower-case words of a title, punctuation as spaces.
pub fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the pattern's words occur in order in `title` (whole words; `*`
/// any number of words, a run without `*` contiguous).
pub fn matches(pattern: &str, title: &[String]) -> bool {
    let segments: Vec<Vec<String>> = pattern
        .split('*')
        .map(words)
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() {
        return false;
    }
    let mut from = 0;
    for seg in &segments {
        let found = (from..=title.len().saturating_sub(seg.len()))
            .find(|&i| title.len() >= i + seg.len() && title[i..i + seg.len()] == seg[..]);
        match found {
            Some(i) => from = i + seg.len(),
            None => return false,
        }
    }
    true
}

/// The role for a title: a title that is exactly a known role id (`EM`,
/// `ProductLead`) first, then the rules in order.
pub fn role_for(title: &str, rules: &[TitleRule], role_ids: &[RoleId]) -> Option<RoleId> {
    let t = title.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(r) = role_ids.iter().find(|r| r.as_str().eq_ignore_ascii_case(t)) {
        return Some(r.clone());
    }
    let w = words(t);
    rules
        .iter()
        .find(|r| matches(&r.pattern, &w))
        .map(|r| r.role.clone())
}

/// The title `orgplan export` writes for a role: one the table maps back.
pub fn title_for(role: &RoleId) -> String {
    match role.as_str() {
        "EM" => "Engineering Manager",
        "TLM" => "Tech Lead Manager",
        "Staff" => "Staff Engineer",
        "Senior" => "Senior Engineer",
        "Engineer" => "Software Engineer",
        "TPM" => "Technical Program Manager",
        "PgM" => "Program Manager",
        "ProjM" => "Project Manager",
        "PM" => "Product Manager",
        "PMT" => "Technical Product Manager",
        "Director" => "Engineering Director",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(title: &str) -> Option<String> {
        role_for(title, &builtin(), &[]).map(|r| r.to_string())
    }

    #[test]
    fn tricky_titles() {
        for (title, expect) in [
            ("Senior Engineering Manager", "EM"),
            ("Principal Product Manager", "PM"),
            ("Senior Technical Program Manager", "TPM"),
            ("Staff Software Engineer", "Staff"),
            ("Principal Engineer", "Staff"),
            ("Senior Site Reliability Engineer", "Senior"),
            ("Software Engineer II", "Engineer"),
            ("Sr. Backend Developer", "Senior"),
            ("Product Manager – Technical", "PMT"),
            ("PM-T", "PMT"),
            ("Technical Product Manager", "PMT"),
            ("Director of Product", "ProductLead"),
            ("VP, Product", "ProductLead"),
            ("VP of Engineering", "Director"),
            ("Head of Engineering", "Director"),
            ("Engineering Director", "Director"),
            ("Tech Lead Manager", "TLM"),
            ("Program Manager", "PgM"),
            ("Project Manager", "ProjM"),
            ("Product Owner", "PM"),
            ("SDM", "EM"),
            ("SRE", "Engineer"),
            ("Frontend Developer", "Engineer"),
        ] {
            assert_eq!(role(title).as_deref(), Some(expect), "{title}");
        }
        for unmapped in ["UX Designer", "Data Scientist", "Solutions Architect", ""] {
            assert_eq!(role(unmapped), None, "{unmapped}");
        }
        // "engineering" is not "engineer": whole words only.
        assert_eq!(role("Engineering Coordinator"), None);
    }

    #[test]
    fn export_titles_map_back() {
        for r in crate::catalog::BUILTIN_ROLES {
            let id = RoleId::new(r.id);
            assert_eq!(role(&title_for(&id)).as_deref(), Some(r.id), "{}", r.id);
        }
    }
}
