//! Unique ids from wanted ones: `base`, then `base-2`, `base-3`, …, with a
//! counter per base so that many repeats stay linear.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

#[derive(Default)]
pub(super) struct Unique {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Unique {
    /// Ids already taken.
    pub fn with_used(used: impl IntoIterator<Item = String>) -> Unique {
        Unique {
            used: used.into_iter().collect(),
            next: HashMap::default(),
        }
    }

    /// `base` if free, else the first free `base-N`.
    pub fn take(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        self.numbered(base)
    }

    /// The first free `base-N` (N from 2), even if `base` itself is free.
    pub fn numbered(&mut self, base: &str) -> String {
        let n = self.next.entry(base.to_string()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_each_base_once_past_what_is_taken() {
        let mut u = Unique::with_used(["a".to_string(), "a-2".to_string()]);
        assert_eq!(u.take("a"), "a-3");
        assert_eq!(u.take("a"), "a-4");
        assert_eq!(u.take("b"), "b");
        assert_eq!(u.numbered("c"), "c-2");
    }
}
