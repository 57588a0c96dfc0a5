//! Structure rules (S): spans, team sizes, the reporting tree.

pub mod s001;
pub mod s002;
pub mod s003;
pub mod s004;
pub mod s005;
pub mod s006;
pub mod s007;
pub mod s008;
pub mod s009;
pub mod s010;

use super::prelude::*;

/// The manager chain of every person: its length, or `None` when the chain
/// runs into a cycle. Linear: each person is resolved once.
pub(crate) fn chain_depths(a: &Analysis) -> Vec<Option<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unseen,
        OnPath,
        Done(Option<usize>),
    }
    let n = a.org.people.len();
    let mut state = vec![State::Unseen; n];
    let mut path = Vec::new();
    for start in 0..n {
        let mut cur = Some(start);
        // Walk up until the top, a resolved person, or a loop; the value is
        // the depth of the last person on the path.
        let mut value = loop {
            match cur {
                None => break Some(0),
                Some(p) => match state[p] {
                    State::Done(d) => break d.map(|d| d + 1),
                    State::OnPath => break None,
                    State::Unseen => {
                        state[p] = State::OnPath;
                        path.push(p);
                        cur = a.manager[p];
                    }
                },
            }
        };
        while let Some(p) = path.pop() {
            state[p] = State::Done(value);
            value = value.map(|d| d + 1);
        }
    }
    state
        .into_iter()
        .map(|s| match s {
            State::Done(d) => d,
            _ => None,
        })
        .collect()
}

/// "Oscar Lund manages 10 people directly".
pub(crate) fn reports_phrase(n: usize) -> String {
    crate::text::count(n, "direct report", "direct reports")
}
