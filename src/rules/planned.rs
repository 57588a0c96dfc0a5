//! The org as planned (docs/domain.md "The org as planned"): every open
//! seat counted as the hire it stands for. A seat becomes a hypothetical
//! person for the analysis only (never written to a file): the seat's role,
//! no hats, manager or level, a member of the seat's team or initiative at
//! 100%. Its id is `seat:team:TEAM:N` or `seat:initiative:INITIATIVE:N` (N
//! counts that scope's seats from 1; `:` is outside the id alphabet, so it
//! never collides with a real id), its name "open ROLE seat in SCOPE". The
//! seats themselves are gone, so H001 reports nothing.

use crate::catalog::RoleCatalog;
use crate::model::{Allocation, Member, OpenSeat, Org, Person};

/// `org` with every open seat filled by a hypothetical person.
pub fn as_planned(org: &Org) -> Org {
    into_planned(org.clone())
}

/// [`as_planned`] on an org of one's own (no copy).
pub fn into_planned(planned: Org) -> Org {
    let seats = planned.teams.iter().any(|t| !t.open_seats.is_empty())
        || planned.initiatives.iter().any(|i| !i.open_seats.is_empty());
    if !seats {
        return planned;
    }
    let catalog = RoleCatalog::new(&planned.roles);
    into_planned_with(planned, &catalog)
}

/// [`into_planned`] with the org's role catalog already made (`catalog`
/// is `RoleCatalog::new(&planned.roles)`).
pub fn into_planned_with(mut planned: Org, catalog: &RoleCatalog) -> Org {
    let mut hires = Vec::new();
    for team in &mut planned.teams {
        for (k, seat) in std::mem::take(&mut team.open_seats).iter().enumerate() {
            let p = hire(catalog, seat, "team", team.id.as_str(), &team.name, k);
            team.members
                .push(Member::new(p.id.clone(), Allocation::FULL));
            hires.push(p);
        }
    }
    for ini in &mut planned.initiatives {
        for (k, seat) in std::mem::take(&mut ini.open_seats).iter().enumerate() {
            let p = hire(catalog, seat, "initiative", ini.id.as_str(), &ini.name, k);
            ini.members
                .push(Member::new(p.id.clone(), Allocation::FULL));
            hires.push(p);
        }
    }
    planned.people.extend(hires);
    planned
}

/// The hypothetical person for the `k`th (from 0) seat of a scope.
fn hire(
    catalog: &RoleCatalog,
    seat: &OpenSeat,
    kind: &str,
    id: &str,
    name: &str,
    k: usize,
) -> Person {
    let role = catalog
        .get(&seat.role)
        .map_or(seat.role.as_str(), |r| r.name.as_str());
    let mut label = format!("open {role} seat in {name}");
    if !seat.note.is_empty() {
        label.push_str(&format!(" ({})", seat.note));
    }
    Person::new(
        format!("seat:{kind}:{id}:{}", k + 1),
        label,
        seat.role.as_str(),
    )
}

/// Whether a person id is a hypothetical hire of [`as_planned`].
pub fn is_planned_hire(id: &str) -> bool {
    id.starts_with("seat:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn today() -> Date {
        Date::parse("2026-12-01").unwrap()
    }

    #[test]
    fn a_seat_becomes_a_member_and_h001_goes() {
        let org = crate::samples::builtin();
        let seats: usize = org.teams.iter().map(|t| t.open_seats.len()).sum();
        assert!(seats > 0, "the sample has open seats");
        let planned = as_planned(&org);
        assert_eq!(planned.people.len(), org.people.len() + seats);
        assert!(planned.teams.iter().all(|t| t.open_seats.is_empty()));
        let t = org
            .teams
            .iter()
            .position(|t| !t.open_seats.is_empty())
            .unwrap();
        let id = format!("seat:team:{}:1", org.teams[t].id);
        let hire = planned.people.iter().find(|p| p.id.as_str() == id).unwrap();
        assert_eq!(hire.role, org.teams[t].open_seats[0].role);
        assert!(hire.name.starts_with("open "), "{}", hire.name);
        assert!(hire.name.contains(&org.teams[t].name), "{}", hire.name);
        assert!(planned.teams[t].member(&hire.id).is_some());
        assert!(is_planned_hire(hire.id.as_str()));
        // The org as planned has no H001, and closes what the seats would.
        let before = crate::rules::check(&org, today());
        let after = crate::rules::check(&planned, today());
        assert!(before.findings.iter().any(|f| f.rule.code == "H001"));
        assert!(!after.findings.iter().any(|f| f.rule.code == "H001"));
        let checkout_c002 = |r: &crate::rules::Report| {
            r.findings
                .iter()
                .filter(|f| f.rule.code == "C002" && f.subject.to_string() == "team:checkout")
                .count()
        };
        assert!(checkout_c002(&after) < checkout_c002(&before));
    }

    #[test]
    fn an_initiative_seat_counts_for_the_initiative() {
        let mut org = crate::samples::builtin();
        let i = org
            .initiatives
            .iter()
            .position(|i| i.is_cross_team() && i.lead.is_none() && i.members.is_empty())
            .expect("the sample has an initiative nobody is assigned to");
        org.initiatives[i].open_seats.push(OpenSeat {
            role: crate::model::RoleId::new("TPM"),
            note: "req #9".into(),
        });
        let subject = format!("initiative:{}", org.initiatives[i].id);
        let c003 = |o: &Org| {
            crate::rules::check(o, today())
                .findings
                .iter()
                .filter(|f| f.rule.code == "C003" && f.subject.to_string() == subject)
                .count()
        };
        assert!(c003(&org) > 0);
        assert_eq!(c003(&as_planned(&org)), 0);
        // Not as planned, the seat is an H001 on the initiative naming the
        // gaps it would close.
        let h001: Vec<_> = crate::rules::check(&org, today())
            .findings
            .into_iter()
            .filter(|f| f.rule.code == "H001" && f.subject.to_string() == subject)
            .collect();
        assert_eq!(h001.len(), 1);
        assert!(h001[0].message.contains("(C003)"), "{}", h001[0].message);
        assert!(h001[0].message.contains("req #9"), "{}", h001[0].message);
    }
}
