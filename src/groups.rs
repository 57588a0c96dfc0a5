//! Groups of cards on the canvas: each team belongs to its `group` (the
//! department or cost centre an import kept), else to the director (or,
//! with no director above them, the top manager) its members report up to;
//! each initiative to the group most of its teams are in. The canvas frames
//! each group, and "Arrange by group" lays the cards out group by group.
//! No GUI code: the app, the import and the exports share it.

use crate::layout::{self, CARD_W, GAP, Rect};
use crate::model::{CardId, Org, PersonId, Point};
use std::collections::HashMap;

/// Space between a frame's edge and its cards.
pub const FRAME_PAD: f32 = 28.0;
/// The band at a frame's top that holds its label.
pub const LABEL_H: f32 = 64.0;
/// Space between two groups' frames when arranged.
pub const GROUP_GAP: f32 = 120.0;
/// At most this many cards side by side in a group.
const MAX_COLUMNS: usize = 8;

/// Whom a group gathers around.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GroupKey {
    /// The team's department or cost centre (its `group`).
    Value(String),
    /// The director or top manager the members report up to.
    Person(PersonId),
    /// Teams nobody on them reports to anyone (or empty teams).
    Other,
}

/// One group: its name and its cards, teams first, in the org's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub key: GroupKey,
    pub name: String,
    pub cards: Vec<CardId>,
    pub teams: usize,
    /// Distinct people on the group's teams.
    pub people: usize,
}

/// Whether a role heads a group: a director, or a custom role like one.
fn heads_group(org: &Org, role: &crate::model::RoleId) -> bool {
    org.behaves_as(role) == "Director"
}

/// For each person (by index), the director or top manager they report up
/// to (a director heads their own group). Linear: every chain is walked
/// once and remembered.
fn heads(org: &Org) -> Vec<usize> {
    let index: HashMap<&str, usize> = org
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let manager: Vec<Option<usize>> = org
        .people
        .iter()
        .map(|p| {
            p.manager
                .as_ref()
                .and_then(|m| index.get(m.as_str()).copied())
        })
        .collect();
    const UNKNOWN: usize = usize::MAX;
    let mut head = vec![UNKNOWN; org.people.len()];
    let mut on_path = vec![false; org.people.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..org.people.len() {
        if head[start] != UNKNOWN {
            continue;
        }
        path.clear();
        let mut at = start;
        let found = loop {
            if head[at] != UNKNOWN {
                break head[at];
            }
            if heads_group(org, &org.people[at].role) || on_path[at] {
                // A director, or a loop in the reporting lines (the file's
                // checks report it): the chain ends here.
                break at;
            }
            on_path[at] = true;
            path.push(at);
            match manager[at] {
                Some(m) => at = m,
                None => break at,
            }
        };
        for &p in &path {
            head[p] = found;
            on_path[p] = false;
        }
        if head[at] == UNKNOWN {
            head[at] = found;
        }
    }
    head
}

/// The most common value, the first seen winning a tie.
fn majority<T: PartialEq + Clone>(votes: impl IntoIterator<Item = T>) -> Option<T> {
    let mut tally: Vec<(T, usize)> = Vec::new();
    for v in votes {
        match tally.iter_mut().find(|(t, _)| *t == v) {
            Some((_, n)) => *n += 1,
            None => tally.push((v, 1)),
        }
    }
    let best = tally.iter().map(|(_, n)| *n).max()?;
    tally.into_iter().find(|(_, n)| *n == best).map(|(t, _)| t)
}

/// The org's groups, in the order their first team appears; the "Other
/// teams" group, if any, last.
pub fn groups(org: &Org) -> Vec<Group> {
    let head = heads(org);
    let index: HashMap<&str, usize> = org
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut order: Vec<GroupKey> = Vec::new();
    let mut slot: HashMap<GroupKey, usize> = HashMap::new();
    let mut cards: Vec<Vec<CardId>> = Vec::new();
    let mut people: Vec<std::collections::HashSet<&str>> = Vec::new();
    let mut team_group: HashMap<&str, usize> = HashMap::new();
    let mut place = |key: GroupKey,
                     order: &mut Vec<GroupKey>,
                     cards: &mut Vec<Vec<CardId>>,
                     people: &mut Vec<std::collections::HashSet<&str>>| {
        *slot.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            cards.push(Vec::new());
            people.push(Default::default());
            order.len() - 1
        })
    };
    for t in &org.teams {
        let value = t.group.as_deref().map(str::trim).filter(|g| !g.is_empty());
        let key = match value {
            Some(g) => GroupKey::Value(g.to_string()),
            None => majority(
                t.members
                    .iter()
                    .filter_map(|m| index.get(m.person.as_str()))
                    .map(|&i| head[i]),
            )
            .map_or(GroupKey::Other, |h| {
                GroupKey::Person(org.people[h].id.clone())
            }),
        };
        let g = place(key, &mut order, &mut cards, &mut people);
        cards[g].push(CardId::Team(t.id.clone()));
        people[g].extend(t.members.iter().map(|m| m.person.as_str()));
        team_group.insert(t.id.as_str(), g);
    }
    let teams: Vec<usize> = cards.iter().map(Vec::len).collect();
    for ini in &org.initiatives {
        let by_teams = majority(
            ini.teams
                .iter()
                .filter_map(|t| team_group.get(t.as_str()).copied()),
        );
        let g = match by_teams {
            Some(g) => g,
            None => {
                let key = ini
                    .lead
                    .iter()
                    .chain(ini.members.iter().map(|m| &m.person))
                    .find_map(|p| index.get(p.as_str()))
                    .map_or(GroupKey::Other, |&i| {
                        GroupKey::Person(org.people[head[i]].id.clone())
                    });
                place(key, &mut order, &mut cards, &mut people)
            }
        };
        cards[g].push(CardId::Initiative(ini.id.clone()));
    }
    let mut out: Vec<Group> = order
        .into_iter()
        .zip(cards)
        .zip(people)
        .enumerate()
        .map(|(k, ((key, cards), people))| Group {
            name: match &key {
                GroupKey::Person(p) => org
                    .people
                    .get(index[p.as_str()])
                    .map_or_else(|| p.to_string(), |p| p.name.to_string()),
                GroupKey::Value(g) => g.clone(),
                GroupKey::Other => "Other teams".to_string(),
            },
            key,
            teams: teams.get(k).copied().unwrap_or(0),
            people: people.len(),
            cards,
        })
        .collect();
    // "Other teams" last.
    out.sort_by_key(|g| g.key == GroupKey::Other);
    out
}

/// Every card's height, by card.
fn heights(org: &Org) -> HashMap<CardId, f32> {
    let teams = org
        .teams
        .iter()
        .map(|t| (CardId::Team(t.id.clone()), layout::team_card_height(t)));
    let initiatives = org.initiatives.iter().map(|i| {
        (
            CardId::Initiative(i.id.clone()),
            layout::initiative_card_height(i),
        )
    });
    teams.chain(initiatives).collect()
}

/// A group's cards in a grid (at most [`MAX_COLUMNS`] wide, about square),
/// relative to the frame's top-left; and the frame's size.
fn block(heights: &HashMap<CardId, f32>, cards: &[CardId]) -> (Vec<(CardId, Point)>, f32, f32) {
    let n = cards.len().max(1);
    let cols = ((n as f32).sqrt().ceil() as usize).clamp(1, MAX_COLUMNS);
    let mut out = Vec::with_capacity(cards.len());
    let mut y = LABEL_H;
    for row in cards.chunks(cols) {
        let mut row_h: f32 = 0.0;
        for (k, c) in row.iter().enumerate() {
            out.push((
                c.clone(),
                Point {
                    x: FRAME_PAD + k as f32 * (CARD_W + GAP),
                    y,
                },
            ));
            row_h = row_h.max(heights.get(c).copied().unwrap_or(layout::HEADER_H));
        }
        y += row_h + GAP;
    }
    let w = FRAME_PAD * 2.0 + cols as f32 * (CARD_W + GAP) - GAP;
    let h = y - GAP + FRAME_PAD;
    (out, w, h)
}

/// Where every card of `groups` goes when arranged group by group, the
/// first group's frame at `origin`: groups in rows about as wide as the
/// whole is tall on a 16:10 screen, each group's cards in a grid inside its frame.
pub fn arrange(org: &Org, groups: &[Group], origin: Point) -> Vec<(CardId, Point)> {
    let heights = heights(org);
    let blocks: Vec<_> = groups
        .iter()
        .filter(|g| !g.cards.is_empty())
        .map(|g| block(&heights, &g.cards))
        .collect();
    let sizes: Vec<(f32, f32)> = blocks.iter().map(|(_, w, h)| (*w, *h)).collect();
    let row_w = best_row_width(&sizes);
    let mut out = Vec::new();
    let (mut x, mut y, mut row_h) = (origin.x, origin.y, 0.0f32);
    for (cards, w, h) in blocks {
        if x > origin.x && x - origin.x + w > row_w {
            x = origin.x;
            y += row_h + GROUP_GAP;
            row_h = 0.0;
        }
        out.extend(cards.into_iter().map(|(c, p)| {
            (
                c,
                Point {
                    x: (x + p.x).round(),
                    y: (y + p.y).round(),
                },
            )
        }));
        x += w + GROUP_GAP;
        row_h = row_h.max(h);
    }
    out
}

/// Groups go left to right in rows of at most `row_w`: the size of the whole.
fn shelves(sizes: &[(f32, f32)], row_w: f32) -> (f32, f32) {
    let (mut x, mut y, mut row_h, mut wide) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    for &(w, h) in sizes {
        if x > 0.0 && x + w > row_w {
            x = 0.0;
            y += row_h + GROUP_GAP;
            row_h = 0.0;
        }
        x += w + GROUP_GAP;
        wide = wide.max(x - GROUP_GAP);
        row_h = row_h.max(h);
    }
    (wide, y + row_h)
}

/// The row width whose whole is nearest a 16:10 screen's shape; tried for
/// every number of groups in the first row (linear each, so quadratic in
/// the groups: a few hundred at 100,000 people).
fn best_row_width(sizes: &[(f32, f32)]) -> f32 {
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f32::max);
    let mut best = (f32::INFINITY, widest);
    let mut first_row = 0.0f32;
    for &(w, _) in sizes {
        first_row += w + if first_row > 0.0 { GROUP_GAP } else { 0.0 };
        let row_w = first_row.max(widest);
        let (tw, th) = shelves(sizes, row_w);
        if th <= 0.0 {
            continue;
        }
        let ratio = tw / th / 1.6;
        let score = ratio.max(1.0 / ratio);
        if score < best.0 {
            best = (score, row_w);
        }
    }
    best.1
}

/// Every card of the org arranged by group, from the canvas's usual origin.
pub fn arrange_org(org: &Org) -> Vec<(CardId, Point)> {
    arrange(org, &groups(org), Point { x: 40.0, y: 40.0 })
}

/// Sets every card's position to its place arranged by group.
pub fn apply_arrangement(org: &mut Org) {
    let places: HashMap<CardId, Point> = arrange_org(org).into_iter().collect();
    for t in &mut org.teams {
        t.position = places.get(&CardId::Team(t.id.clone())).copied();
    }
    for i in &mut org.initiatives {
        i.position = places.get(&CardId::Initiative(i.id.clone())).copied();
    }
}

/// A group's frame around where its cards are: their bounds, padded, with
/// the label band above.
pub fn frame(cards: impl IntoIterator<Item = Rect>) -> Option<Rect> {
    let b = Rect::union(cards)?;
    Some(Rect {
        x: b.x - FRAME_PAD,
        y: b.y - LABEL_H,
        w: b.w + FRAME_PAD * 2.0,
        h: b.h + LABEL_H + FRAME_PAD,
    })
}

/// Whether frames are worth drawing: two groups or more, none overlapping
/// another (cards arranged by hand in some other order are left unframed).
pub fn framed(frames: &[Rect]) -> bool {
    frames.len() >= 2
        && frames.iter().enumerate().all(|(a, fa)| {
            frames[a + 1..]
                .iter()
                .all(|fb| fa.w <= 0.0 || fb.w <= 0.0 || !fa.overlaps(fb, 0.0))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Allocation, Member, Person, Team};

    fn person(org: &mut Org, id: &str, role: &str, manager: Option<&str>) {
        let mut p = Person::new(id, id.to_uppercase(), role);
        p.manager = manager.map(PersonId::new);
        org.people.push(p);
    }

    fn team(org: &mut Org, id: &str, members: &[&str]) {
        let mut t = Team::new(id, id);
        t.members = members
            .iter()
            .map(|m| Member::new(PersonId::new(*m), Allocation::FULL))
            .collect();
        org.teams.push(t);
    }

    /// A VP (a director) over two directors; an EM under each; a team each,
    /// with a PM from a product line that reports elsewhere; a team reporting
    /// to the VP directly, one with nobody, one under a root without a
    /// director.
    fn org() -> Org {
        let mut org = Org::default();
        person(&mut org, "vp", "Director", None);
        person(&mut org, "d1", "Director", Some("vp"));
        person(&mut org, "d2", "Director", Some("vp"));
        person(&mut org, "em1", "EM", Some("d1"));
        person(&mut org, "e1", "Engineer", Some("em1"));
        person(&mut org, "e2", "Engineer", Some("em1"));
        person(&mut org, "em2", "EM", Some("d2"));
        person(&mut org, "e3", "Engineer", Some("em2"));
        person(&mut org, "cpo", "ProductLead", None);
        person(&mut org, "pm", "PM", Some("cpo"));
        person(&mut org, "s1", "Staff", Some("vp"));
        person(&mut org, "ceo", "EM", None);
        person(&mut org, "x1", "Engineer", Some("ceo"));
        team(&mut org, "a", &["em1", "e1", "e2", "pm"]);
        team(&mut org, "b", &["em2", "e3", "pm"]);
        team(&mut org, "c", &["s1"]);
        team(&mut org, "empty", &[]);
        team(&mut org, "d", &["x1", "ceo"]);
        team(&mut org, "a2", &["e2"]);
        let mut ini = crate::model::Initiative::new("i", "I");
        ini.teams = ["b", "a", "a2"]
            .into_iter()
            .map(crate::model::TeamId::new)
            .collect();
        org.initiatives.push(ini);
        org
    }

    #[test]
    fn teams_group_under_the_director_their_members_report_up_to() {
        let g = groups(&org());
        let summary: Vec<(String, Vec<String>, usize, usize)> = g
            .iter()
            .map(|g| {
                (
                    g.name.clone(),
                    g.cards
                        .iter()
                        .map(|c| match c {
                            CardId::Team(t) => format!("team:{t}"),
                            CardId::Initiative(i) => format!("initiative:{i}"),
                        })
                        .collect(),
                    g.teams,
                    g.people,
                )
            })
            .collect();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            summary,
            vec![
                // The PM votes for the CPO, outvoted by the EM's line.
                (
                    "D1".to_string(),
                    s(&["team:a", "team:a2", "initiative:i"]),
                    2,
                    4
                ),
                ("D2".to_string(), s(&["team:b"]), 1, 3),
                ("VP".to_string(), s(&["team:c"]), 1, 1),
                // No director above: the top manager.
                ("CEO".to_string(), s(&["team:d"]), 1, 2),
                ("Other teams".to_string(), s(&["team:empty"]), 1, 0),
            ]
        );
    }

    #[test]
    fn a_reporting_loop_does_not_hang_and_groups_somewhere() {
        let mut org = Org::default();
        person(&mut org, "a", "EM", Some("b"));
        person(&mut org, "b", "EM", Some("a"));
        person(&mut org, "c", "Engineer", Some("a"));
        team(&mut org, "t", &["a", "b", "c"]);
        let g = groups(&org);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].cards,
            vec![CardId::Team(crate::model::TeamId::new("t"))]
        );
    }

    #[test]
    fn arranged_groups_never_overlap_and_keep_their_cards_inside_their_frame() {
        let org = crate::support::generate::generate(3000, 5);
        let groups = groups(&org);
        assert!(groups.len() >= 8, "{} groups", groups.len());
        let places: HashMap<CardId, Point> = arrange_org(&org).into_iter().collect();
        assert_eq!(places.len(), org.teams.len() + org.initiatives.len());
        let heights = heights(&org);
        let rect = |c: &CardId| {
            let p = places[c];
            Rect {
                x: p.x,
                y: p.y,
                w: CARD_W,
                h: heights[c],
            }
        };
        let frames: Vec<Rect> = groups
            .iter()
            .map(|g| frame(g.cards.iter().map(rect)).unwrap())
            .collect();
        for (a, fa) in frames.iter().enumerate() {
            for (b, fb) in frames.iter().enumerate().skip(a + 1) {
                assert!(!fa.overlaps(fb, 0.0), "frames {a} and {b} overlap");
            }
        }
        // Cards of one group never overlap.
        for g in &groups {
            for (k, a) in g.cards.iter().enumerate() {
                for b in &g.cards[k + 1..] {
                    assert!(!rect(a).overlaps(&rect(b), 0.0), "{a:?} overlaps {b:?}");
                }
            }
        }
        // About as wide as tall (a row of groups, not a ribbon).
        let all = Rect::union(frames.iter().copied()).unwrap();
        let ratio = all.w / all.h;
        assert!((0.5..4.0).contains(&ratio), "{} × {}", all.w, all.h);
        assert!(framed(&frames));
    }

    #[test]
    fn a_department_kept_from_the_import_groups_its_teams_and_a_director_like_role_heads() {
        let mut org = org();
        // Teams a and b are both in Payments; the rest keep their director.
        org.teams[0].group = Some("Payments".into());
        org.teams[1].group = Some(" Payments ".into());
        let g = groups(&org);
        let names: Vec<(&str, usize)> = g.iter().map(|g| (g.name.as_str(), g.teams)).collect();
        assert_eq!(
            names,
            [
                ("Payments", 2),
                ("VP", 1),
                ("CEO", 1),
                // Team a2, the last team, keeps D1.
                ("D1", 1),
                ("Other teams", 1)
            ]
        );
        assert_eq!(g[0].key, GroupKey::Value("Payments".into()));
        // A custom role like a director heads a group: the CEO's line
        // gathers under "Head", who reports to them.
        let mut org = self::org();
        org.roles.push(crate::model::CustomRole {
            id: crate::model::RoleId::new("HeadOfEng"),
            name: "Head of engineering".into(),
            provides: Default::default(),
            like: Some(crate::model::RoleId::new("Director")),
        });
        person(&mut org, "head", "HeadOfEng", Some("ceo"));
        org.people
            .iter_mut()
            .find(|p| p.id.as_str() == "x1")
            .unwrap()
            .manager = Some(PersonId::new("head"));
        let d = groups(&org)
            .into_iter()
            .find(|g| {
                g.cards
                    .contains(&CardId::Team(crate::model::TeamId::new("d")))
            })
            .unwrap();
        assert_eq!(d.key, GroupKey::Person(PersonId::new("head")));
    }
}
