//! The team canvas as a picture: the app's card layout, drawn for print.

use super::{Anchor, Chart, Rgb, Shape, fit};
use crate::catalog::{RoleCatalog, Severity};
use crate::layout::{CARD_W, HEADER_H, PAD, ROW_H, Rect, layout};
use crate::model::CardId;
use crate::model::{Org, Subject};
use std::collections::HashMap;

const INK: Rgb = [29, 35, 48];
const WEAK: Rgb = [95, 104, 120];
const CARD: Rgb = [255, 255, 255];
const TEAM_HEAD: Rgb = [236, 240, 246];
const INI_HEAD: Rgb = [238, 232, 250];
const BORDER: Rgb = [200, 206, 216];
const LINK: Rgb = [120, 90, 190];
const DEP: Rgb = [120, 130, 150];
const MARGIN: f32 = 40.0;
/// The title band above the cards: name, counts and date, and the legend.
const TITLE_H: f32 = 86.0;
/// Wide enough for the title band's legend.
const MIN_WIDTH: f32 = 660.0;

fn severity_rgb(s: Severity) -> Rgb {
    match s {
        Severity::Error => [198, 40, 40],
        Severity::Warning => [190, 110, 0],
        _ => [31, 95, 168],
    }
}

/// One row of a card: label, role id, (allocation here, the person's total)
/// when shown, and whether it is a seat.
type Row = (String, String, Option<(u32, u32)>, bool);

pub fn draw(org: &Org) -> Chart {
    let cards = layout(org);
    let cat = RoleCatalog::new(&org.roles);
    let worst = finding_counts(org);
    let Some(bounds) = Rect::union(cards.iter().map(|c| c.rect)) else {
        return Chart {
            width: 400.0,
            height: 120.0,
            background: [247, 248, 250],
            shapes: vec![Shape::Text {
                x: 200.0,
                y: 64.0,
                text: "No teams or initiatives".into(),
                size: 16.0,
                color: WEAK,
                bold: false,
                anchor: Anchor::Middle,
            }],
        };
    };
    let (ox, oy) = (MARGIN - bounds.x, MARGIN + TITLE_H - bounds.y);
    let moved = |r: Rect| Rect {
        x: r.x + ox,
        y: r.y + oy,
        ..r
    };
    let mut shapes = links(org, &cards, &moved);
    // Each person's allocation over teams and initiatives: over 100% is
    // marked "Σ130%" on every chip of theirs, as in the app.
    let mut totals: HashMap<&str, u32> = HashMap::new();
    for m in org
        .teams
        .iter()
        .flat_map(|t| &t.members)
        .chain(org.initiatives.iter().flat_map(|i| &i.members))
    {
        *totals.entry(m.person.as_str()).or_default() += m.allocation.percent();
    }
    let maps = crate::index::IdMaps::new(org);
    let people = |id: &crate::model::PersonId| {
        maps.people
            .get(id.as_str())
            .map(|&i| &org.people[i as usize])
    };
    for c in &cards {
        let r = moved(c.rect);
        let view = crate::cards::card_view(org, &cat, &c.card, c.index, people);
        let counts = worst.get(&c.card.subject()).copied().unwrap_or_default();
        card_frame(&mut shapes, r, &view, counts);
        let mut y = r.y + HEADER_H + PAD;
        for row in card_rows(&view, &totals) {
            row_shapes(&mut shapes, &cat, r, y, row);
            y += ROW_H;
        }
    }
    title_band(&mut shapes, org);
    Chart {
        width: (bounds.w + 2.0 * MARGIN).max(MIN_WIDTH),
        height: bounds.h + 2.0 * MARGIN + TITLE_H,
        background: [243, 245, 248],
        shapes,
    }
}

/// The org's name, its counts and the date drawn, then a legend of what the
/// colours and lines mean (issue 20.7: a picture sent on has to explain
/// itself).
fn title_band(shapes: &mut Vec<Shape>, org: &Org) {
    let text = |x: f32, y: f32, text: String, size: f32, color: Rgb, bold: bool| Shape::Text {
        x,
        y,
        text,
        size,
        color,
        bold,
        anchor: Anchor::Start,
    };
    let count = crate::text::count;
    shapes.push(text(
        MARGIN,
        MARGIN + 6.0,
        fit(&org.name, 60),
        22.0,
        INK,
        true,
    ));
    shapes.push(text(
        MARGIN,
        MARGIN + 28.0,
        format!(
            "{} · {} · {} · {} · orgplan",
            count(org.people.len(), "person", "people"),
            count(org.teams.len(), "team", "teams"),
            count(org.initiatives.len(), "initiative", "initiatives"),
            crate::model::Date::today()
        ),
        12.0,
        WEAK,
        false,
    ));
    let y = MARGIN + 52.0;
    let mut x = MARGIN;
    for (label, s) in [
        ("error", Severity::Error),
        ("warning", Severity::Warning),
        ("info", Severity::Info),
    ] {
        shapes.push(Shape::Rect {
            x,
            y: y - 9.0,
            w: 12.0,
            h: 12.0,
            r: 6.0,
            fill: Some(severity_rgb(s)),
            stroke: None,
            dashed: false,
        });
        shapes.push(text(x + 17.0, y + 1.0, label.into(), 11.0, WEAK, false));
        x += 17.0 + 8.0 * label.len() as f32 + 18.0;
    }
    for (label, color, dashed, arrow) in [
        ("initiative and its teams", LINK, true, false),
        ("depends on", DEP, false, true),
    ] {
        shapes.push(Shape::Line {
            points: vec![(x, y - 3.0), (x + 28.0, y - 3.0)],
            color,
            width: 1.6,
            dashed,
            arrow,
        });
        shapes.push(text(x + 36.0, y + 1.0, label.into(), 11.0, WEAK, false));
        x += 36.0 + 6.5 * label.len() as f32 + 22.0;
    }
    shapes.push(text(
        MARGIN,
        y + 20.0,
        "Badges count a card's findings (unwaived); an outline shows its worst.".into(),
        11.0,
        WEAK,
        false,
    ));
}

/// Unwaived findings per subject: (errors, warnings, the rest).
fn finding_counts(org: &Org) -> HashMap<Subject, (usize, usize, usize)> {
    let report = crate::rules::check(org, crate::model::Date::today());
    let mut worst: HashMap<Subject, (usize, usize, usize)> = HashMap::new();
    for f in report.findings.iter().filter(|f| !f.waived()) {
        let e = worst.entry(f.subject.clone()).or_default();
        match f.severity {
            Severity::Error => e.0 += 1,
            Severity::Warning => e.1 += 1,
            _ => e.2 += 1,
        }
    }
    worst
}

/// Initiatives to the teams they span (dashed), teams to the teams they
/// depend on (arrows).
fn links(org: &Org, cards: &[crate::layout::CardRect], moved: &dyn Fn(Rect) -> Rect) -> Vec<Shape> {
    let team_rect: HashMap<&str, Rect> = cards
        .iter()
        .filter_map(|c| match &c.card {
            CardId::Team(t) => Some((t.as_str(), moved(c.rect))),
            _ => None,
        })
        .collect();
    let mut shapes = Vec::new();
    for c in cards {
        let r = moved(c.rect);
        match &c.card {
            CardId::Initiative(_) => {
                for t in &org.initiatives[c.index].teams {
                    if let Some(tr) = team_rect.get(t.as_str()) {
                        shapes.push(Shape::Line {
                            points: vec![r.center(), tr.center()],
                            color: LINK,
                            width: 1.5,
                            dashed: true,
                            arrow: false,
                        });
                    }
                }
            }
            CardId::Team(_) => {
                for d in &org.teams[c.index].depends_on {
                    if let Some(tr) = team_rect.get(d.as_str()) {
                        let a = r.border_point(tr.center());
                        let b = tr.border_point(r.center());
                        shapes.push(Shape::Line {
                            points: vec![a, b],
                            color: DEP,
                            width: 1.8,
                            dashed: false,
                            arrow: true,
                        });
                    }
                }
            }
        }
    }
    shapes
}

/// A card's rows: label, role id, allocation (when not 100%), is a seat.
fn card_rows(view: &crate::cards::CardView, totals: &HashMap<&str, u32>) -> Vec<Row> {
    view.rows
        .iter()
        .map(|row| match row {
            crate::cards::CardRow::Note(text) => (text.clone(), String::new(), None, false),
            crate::cards::CardRow::Member {
                person,
                name,
                role,
                allocation,
                lead,
            } => {
                let total = totals.get(person.as_str()).copied().unwrap_or(0);
                (
                    if *lead {
                        format!("{name} · lead")
                    } else {
                        name.clone()
                    },
                    role.to_string(),
                    ((*allocation != 100 && *allocation != 0) || total > 100)
                        .then_some((*allocation, total)),
                    false,
                )
            }
            crate::cards::CardRow::Seat { role, label, .. } => {
                (label.clone(), role.to_string(), None, true)
            }
        })
        .collect()
}

/// A card's background, header, outline (by its worst finding), title,
/// subtitle and finding badges.
fn card_frame(
    shapes: &mut Vec<Shape>,
    r: Rect,
    view: &crate::cards::CardView,
    counts: (usize, usize, usize),
) {
    let (name, sub) = (view.title.as_str(), view.subtitle.clone());
    let head = match view.kind {
        crate::cards::CardKind::Team => TEAM_HEAD,
        crate::cards::CardKind::Initiative => INI_HEAD,
    };
    let outline = if counts.0 > 0 {
        (severity_rgb(Severity::Error), 2.0)
    } else if counts.1 > 0 {
        (severity_rgb(Severity::Warning), 2.0)
    } else {
        (BORDER, 1.0)
    };
    shapes.push(Shape::Rect {
        x: r.x,
        y: r.y,
        w: r.w,
        h: r.h,
        r: 10.0,
        fill: Some(CARD),
        stroke: None,
        dashed: false,
    });
    shapes.push(Shape::Rect {
        x: r.x,
        y: r.y,
        w: r.w,
        h: HEADER_H,
        r: 10.0,
        fill: Some(head),
        stroke: None,
        dashed: false,
    });
    shapes.push(Shape::Rect {
        x: r.x,
        y: r.y,
        w: r.w,
        h: r.h,
        r: 10.0,
        fill: None,
        stroke: Some(outline),
        dashed: false,
    });
    shapes.push(Shape::Text {
        x: r.x + 12.0,
        y: r.y + 21.0,
        text: fit(name, 26),
        size: 15.0,
        color: INK,
        bold: true,
        anchor: Anchor::Start,
    });
    shapes.push(Shape::Text {
        x: r.x + 12.0,
        y: r.y + 38.0,
        text: sub,
        size: 11.0,
        color: WEAK,
        bold: false,
        anchor: Anchor::Start,
    });
    // As the app draws them: error, warning, info from left to right (laid
    // out from the right edge, so in reverse); info was left out.
    let mut bx = r.x + r.w - 10.0;
    for (n, s) in [
        (counts.2, Severity::Info),
        (counts.1, Severity::Warning),
        (counts.0, Severity::Error),
    ] {
        if n > 0 {
            let w = 14.0 + 7.0 * n.to_string().len() as f32;
            shapes.push(Shape::Rect {
                x: bx - w,
                y: r.y + 9.0,
                w,
                h: 18.0,
                r: 9.0,
                fill: Some(severity_rgb(s)),
                stroke: None,
                dashed: false,
            });
            shapes.push(Shape::Text {
                x: bx - w / 2.0,
                y: r.y + 22.0,
                text: n.to_string(),
                size: 11.0,
                color: [255, 255, 255],
                bold: true,
                anchor: Anchor::Middle,
            });
            bx -= w + 4.0;
        }
    }
}

/// One row of a card at height `y`: a note, an open seat, or a member chip.
fn row_shapes(shapes: &mut Vec<Shape>, cat: &RoleCatalog, r: Rect, y: f32, row: Row) {
    let (label, role, alloc, seat) = row;
    let chip = Rect {
        x: r.x + PAD,
        y,
        w: CARD_W - 2.0 * PAD,
        h: ROW_H - 3.0,
    };
    if role.is_empty() && !seat {
        shapes.push(Shape::Text {
            x: chip.x + 4.0,
            y: chip.y + 15.0,
            text: fit(&label, 40),
            size: 11.5,
            color: WEAK,
            bold: false,
            anchor: Anchor::Start,
        });
        return;
    }
    let color = crate::catalog::role_rgb(&role);
    if seat {
        shapes.push(Shape::Rect {
            x: chip.x,
            y: chip.y,
            w: chip.w,
            h: chip.h,
            r: 5.0,
            fill: None,
            stroke: Some((color, 1.3)),
            dashed: true,
        });
        shapes.push(Shape::Text {
            x: chip.x + 8.0,
            y: chip.y + 15.0,
            // Cut to the chip (a long seat note ran out of the card): about
            // 6.3 px a character at this size.
            text: fit(&format!("+ {label}"), ((chip.w - 16.0) / 6.3) as usize),
            size: 12.0,
            color,
            bold: false,
            anchor: Anchor::Start,
        });
    } else {
        let abbrev = cat
            .abbrev(&crate::model::RoleId::new(role.clone()))
            .to_string();
        let bw = 10.0 + 6.6 * abbrev.chars().count() as f32;
        shapes.push(Shape::Rect {
            x: chip.x,
            y: chip.y,
            w: chip.w,
            h: chip.h,
            r: 5.0,
            fill: Some([244, 246, 249]),
            stroke: None,
            dashed: false,
        });
        shapes.push(Shape::Rect {
            x: chip.x + 3.0,
            y: chip.y + 3.0,
            w: bw,
            h: chip.h - 6.0,
            r: 4.0,
            fill: Some(color),
            stroke: None,
            dashed: false,
        });
        shapes.push(Shape::Text {
            x: chip.x + 3.0 + bw / 2.0,
            y: chip.y + 14.5,
            text: abbrev,
            size: 10.0,
            color: crate::catalog::ink_on(color),
            bold: false,
            anchor: Anchor::Middle,
        });
        shapes.push(Shape::Text {
            x: chip.x + bw + 10.0,
            y: chip.y + 15.0,
            text: fit(&label, 26),
            size: 12.5,
            color: INK,
            bold: false,
            anchor: Anchor::Start,
        });
        if let Some((a, total)) = alloc {
            let (text, color) = if total > 100 {
                (format!("{a}% · Σ{total}%"), severity_rgb(Severity::Error))
            } else {
                (format!("{a}%"), WEAK)
            };
            shapes.push(Shape::Text {
                x: chip.x + chip.w - 6.0,
                y: chip.y + 15.0,
                text,
                size: 11.0,
                color,
                bold: total > 100,
                anchor: Anchor::End,
            });
        }
    }
}
