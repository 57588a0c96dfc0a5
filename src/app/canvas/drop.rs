//! Drop planning: what dropping a dragged role or person on a target does,
//! in one function ([`plan_drop`]) that gives both the hint shown while
//! hovering and the edit made on release (docs/app.md's drag-and-drop table).

use crate::document::Document;
use crate::edit::{Edit, becomes_lead};
use crate::model::CardId;
use crate::model::{Allocation, InitiativeId, PersonId, RoleId, TeamId};

/// What is being dragged.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    /// A role chip from the palette.
    Role(RoleId),
    /// A person from the roster or the tree (`from: None`) or from a card.
    Person {
        person: PersonId,
        from: Option<CardId>,
    },
}

/// Where a drag can land.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Team(TeamId),
    Initiative(InitiativeId),
    Seat(TeamId, usize),
    Person(PersonId, CardId),
}

/// What a drop does.
#[derive(Clone, Debug, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one plan a frame, only while something is dragged"
)]
pub enum DropEffect {
    Edit(Edit),
    /// A role onto a person: asks before changing their role.
    ConfirmRole {
        person: PersonId,
        role: RoleId,
    },
}

/// A planned drop: the hint shown before release and its effect.
#[derive(Clone, Debug, PartialEq)]
pub struct DropPlan {
    pub hint: String,
    pub effect: DropEffect,
}

fn person_name(doc: &Document, p: &PersonId) -> String {
    doc.org()
        .person(p)
        .map_or_else(|| p.to_string(), |x| x.name.to_string())
}

fn team_name(doc: &Document, t: &TeamId) -> String {
    doc.org()
        .team(t)
        .map_or_else(|| t.to_string(), |x| x.name.to_string())
}

/// How a person joins another card: the rest of their time; when they have
/// none left and are dragged from a team with Ctrl (a second membership),
/// their time there is split in two; otherwise 100% (and L001 says so).
fn joining(doc: &Document, person: &PersonId, from: Option<&CardId>) -> (Allocation, Option<Edit>) {
    let org = doc.org();
    let free = crate::edit::free_allocation(org, person);
    if let Some(a) = Allocation::new(free) {
        return (a, None);
    }
    if let Some(CardId::Team(t)) = from
        && let Some(m) = org.team(t).and_then(|t| t.member(person))
        && m.allocation.percent() >= 2
    {
        let keep = m.allocation.percent().div_ceil(2);
        let give = m.allocation.percent() - keep;
        if let (Some(keep), Some(give)) = (Allocation::new(keep), Allocation::new(give)) {
            let split = Edit::SetAllocation {
                card: CardId::Team(t.clone()),
                person: person.clone(),
                allocation: keep,
            };
            return (give, Some(split));
        }
    }
    (Allocation::FULL, None)
}

/// What dropping `drag` on `target` would do, or `None` if it cannot land
/// there. `copy`: Ctrl/Cmd held (a person is added, not moved).
pub fn plan_drop(doc: &Document, drag: &Drag, target: &Target, copy: bool) -> Option<DropPlan> {
    let org = doc.org();
    let cat = &doc.layout().catalog;
    let plan = |hint: String, edit: Edit| {
        Some(DropPlan {
            hint,
            effect: DropEffect::Edit(edit),
        })
    };
    match (drag, target) {
        (Drag::Role(r), Target::Team(team)) => plan(
            format!(
                "Add an open {} seat to {}",
                cat.abbrev(r),
                team_name(doc, team)
            ),
            Edit::AddSeat {
                team: team.clone(),
                role: r.clone(),
            },
        ),
        (Drag::Role(r), Target::Seat(team, index)) => plan(
            format!("Make this a {} seat", cat.abbrev(r)),
            Edit::SetSeatRole {
                team: team.clone(),
                index: *index,
                role: r.clone(),
            },
        ),
        (Drag::Role(r), Target::Person(p, _)) => Some(DropPlan {
            hint: format!(
                "Change {}'s role to {}…",
                person_name(doc, p),
                cat.abbrev(r)
            ),
            effect: DropEffect::ConfirmRole {
                person: p.clone(),
                role: r.clone(),
            },
        }),
        (Drag::Role(r), Target::Initiative(i)) => plan(
            format!(
                "Add an open {} seat to {}",
                cat.abbrev(r),
                org.initiative(i)
                    .map_or_else(|| i.to_string(), |x| x.name.clone())
            ),
            Edit::AddInitiativeSeat {
                initiative: i.clone(),
                role: r.clone(),
            },
        ),
        (Drag::Person { person, from }, Target::Team(team)) => {
            let t = org.team(team)?;
            if from.as_ref() == Some(&CardId::Team(team.clone())) || t.member(person).is_some() {
                return None;
            }
            let name = person_name(doc, person);
            if let (Some(CardId::Team(src)), false) = (from, copy) {
                return plan(
                    format!("Move {name} to {} (hold Ctrl to add instead)", t.name),
                    Edit::MoveToTeam {
                        person: person.clone(),
                        from: src.clone(),
                        to: team.clone(),
                    },
                );
            }
            let (allocation, split) = joining(doc, person, from.as_ref());
            let add = Edit::AddToTeam {
                team: team.clone(),
                person: person.clone(),
                allocation,
            };
            match split {
                Some(split) => {
                    let Edit::SetAllocation {
                        allocation: keep, ..
                    } = &split
                    else {
                        return None;
                    };
                    let src = match from {
                        Some(CardId::Team(s)) => team_name(doc, s),
                        _ => String::new(),
                    };
                    plan(
                        format!(
                            "Add {name} to {} at {}%, keeping {}% in {src}",
                            t.name,
                            allocation.percent(),
                            keep.percent()
                        ),
                        Edit::Batch(vec![split, add]),
                    )
                }
                None => {
                    let over = crate::edit::free_allocation(org, person) == 0;
                    plan(
                        format!(
                            "Add {name} to {} at {}%{}",
                            t.name,
                            allocation.percent(),
                            if over { " (over 100% in all)" } else { "" }
                        ),
                        add,
                    )
                }
            }
        }
        (Drag::Person { person, from }, Target::Initiative(i)) => {
            let ini = org.initiative(i)?;
            if ini.members.iter().any(|m| &m.person == person) {
                return None;
            }
            let (allocation, _) = joining(doc, person, None);
            let _ = from;
            let lead = becomes_lead(org, person, i);
            plan(
                format!(
                    "Add {} to {} at {}%{}",
                    person_name(doc, person),
                    ini.name,
                    allocation.percent(),
                    if lead { " as lead" } else { "" }
                ),
                Edit::AddToInitiative {
                    initiative: i.clone(),
                    person: person.clone(),
                    allocation,
                },
            )
        }
        (Drag::Person { person, .. }, Target::Seat(team, index)) => plan(
            format!(
                "{} fills this seat in {}",
                person_name(doc, person),
                team_name(doc, team)
            ),
            Edit::FillSeat {
                team: team.clone(),
                index: *index,
                person: person.clone(),
            },
        ),
        (Drag::Person { .. }, Target::Person(..)) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::new(crate::samples::builtin(), None)
    }

    fn p(s: &str) -> PersonId {
        PersonId::new(s)
    }

    fn t(s: &str) -> TeamId {
        TeamId::new(s)
    }

    #[test]
    fn moves_adds_and_refusals() {
        let d = doc();
        let drag = Drag::Person {
            person: p("nadia"),
            from: Some(CardId::Team(t("search"))),
        };
        let m = plan_drop(&d, &drag, &Target::Team(t("checkout")), false).unwrap();
        assert!(m.hint.starts_with("Move Nadia Rahman to Checkout"));
        assert!(matches!(
            m.effect,
            DropEffect::Edit(Edit::MoveToTeam { .. })
        ));
        // Onto her own team: nothing.
        assert!(plan_drop(&d, &drag, &Target::Team(t("search")), false).is_none());
        // A role on an initiative opens a seat of that role there.
        let seat = plan_drop(
            &d,
            &Drag::Role(RoleId::new("TPM")),
            &Target::Initiative(InitiativeId::new("eu-expansion")),
            false,
        )
        .unwrap();
        assert_eq!(seat.hint, "Add an open TPM seat to EU expansion");
        assert_eq!(
            seat.effect,
            DropEffect::Edit(Edit::AddInitiativeSeat {
                initiative: InitiativeId::new("eu-expansion"),
                role: RoleId::new("TPM"),
            })
        );
    }

    #[test]
    fn ctrl_drop_of_a_fully_allocated_person_splits_their_time() {
        let d = doc();
        // Alice is 100% in Checkout and has no free time.
        assert_eq!(crate::edit::free_allocation(d.org(), &p("alice")), 0);
        let drag = Drag::Person {
            person: p("alice"),
            from: Some(CardId::Team(t("checkout"))),
        };
        let plan = plan_drop(&d, &drag, &Target::Team(t("search")), true).unwrap();
        assert!(
            plan.hint.contains("at 50%, keeping 50% in Checkout"),
            "{}",
            plan.hint
        );
        let DropEffect::Edit(e) = plan.effect else {
            panic!()
        };
        let mut org = d.org().clone();
        crate::edit::apply(&mut org, &e).unwrap();
        assert_eq!(crate::edit::free_allocation(&org, &p("alice")), 0);
        let a = |team: &str| {
            org.team(&t(team))
                .unwrap()
                .member(&p("alice"))
                .unwrap()
                .allocation
                .percent()
        };
        assert_eq!((a("checkout"), a("search")), (50, 50));
    }

    #[test]
    fn roster_drop_uses_free_time_and_coordinators_become_leads() {
        let d = doc();
        // Erin (TPM) has 40% free.
        let free = crate::edit::free_allocation(d.org(), &p("erin"));
        let drag = Drag::Person {
            person: p("erin"),
            from: None,
        };
        let plan = plan_drop(
            &d,
            &drag,
            &Target::Initiative(InitiativeId::new("eu-expansion")),
            false,
        )
        .unwrap();
        assert!(
            plan.hint.ends_with(&format!("at {free}% as lead")),
            "{}",
            plan.hint
        );
    }
}
