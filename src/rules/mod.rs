//! The rules engine: one analysis per run, one file per rule.

/// Every rule code of RULES.md v1.
pub const CODES: [&str; 28] = [
    "C001", "C002", "C003", "C004", "C005", "C006", "C007", "C008", "C009", "C010", "S001", "S002",
    "S003", "S004", "S005", "S006", "S007", "S008", "S009", "S010", "L001", "L002", "L003", "L004",
    "L005", "H001", "W001", "W002",
];

pub fn is_known_code(code: &str) -> bool {
    CODES.contains(&code)
}
