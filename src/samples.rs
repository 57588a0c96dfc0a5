//! The sample orgs shipped with orgplan.

/// The built-in sample (the ~80-person scale-up), embedded in the binary so
/// a new user sees gaps at once.
pub const BUILTIN: &str = include_str!("../samples/scaleup.org.ron");

/// The name the built-in sample is shown under.
pub const BUILTIN_NAME: &str = "scaleup.org.ron (built-in sample)";

/// Loads the built-in sample. It is tested to be valid.
pub fn builtin() -> crate::model::Org {
    crate::io::load_str(BUILTIN, BUILTIN_NAME).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_sample_is_valid() {
        let org = crate::io::load_str(super::BUILTIN, "builtin").unwrap();
        assert!(org.people.len() >= 70);
        assert!(org.teams.len() >= 8);
    }
}
