//! A change in words (the change list's lines, in every format) and as the
//! JSON contract's `from` and `to` values. The only place changes become
//! text or JSON.

use super::change::{Change, ChangeKind, Named, WaiverRef};
use crate::model::{PersonId, Point, RoleId, Subject};
use serde_json::Value;

/// " (60%)", or nothing at 100%.
fn pct(a: u32) -> String {
    if a == 100 {
        String::new()
    } else {
        format!(" ({a}%)")
    }
}

fn names<I>(list: &[Named<I>]) -> Vec<&str> {
    list.iter().map(|n| n.name.as_str()).collect()
}

fn who(p: Option<&Named<PersonId>>) -> &str {
    p.map_or("nobody", |p| p.name.as_str())
}

fn hats(h: &[RoleId]) -> String {
    if h.is_empty() {
        "no hats".to_string()
    } else {
        h.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
    }
}

fn waiver(w: &WaiverRef) -> String {
    match w.capability {
        Some(c) => format!("{} ({}) on {}", w.rule, c.words(), w.on.name),
        None => format!("{} on {}", w.rule, w.on.name),
    }
}

impl Change {
    /// The line for people: names, not ids ("Bo Park: Checkout → Payments").
    pub fn text(&self) -> String {
        self.person_text()
            .or_else(|| self.team_text())
            .or_else(|| self.other_text())
            .unwrap_or_default()
    }

    /// People's changes in words.
    fn person_text(&self) -> Option<String> {
        use ChangeKind as K;
        Some(match &self.kind {
            K::PersonJoined {
                person,
                role,
                cards,
                ..
            } => {
                let cards = names(cards);
                if cards.is_empty() {
                    format!("{} joined as {role}", person.name)
                } else {
                    format!("{} joined as {role} in {}", person.name, cards.join(", "))
                }
            }
            K::PersonLeft { person, cards, .. } => {
                let cards = names(cards);
                if cards.is_empty() {
                    format!("{} left", person.name)
                } else {
                    format!("{} left ({})", person.name, cards.join(", "))
                }
            }
            K::PersonMoved {
                person,
                from,
                to,
                allocation: (a, b),
            } => {
                let alloc = if a == b {
                    pct(*b)
                } else {
                    format!(" ({a}% → {b}%)")
                };
                format!("{}: {} → {}{alloc}", person.name, from.name, to.name)
            }
            K::MembershipAdded {
                person,
                card,
                allocation,
            } => format!("{} added to {}{}", person.name, card.name, pct(*allocation)),
            K::MembershipRemoved { person, card } => {
                format!("{} removed from {}", person.name, card.name)
            }
            K::AllocationChanged {
                person,
                card,
                from,
                to,
            } => format!("{} in {}: {from}% → {to}%", person.name, card.name),
            K::RoleChanged { person, from, to } => format!("{}: {from} → {to}", person.name),
            K::HatsChanged { person, from, to } => {
                format!("{}: hats {} → {}", person.name, hats(from), hats(to))
            }
            K::ManagerChanged { person, from, to } => format!(
                "{}: reports to {} → {}",
                person.name,
                who(from.as_ref()),
                who(to.as_ref())
            ),
            K::DottedChanged { person, from, to } => {
                let list = |d: &[Named<PersonId>]| {
                    if d.is_empty() {
                        "none".to_string()
                    } else {
                        names(d).join(", ")
                    }
                };
                format!(
                    "{}: dotted lines {} → {}",
                    person.name,
                    list(from),
                    list(to)
                )
            }
            K::LevelChanged { person, from, to } => format!(
                "{}: level {} → {}",
                person.name,
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            ),
            _ => return None,
        })
    }

    /// Teams' changes in words.
    fn team_text(&self) -> Option<String> {
        use ChangeKind as K;
        Some(match &self.kind {
            K::TeamCreated {
                team,
                kind,
                members,
            } => format!("{} created ({}, {members} members)", team.name, kind.name()),
            K::TeamRemoved { team, members } => {
                format!("{} removed ({members} members)", team.name)
            }
            K::TeamKindChanged { team, from, to } => {
                format!("{}: {} → {} team", team.name, from.name(), to.name())
            }
            K::TeamGroupChanged { team, from, to } => format!(
                "{}: group {} → {}",
                team.name,
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            ),
            K::SeatOpened { scope, role, note } if note.is_empty() => {
                format!("{}: open {role} seat", scope.name)
            }
            K::SeatOpened { scope, role, note } => {
                format!("{}: open {role} seat ({note})", scope.name)
            }
            K::SeatClosed { scope, role } => format!("{}: open {role} seat closed", scope.name),
            K::SeatFilled { team, role, by } => {
                format!("{}: open {role} seat filled by {}", team.name, by.name)
            }
            K::DependencyAdded { team, on } => {
                format!("{} now depends on {}", team.name, on.name)
            }
            K::DependencyRemoved { team, on } => {
                format!("{} no longer depends on {}", team.name, on.name)
            }
            _ => return None,
        })
    }

    /// Initiatives', the org's, waivers' and positions' changes in words.
    fn other_text(&self) -> Option<String> {
        use ChangeKind as K;
        Some(match &self.kind {
            K::PersonRenamed { from, to, .. }
            | K::TeamRenamed { from, to, .. }
            | K::InitiativeRenamed { from, to, .. } => format!("{from} renamed to {to}"),
            K::NoteChanged { of, .. } => format!("{}: note changed", of.name),
            K::InitiativeCreated { initiative, teams } => {
                format!("{} created ({teams} teams)", initiative.name)
            }
            K::InitiativeRemoved { initiative } => format!("{} removed", initiative.name),
            K::InitiativeKindChanged {
                initiative,
                from,
                to,
            } => format!("{}: {} → {}", initiative.name, from.name(), to.name()),
            K::InitiativeTeamAdded { initiative, team } => {
                format!("{} now spans {}", initiative.name, team.name)
            }
            K::InitiativeTeamRemoved { initiative, team } => {
                format!("{} no longer spans {}", initiative.name, team.name)
            }
            K::LeadChanged {
                initiative,
                from,
                to,
            } => format!(
                "{}: lead {} → {}",
                initiative.name,
                who(from.as_ref()),
                who(to.as_ref())
            ),
            K::SponsorChanged {
                initiative,
                from,
                to,
            } => format!(
                "{}: sponsor {} → {}",
                initiative.name,
                who(from.as_ref()),
                who(to.as_ref())
            ),
            K::OutcomeChanged { initiative, to, .. } => format!(
                "{}: outcome {}",
                initiative.name,
                to.as_deref()
                    .map_or("removed".to_string(), |x| format!("\"{x}\""))
            ),
            K::CustomRoleAdded { role, name } => format!("Custom role {role} ({name}) added"),
            K::CustomRoleRemoved { role } => format!("Custom role {role} removed"),
            K::CustomRoleChanged { role } => format!("Custom role {role} changed"),
            K::SettingsChanged => "Rule settings changed".into(),
            K::WaiverAdded { waiver: w, reason } => {
                format!("Waiver of {} added: {reason}", waiver(w))
            }
            K::WaiverChanged { waiver: w, .. } => format!("Waiver of {} changed", waiver(w)),
            // As docs/diff.md words it: a removed waiver by rule and subject.
            K::WaiverRemoved { waiver: w } => {
                format!("Waiver of {} on {} removed", w.rule, w.on.name)
            }
            K::OrgRenamed { from, to } => format!("Org renamed: {from} → {to}"),
            K::PositionChanged { card, .. } => format!("{} moved on the canvas", card.name),

            K::PersonJoined { .. }
            | K::PersonLeft { .. }
            | K::PersonMoved { .. }
            | K::MembershipAdded { .. }
            | K::MembershipRemoved { .. }
            | K::AllocationChanged { .. }
            | K::RoleChanged { .. }
            | K::HatsChanged { .. }
            | K::ManagerChanged { .. }
            | K::DottedChanged { .. }
            | K::LevelChanged { .. }
            | K::TeamCreated { .. }
            | K::TeamRemoved { .. }
            | K::TeamKindChanged { .. }
            | K::TeamGroupChanged { .. }
            | K::SeatOpened { .. }
            | K::SeatClosed { .. }
            | K::SeatFilled { .. }
            | K::DependencyAdded { .. }
            | K::DependencyRemoved { .. } => return None,
        })
    }

    /// The JSON contract's `from` and `to`: subjects for entities
    /// (`"team:payments"`), plain values otherwise, `null` for none.
    pub fn json_values(&self) -> (Value, Value) {
        use ChangeKind as K;
        let s = |x: String| Value::String(x);
        let subject = |x: &Subject| Value::String(x.to_string());
        let person = |p: &PersonId| Value::String(Subject::Person(p.clone()).to_string());
        let team = |t: &crate::model::TeamId| Value::String(Subject::Team(t.clone()).to_string());
        let opt_person =
            |p: &Option<Named<PersonId>>| p.as_ref().map_or(Value::Null, |p| person(&p.id));
        let opt = |v: &Option<String>| v.as_ref().map_or(Value::Null, |v| s(v.clone()));
        let point =
            |p: &Option<Point>| p.map_or(Value::Null, |p| serde_json::json!({"x": p.x, "y": p.y}));
        let date = |d: &Option<crate::model::Date>| d.map_or(Value::Null, |d| s(d.to_string()));
        let roles = |h: &[RoleId]| h.iter().map(|r| s(r.to_string())).collect::<Value>();
        let people = |d: &[Named<PersonId>]| d.iter().map(|p| person(&p.id)).collect::<Value>();
        let null = Value::Null;
        match &self.kind {
            K::PersonJoined { role, .. } => (null, s(role.to_string())),
            K::PersonLeft { role, .. } => (s(role.to_string()), null),
            K::PersonMoved { from, to, .. } => (subject(&from.id), subject(&to.id)),
            K::MembershipAdded { card, .. } => (null, subject(&card.id)),
            K::MembershipRemoved { card, .. } => (subject(&card.id), null),
            K::AllocationChanged { from, to, .. } => ((*from).into(), (*to).into()),
            K::RoleChanged { from, to, .. } => (s(from.to_string()), s(to.to_string())),
            K::HatsChanged { from, to, .. } => (roles(from), roles(to)),
            K::ManagerChanged { from, to, .. }
            | K::LeadChanged { from, to, .. }
            | K::SponsorChanged { from, to, .. } => (opt_person(from), opt_person(to)),
            K::DottedChanged { from, to, .. } => (people(from), people(to)),
            K::LevelChanged { from, to, .. }
            | K::OutcomeChanged { from, to, .. }
            | K::TeamGroupChanged { from, to, .. } => (opt(from), opt(to)),
            K::PersonRenamed { from, to, .. }
            | K::NoteChanged { from, to, .. }
            | K::TeamRenamed { from, to, .. }
            | K::InitiativeRenamed { from, to, .. }
            | K::OrgRenamed { from, to } => (s(from.clone()), s(to.clone())),
            K::TeamCreated { team, .. } => (null, s(team.name.clone())),
            K::TeamRemoved { team, .. } => (s(team.name.clone()), null),
            K::TeamKindChanged { from, to, .. } => (from.name().into(), to.name().into()),
            K::SeatOpened { role, .. } => (null, s(role.to_string())),
            K::SeatClosed { role, .. } => (s(role.to_string()), null),
            K::SeatFilled { role, by, .. } => (s(role.to_string()), person(&by.id)),
            K::DependencyAdded { on, .. } => (null, team(&on.id)),
            K::DependencyRemoved { on, .. } => (team(&on.id), null),
            K::InitiativeCreated { initiative, .. } => (null, s(initiative.name.clone())),
            K::InitiativeRemoved { initiative } => (s(initiative.name.clone()), null),
            K::InitiativeKindChanged { from, to, .. } => (from.name().into(), to.name().into()),
            K::InitiativeTeamAdded { team: t, .. } => (null, team(&t.id)),
            K::InitiativeTeamRemoved { team: t, .. } => (team(&t.id), null),
            K::CustomRoleAdded { role, .. } => (null, s(role.to_string())),
            K::CustomRoleRemoved { role } => (s(role.to_string()), null),
            K::CustomRoleChanged { role } => (s(role.to_string()), s(role.to_string())),
            K::SettingsChanged => (null.clone(), null),
            K::WaiverAdded { waiver, .. } => (null, s(waiver.rule.clone())),
            K::WaiverRemoved { waiver } => (s(waiver.rule.clone()), null),
            K::WaiverChanged { from, to, .. } => (date(from), date(to)),
            K::PositionChanged { from, to, .. } => (point(from), point(to)),
        }
    }
}
