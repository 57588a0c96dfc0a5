//! Coverage rules (C): is every duty a scope needs carried by someone?

pub mod c001;
pub mod c002;
pub mod c003;
pub mod c004;
pub mod c005;
pub mod c006;
pub mod c007;
pub mod c008;
pub mod c009;
pub mod c010;

use super::prelude::*;

/// Every required cell of every team that has members (C001, C002 and C005
/// skip empty teams: S006 reports those).
pub(crate) fn team_cells<'a>(
    a: &'a Analysis,
) -> impl Iterator<
    Item = (
        usize,
        &'a crate::model::Team,
        Capability,
        crate::rules::Cell<'a>,
    ),
> {
    a.org
        .teams
        .iter()
        .enumerate()
        .filter(move |(ti, _)| !a.teams[*ti].members.is_empty())
        .flat_map(move |(ti, team)| {
            Capability::ALL
                .into_iter()
                .map(move |cap| (ti, team, cap, a.teams[ti].cell(cap)))
        })
        .filter(|(_, _, _, cell)| cell.is_required())
}

/// Every required cell of every cross-team initiative (C003, C004).
pub(crate) fn initiative_cells<'a>(
    a: &'a Analysis,
) -> impl Iterator<
    Item = (
        usize,
        &'a crate::model::Initiative,
        Capability,
        crate::rules::Cell<'a>,
    ),
> {
    a.org
        .initiatives
        .iter()
        .enumerate()
        .filter(move |(ii, _)| a.is_cross_team(*ii))
        .flat_map(move |(ii, ini)| {
            Capability::ALL
                .into_iter()
                .map(move |cap| (ii, ini, cap, a.initiatives[ii].cell(cap)))
        })
        .filter(|(_, _, _, cell)| cell.is_required())
}

/// "a PM or PM-T": the roles that provide `cap` as primary.
pub(crate) fn normal_providers(a: &Analysis, cap: Capability) -> String {
    or_list(&a.catalog.primary_providers(cap))
}

/// "PM or PM-T" without the article, for "has no PM or PM-T".
pub(crate) fn provider_roles(a: &Analysis, cap: Capability) -> String {
    match a.catalog.primary_providers(cap).as_slice() {
        [] => "one".into(),
        roles => crate::catalog::join_or(roles),
    }
}

/// "; filling the open PM-T seat would cover it" when a seat of the team
/// would provide `cap` at least at `level` ("as a stop-gap" if only S).
pub(crate) fn seat_note(a: &Analysis, team: usize, cap: Capability, level: Provision) -> String {
    let best = |want: Provision| -> Vec<&str> {
        a.org.teams[team]
            .open_seats
            .iter()
            .filter(|s| a.catalog.provision(&s.role, cap) == Some(want))
            .map(|s| a.catalog.abbrev(&s.role))
            .collect()
    };
    let (seats, how) = match best(Provision::Primary) {
        p if !p.is_empty() => (p, ""),
        _ if level == Provision::StopGap => (best(Provision::StopGap), " as a stop-gap"),
        _ => (Vec::new(), ""),
    };
    match seats.as_slice() {
        [] => String::new(),
        [one] => format!("; filling the open {one} seat would cover it{how}"),
        many => format!(
            "; filling one of the open {} seats would cover it{how}",
            join_and(&many.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        ),
    }
}
