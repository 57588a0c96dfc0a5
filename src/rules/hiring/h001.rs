use super::gaps_closed_in;
use crate::model::OpenSeat;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// Every open seat, one finding each, on its team or initiative. The
    /// message names the role and the coverage gaps (C001/C002 findings for
    /// a team, C003/C004 for an initiative) that filling the seat would
    /// close.
    ///
    /// ## Why it matters
    /// Open seats are the plan's promises: they are how a stop-gap becomes
    /// temporary rather than permanent. Listing them with the gaps they close
    /// turns a headcount spreadsheet into a hiring plan with priorities — the
    /// seat that closes an error-level gap is the one to fill first.
    ///
    /// ## How to fix
    /// Nothing to fix: fill the seat, or remove it if the plan changed.
    /// Turn the rule `Off` in `settings.rules` to hide seats from reports.
    code: "H001",
    name: "open-seat",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: None,
    summary: "An open seat, and the gaps filling it would close",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ti, team) in a.org.teams.iter().enumerate() {
        for seat in &team.open_seats {
            seat_finding(a, Scope::Team(ti), &team.name, seat, out);
        }
    }
    for (ii, ini) in a.org.initiatives.iter().enumerate() {
        for seat in &ini.open_seats {
            seat_finding(a, Scope::Initiative(ii), &ini.name, seat, out);
        }
    }
}

/// "Checkout has an open PM-T seat (req #123); filling it would close:
/// product roadmap (C002)".
fn seat_finding(a: &Analysis, scope: Scope, name: &str, seat: &OpenSeat, out: &mut Emitter) {
    let role = a.catalog.abbrev(&seat.role);
    let note = if seat.note.is_empty() {
        String::new()
    } else {
        format!(" ({})", seat.note)
    };
    let closes: Vec<String> = gaps_closed_in(a, scope, &seat.role)
        .into_iter()
        .map(|(code, cap)| format!("{} ({code})", cap.words()))
        .collect();
    let message = if closes.is_empty() {
        format!("{name} has an open {role} seat{note}")
    } else {
        format!(
            "{name} has an open {role} seat{note}; filling it would close: {}",
            join_and(&closes)
        )
    };
    out.emit(a.subject(scope), None, Vec::new(), message);
}
