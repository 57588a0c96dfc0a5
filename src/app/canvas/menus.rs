//! Context menus: every drag also exists here, for precision and
//! accessibility. Long lists (teams, people) are filtered by typing.

use crate::app::widgets::{matches, pick_list};
use crate::document::Document;
use crate::edit::{Edit, default_allocation};
use crate::model::CardId;
use crate::model::{Allocation, PersonId, TeamId};

/// A submenu listing `items` (label, value) with a filter; pushes the edit
/// made from the chosen one.
fn pick_menu<T: Clone>(
    ui: &mut egui::Ui,
    title: &str,
    items: &[(String, T)],
    mut pick: impl FnMut(T),
) {
    ui.menu_button(title, |ui| {
        let id = ui.scope_id().with(title);
        if let Some(i) = pick_list(
            ui,
            id,
            items.len(),
            |i| items[i].0.clone(),
            |i, q| matches(q, &[&items[i].0]),
        ) {
            pick(items[i].1.clone());
        }
    });
}

/// The context menu of a person: every drag, as menu items.
pub fn person_menu(
    doc: &Document,
    ui: &mut egui::Ui,
    person: &PersonId,
    card: Option<&CardId>,
    edits: &mut Vec<Edit>,
) {
    let org = doc.org();
    let from_team = match card {
        Some(CardId::Team(t)) => Some(t.clone()),
        _ => None,
    };
    let alloc = default_allocation(org, person);
    let teams_without: Vec<(String, TeamId)> = org
        .teams
        .iter()
        .filter(|t| t.member(person).is_none())
        .map(|t| (t.name.clone(), t.id.clone()))
        .collect();
    if let Some(from) = &from_team {
        pick_menu(ui, "Move to team", &teams_without, |to| {
            edits.push(Edit::MoveToTeam {
                person: person.clone(),
                from: from.clone(),
                to,
            })
        });
    }
    let add_label = if from_team.is_some() {
        "Also add to team"
    } else {
        "Add to team"
    };
    pick_menu(ui, add_label, &teams_without, |team| {
        edits.push(Edit::AddToTeam {
            team,
            person: person.clone(),
            allocation: alloc,
        })
    });
    let inis: Vec<(String, crate::model::InitiativeId)> = org
        .initiatives
        .iter()
        .filter(|i| !i.members.iter().any(|m| &m.person == person))
        .map(|i| (i.name.clone(), i.id.clone()))
        .collect();
    pick_menu(ui, "Add to initiative", &inis, |initiative| {
        edits.push(Edit::AddToInitiative {
            initiative,
            person: person.clone(),
            allocation: alloc,
        })
    });
    let cat = &doc.layout().catalog;
    let seats: Vec<(String, (TeamId, usize))> = org
        .teams
        .iter()
        .flat_map(|t| {
            t.open_seats.iter().enumerate().map(move |(k, s)| {
                (
                    format!("{} — {} seat", t.name, cat.abbrev(&s.role)),
                    (t.id.clone(), k),
                )
            })
        })
        .collect();
    pick_menu(ui, "Fill open seat", &seats, |(team, index)| {
        edits.push(Edit::FillSeat {
            team,
            index,
            person: person.clone(),
        })
    });
    ui.menu_button("Change role", |ui| {
        for r in cat.roles() {
            if ui.button(format!("{} — {}", r.abbrev, r.name)).clicked() {
                edits.push(Edit::SetPersonRole {
                    person: person.clone(),
                    role: r.id.clone(),
                });
                ui.close();
            }
        }
    });
    if let Some(c) = card {
        ui.menu_button("Allocation here", |ui| {
            for pct in [10u32, 20, 25, 30, 40, 50, 60, 75, 80, 100] {
                if ui.button(format!("{pct}%")).clicked() {
                    if let Some(a) = Allocation::new(pct) {
                        edits.push(Edit::SetAllocation {
                            card: c.clone(),
                            person: person.clone(),
                            allocation: a,
                        });
                    }
                    ui.close();
                }
            }
        });
        ui.separator();
        let label = match c {
            CardId::Team(_) => "Remove from team",
            CardId::Initiative(_) => "Remove from initiative",
        };
        if ui.button(label).clicked() {
            edits.push(match c {
                CardId::Team(t) => Edit::RemoveFromTeam {
                    team: t.clone(),
                    person: person.clone(),
                },
                CardId::Initiative(i) => Edit::RemoveFromInitiative {
                    initiative: i.clone(),
                    person: person.clone(),
                },
            });
            ui.close();
        }
    }
}

/// People to add to a card (unassigned first), as pick-list items.
fn people_items(
    doc: &Document,
    exclude: impl Fn(&crate::model::Person) -> bool,
) -> Vec<(String, PersonId)> {
    let unassigned = &doc.derived().unassigned;
    let cat = &doc.layout().catalog;
    let mut people: Vec<&crate::model::Person> =
        doc.org().people.iter().filter(|x| !exclude(x)).collect();
    people.sort_by_key(|x| !unassigned.contains(x.id.as_str()));
    people
        .into_iter()
        .map(|x| {
            (
                format!("{} ({})", x.name, cat.abbrev(&x.role)),
                x.id.clone(),
            )
        })
        .collect()
}

/// The context menu of a card's header.
pub fn card_menu(doc: &Document, ui: &mut egui::Ui, card: &CardId, edits: &mut Vec<Edit>) {
    let org = doc.org();
    let cat = &doc.layout().catalog;
    match card {
        CardId::Team(t) => {
            let Some(team) = org.team(t) else { return };
            ui.menu_button("Add open seat", |ui| {
                for role in cat.roles() {
                    if ui
                        .button(format!("{} — {}", role.abbrev, role.name))
                        .clicked()
                    {
                        edits.push(Edit::AddSeat {
                            team: t.clone(),
                            role: role.id.clone(),
                        });
                        ui.close();
                    }
                }
            });
            let items = people_items(doc, |x| team.member(&x.id).is_some());
            pick_menu(ui, "Add person", &items, |p| {
                edits.push(Edit::AddToTeam {
                    team: t.clone(),
                    allocation: default_allocation(org, &p),
                    person: p,
                })
            });
            ui.separator();
            if ui.button("Delete team").clicked() {
                edits.push(Edit::DeleteTeam(t.clone()));
                ui.close();
            }
        }
        CardId::Initiative(i) => {
            let Some(ini) = org.initiative(i) else { return };
            let items = people_items(doc, |x| ini.members.iter().any(|m| m.person == x.id));
            pick_menu(ui, "Add person", &items, |p| {
                edits.push(Edit::AddToInitiative {
                    initiative: i.clone(),
                    allocation: default_allocation(org, &p),
                    person: p,
                })
            });
            ui.separator();
            if ui.button("Delete initiative").clicked() {
                edits.push(Edit::DeleteInitiative(i.clone()));
                ui.close();
            }
        }
    }
}

/// The context menu of an open seat.
pub fn seat_menu(
    doc: &Document,
    ui: &mut egui::Ui,
    team: &TeamId,
    index: usize,
    edits: &mut Vec<Edit>,
) {
    let Some(t) = doc.org().team(team) else {
        return;
    };
    let items = people_items(doc, |x| t.member(&x.id).is_some());
    pick_menu(ui, "Fill with", &items, |p| {
        edits.push(Edit::FillSeat {
            team: team.clone(),
            index,
            person: p,
        })
    });
    ui.menu_button("Change role", |ui| {
        for role in doc.layout().catalog.roles() {
            if ui
                .button(format!("{} — {}", role.abbrev, role.name))
                .clicked()
            {
                edits.push(Edit::SetSeatRole {
                    team: team.clone(),
                    index,
                    role: role.id.clone(),
                });
                ui.close();
            }
        }
    });
    if ui.button("Remove seat").clicked() {
        edits.push(Edit::RemoveSeat {
            team: team.clone(),
            index,
        });
        ui.close();
    }
}
