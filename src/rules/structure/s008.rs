use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A loop in the reporting chain: A reports to B who (eventually) reports
    /// to A. One finding per cycle; the subject is the member with the
    /// smallest id, the others are related.
    ///
    /// ## Why it matters
    /// A reporting loop has no top: nobody in it has a manager outside it,
    /// so escalations go round in circles and headcount rolls up nowhere. It
    /// is always a data error, usually from moving a manager under one of
    /// their own reports.
    ///
    /// ## How to fix
    /// Change one `manager` in the loop so the chain ends at someone outside
    /// it.
    code: "S008",
    name: "reporting-cycle",
    severity: DefaultSeverity::Fixed(Severity::Error),
    threshold: None,
    summary: "The manager chain loops",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    // Each person has at most one manager: cycles are found by walking each
    // chain once, colouring people by the walk that first reached them.
    let n = a.org.people.len();
    let mut walk_of = vec![usize::MAX; n];
    for start in 0..n {
        let mut cur = Some(start);
        while let Some(p) = cur {
            if walk_of[p] != usize::MAX {
                if walk_of[p] == start {
                    report(a, p, out);
                }
                break;
            }
            walk_of[p] = start;
            cur = a.manager[p];
        }
    }
}

fn report(a: &Analysis, entry: usize, out: &mut Emitter) {
    let mut cycle = vec![entry];
    let mut cur = a.manager[entry];
    while let Some(p) = cur {
        if p == entry {
            break;
        }
        cycle.push(p);
        cur = a.manager[p];
    }
    let first = cycle
        .iter()
        .enumerate()
        .min_by(|x, y| a.person(*x.1).id.cmp(&a.person(*y.1).id))
        .map_or(0, |(i, _)| i);
    cycle.rotate_left(first);
    let names: Vec<&str> = cycle.iter().map(|&p| a.person(p).name.as_str()).collect();
    let message = if cycle.len() == 1 {
        format!("{} is recorded as their own manager", names[0])
    } else {
        format!(
            "The reporting chain loops: {} → {}",
            names.join(" → "),
            names[0]
        )
    };
    let related = cycle[1..].iter().map(|&p| a.person_subject(p)).collect();
    out.emit(a.person_subject(cycle[0]), None, related, message);
}
