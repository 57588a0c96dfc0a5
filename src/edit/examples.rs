//! Example edits, one of every kind the app makes (for tests and
//! benchmarks of the inverse path).
#![allow(
    clippy::unwrap_used,
    reason = "examples on the built-in sample: a missing person is a bug in the sample, found by the tests"
)]

use super::*;
use crate::model::{Date, Subject};

fn p(s: &str) -> PersonId {
    PersonId::new(s)
}

fn t(s: &str) -> TeamId {
    TeamId::new(s)
}

/// One edit of every kind the app makes, on the built-in sample.
pub fn every_kind(o: &Org) -> Vec<Edit> {
    let mut alice = o.person(&p("alice")).unwrap().clone();
    alice.id = p("alice-chen");
    alice.name = "Alice C.".into();
    alice.hats.push(RoleId::new("PMT"));
    let mut checkout = o.team(&t("checkout")).unwrap().clone();
    checkout.id = t("checkout-team");
    checkout.open_seats.clear();
    checkout.members.reverse();
    let ini = InitiativeId::new("eu-expansion");
    let mut eu = o.initiative(&ini).unwrap().clone();
    eu.id = InitiativeId::new("eu");
    eu.teams.reverse();
    eu.sponsor = None;
    vec![
        Edit::AddSeat {
            team: t("search"),
            role: RoleId::new("PMT"),
        },
        Edit::RemoveSeat {
            team: t("checkout"),
            index: 0,
        },
        // Two seats opened on an initiative and the first taken away again.
        Edit::Batch(vec![
            Edit::AddInitiativeSeat {
                initiative: ini.clone(),
                role: RoleId::new("TPM"),
            },
            Edit::AddInitiativeSeat {
                initiative: ini.clone(),
                role: RoleId::new("PgM"),
            },
            Edit::RemoveInitiativeSeat {
                initiative: ini.clone(),
                index: 0,
            },
        ]),
        Edit::SetSeatRole {
            team: t("checkout"),
            index: 0,
            role: RoleId::new("TPM"),
        },
        Edit::SetPersonRole {
            person: p("bo"),
            role: RoleId::new("TLM"),
        },
        Edit::AddToTeam {
            team: t("search"),
            person: p("tomas"),
            allocation: Allocation::new(40).unwrap(),
        },
        Edit::MoveToTeam {
            person: p("nadia"),
            from: t("search"),
            to: t("checkout"),
        },
        Edit::RemoveFromTeam {
            team: t("checkout"),
            person: p("alice"),
        },
        Edit::FillSeat {
            team: t("checkout"),
            index: 0,
            person: p("tomas"),
        },
        Edit::AddToInitiative {
            initiative: ini.clone(),
            person: p("erin"),
            allocation: Allocation::new(20).unwrap(),
        },
        Edit::RemoveFromInitiative {
            initiative: InitiativeId::new("payments-v2"),
            person: o
                .initiative(&InitiativeId::new("payments-v2"))
                .unwrap()
                .lead
                .clone()
                .unwrap(),
        },
        Edit::SetAllocation {
            card: CardId::Team(t("search")),
            person: p("nadia"),
            allocation: Allocation::new(10).unwrap(),
        },
        Edit::MoveCard {
            card: CardId::Team(t("search")),
            to: Point { x: -5.0, y: 7.5 },
        },
        Edit::SetManager {
            person: p("bo"),
            manager: Some(p("henrik")),
        },
        Edit::SetManager {
            person: p("bo"),
            manager: None,
        },
        Edit::UpdatePerson {
            id: p("alice"),
            person: alice,
        },
        Edit::UpdateTeam {
            id: t("checkout"),
            team: checkout,
        },
        Edit::UpdateInitiative {
            id: ini.clone(),
            initiative: eu,
        },
        Edit::AddPerson(Person::new("new-person", "New person", "Engineer")),
        Edit::AddTeam(Team::new("new-team", "New team")),
        Edit::AddInitiative(Initiative::new("new-ini", "New initiative")),
        Edit::DeletePerson(p("alice")),
        Edit::DeletePerson(p("priya")),
        Edit::DeleteTeam(t("payments")),
        Edit::DeleteTeam(t("checkout")),
        Edit::DeleteInitiative(ini.clone()),
        Edit::AddWaiver(Waiver {
            rule: "C002".into(),
            subject: Subject::Team(t("checkout")),
            capability: None,
            reason: "because".into(),
            until: Some(Date::parse("2027-01-01").unwrap()),
        }),
        Edit::RemoveWaiver(0),
        Edit::SetOrgName("Renamed".into()),
        org_wide_roles(o),
        org_wide_settings(o),
        Edit::SetLead {
            initiative: ini.clone(),
            lead: Some(p("erin")),
        },
        Edit::SetPosition {
            card: CardId::Initiative(ini.clone()),
            to: None,
        },
        Edit::ReplaceOrg(Box::default()),
        Edit::Batch(vec![
            Edit::MoveCard {
                card: CardId::Team(t("checkout")),
                to: Point { x: 1.0, y: 2.0 },
            },
            Edit::DeleteTeam(t("search")),
        ]),
    ]
}

/// Org → Roles…: the sample's roles and one more.
fn org_wide_roles(o: &Org) -> Edit {
    let mut roles = o.roles.clone();
    roles.push(crate::model::CustomRole {
        id: RoleId::new("Designer"),
        name: "Product designer".into(),
        provides: [(
            crate::model::Capability::Roadmap,
            crate::model::Provision::StopGap,
        )]
        .into_iter()
        .collect(),
        like: None,
    });
    Edit::SetRoles(roles)
}

/// Org → Rules…: a team-size threshold of 10.
fn org_wide_settings(o: &Org) -> Edit {
    let mut s = o.settings.clone();
    s.rules.insert(
        "S004".into(),
        crate::model::RuleOverride {
            severity: None,
            threshold: Some(10),
        },
    );
    Edit::SetSettings(Box::new(s))
}
