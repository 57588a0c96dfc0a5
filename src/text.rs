//! Small pieces of English shared by reports, the diff, import and the app.

/// "1 error", "3 errors": `n` with the word that fits it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_picks_the_form() {
        assert_eq!(super::count(0, "gap", "gaps"), "0 gaps");
        assert_eq!(super::count(1, "gap", "gaps"), "1 gap");
        assert_eq!(super::count(2, "person", "people"), "2 people");
    }
}
