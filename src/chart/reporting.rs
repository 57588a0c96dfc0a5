//! The reporting tree: a compact tidy layout in linear time. A manager whose
//! reports are all individual contributors gets them stacked in a column
//! beneath; other managers get their reports' subtrees side by side, centred
//! beneath them. Reporting loops are broken so everyone appears once.

use super::{Anchor, Chart, Rgb, Shape, fit};
use crate::catalog::RoleCatalog;
use crate::model::Org;

pub const NODE_W: f32 = 190.0;
pub const NODE_H: f32 = 46.0;
const H_GAP: f32 = 24.0;
const V_GAP: f32 = 44.0;
const INDENT: f32 = 26.0;
const STACK_GAP: f32 = 10.0;
const MARGIN: f32 = 32.0;

/// Where everyone goes.
#[derive(Clone, Debug)]
pub struct TreeLayout {
    /// Top-left of each person's box, by index in `org.people`.
    pub pos: Vec<(f32, f32)>,
    /// Each person's place in the tree (`None`: a root).
    pub parent: Vec<Option<usize>>,
    /// Whether a person's reports are stacked in a column.
    pub stacked: Vec<bool>,
    pub width: f32,
    pub height: f32,
}

pub fn tree_layout(org: &Org) -> TreeLayout {
    tree_layout_with(org, &crate::index::IdMaps::new(org))
}

/// [`tree_layout`] with the org's id maps already built.
fn tree_layout_with(org: &Org, maps: &crate::index::IdMaps) -> TreeLayout {
    let n = org.people.len();
    let index = &maps.people;
    let manager: Vec<Option<usize>> = org
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.manager
                .as_ref()
                .and_then(|m| index.get(m.as_str()).map(|&m| m as usize))
                .filter(|&m| m != i)
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut roots: Vec<usize> = Vec::new();
    for (i, m) in manager.iter().enumerate() {
        match *m {
            Some(m) => children[m].push(i),
            None => roots.push(i),
        }
    }
    // Visit from the roots; whatever is left sits in (or under) a loop: break
    // the loop at its first person and visit again.
    let mut order: Vec<usize> = Vec::with_capacity(n); // pre-order
    let mut seen = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut visit = |start: usize,
                     order: &mut Vec<usize>,
                     seen: &mut Vec<bool>,
                     parent: &mut Vec<Option<usize>>| {
        stack.push(start);
        while let Some(p) = stack.pop() {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            order.push(p);
            for &c in children[p].iter().rev() {
                if !seen[c] {
                    parent[c] = Some(p);
                    stack.push(c);
                }
            }
        }
    };
    for &r in &roots {
        visit(r, &mut order, &mut seen, &mut parent);
    }
    let mut extra_roots = Vec::new();
    for i in 0..n {
        if !seen[i] {
            extra_roots.push(i);
            visit(i, &mut order, &mut seen, &mut parent);
        }
    }
    roots.extend(extra_roots);
    // The tree's own children lists (loops broken).
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &p in &order {
        if let Some(m) = parent[p] {
            kids[m].push(p);
        }
    }
    let stacked: Vec<bool> = (0..n)
        .map(|i| !kids[i].is_empty() && kids[i].iter().all(|&c| kids[c].is_empty()))
        .collect();
    // Subtree widths, children before parents.
    let mut width = vec![NODE_W; n];
    for &p in order.iter().rev() {
        width[p] = if kids[p].is_empty() {
            NODE_W
        } else if stacked[p] {
            NODE_W + INDENT
        } else {
            let sum: f32 = kids[p].iter().map(|&c| width[c]).sum();
            (sum + H_GAP * (kids[p].len() - 1) as f32).max(NODE_W)
        };
    }
    // Positions, parents before children: each node gets its subtree's left.
    let mut left = vec![0.0f32; n];
    let mut pos = vec![(0.0f32, 0.0f32); n];
    let mut x = MARGIN;
    for &r in &roots {
        left[r] = x;
        x += width[r] + H_GAP * 2.0;
    }
    let mut depth_y = vec![MARGIN; n];
    let mut bottom: f32 = 0.0;
    for &p in &order {
        let y = depth_y[p];
        if stacked[p] {
            pos[p] = (left[p], y);
            for (k, &c) in kids[p].iter().enumerate() {
                let cy = y + (NODE_H + STACK_GAP) * (k + 1) as f32;
                left[c] = left[p] + INDENT;
                depth_y[c] = cy;
            }
        } else {
            pos[p] = (left[p] + (width[p] - NODE_W) / 2.0, y);
            let mut cx = left[p];
            let total: f32 = kids[p].iter().map(|&c| width[c]).sum::<f32>()
                + H_GAP * kids[p].len().saturating_sub(1) as f32;
            cx += (width[p] - total).max(0.0) / 2.0;
            for &c in &kids[p] {
                left[c] = cx;
                depth_y[c] = y + NODE_H + V_GAP;
                cx += width[c] + H_GAP;
            }
        }
        if !stacked[p] || kids[p].is_empty() {
            bottom = bottom.max(y + NODE_H);
        }
    }
    for &p in &order {
        bottom = bottom.max(pos[p].1 + NODE_H);
    }
    TreeLayout {
        pos,
        parent,
        stacked,
        width: x - H_GAP * 2.0 + MARGIN,
        height: bottom + MARGIN,
    }
}

const INK: Rgb = [29, 35, 48];
const WEAK: Rgb = [95, 104, 120];
const LINE: Rgb = [150, 158, 172];
const DOTTED: Rgb = [120, 90, 190];

pub fn draw(org: &Org) -> Chart {
    // One id map for the layout and the dotted lines.
    let maps = crate::index::IdMaps::new(org);
    let layout = tree_layout_with(org, &maps);
    let index = &maps.people;
    let cat = RoleCatalog::new(&org.roles);
    let n = org.people.len();
    let mut shapes = Vec::with_capacity(n * 6);
    // Lines first.
    for (c, parent) in layout.parent.iter().enumerate() {
        let Some(p) = *parent else { continue };
        let (px, py) = layout.pos[p];
        let (cx, cy) = layout.pos[c];
        let points = if layout.stacked[p] {
            let x = px + INDENT / 2.0;
            vec![
                (x, py + NODE_H),
                (x, cy + NODE_H / 2.0),
                (cx, cy + NODE_H / 2.0),
            ]
        } else {
            let mid = py + NODE_H + V_GAP / 2.0;
            vec![
                (px + NODE_W / 2.0, py + NODE_H),
                (px + NODE_W / 2.0, mid),
                (cx + NODE_W / 2.0, mid),
                (cx + NODE_W / 2.0, cy),
            ]
        };
        shapes.push(Shape::Line {
            points,
            color: LINE,
            width: 1.3,
            dashed: false,
            arrow: false,
        });
    }
    for (i, p) in org.people.iter().enumerate() {
        for d in &p.dotted {
            if let Some(&m) = index.get(d.as_str()) {
                let (x1, y1) = layout.pos[i];
                let (x2, y2) = layout.pos[m as usize];
                shapes.push(Shape::Line {
                    points: vec![(x1 + NODE_W - 14.0, y1), (x2 + NODE_W - 14.0, y2 + NODE_H)],
                    color: DOTTED,
                    width: 1.4,
                    dashed: true,
                    arrow: true,
                });
            }
        }
    }
    for (i, p) in org.people.iter().enumerate() {
        let (x, y) = layout.pos[i];
        let role = crate::catalog::role_rgb(p.role.as_str());
        shapes.push(Shape::Rect {
            x,
            y,
            w: NODE_W,
            h: NODE_H,
            r: 6.0,
            fill: Some([255, 255, 255]),
            stroke: Some(([205, 210, 220], 1.0)),
            dashed: false,
        });
        shapes.push(Shape::Rect {
            x,
            y,
            w: 5.0,
            h: NODE_H,
            r: 2.0,
            fill: Some(role),
            stroke: None,
            dashed: false,
        });
        shapes.push(Shape::Text {
            x: x + 14.0,
            y: y + 19.0,
            text: fit(&p.name, 24),
            size: 13.0,
            color: INK,
            bold: true,
            anchor: Anchor::Start,
        });
        let mut sub = cat
            .get(&p.role)
            .map_or(p.role.to_string(), |r| r.name.clone());
        if let Some(l) = &p.level {
            sub = format!("{sub} · {l}");
        }
        shapes.push(Shape::Text {
            x: x + 14.0,
            y: y + 36.0,
            text: fit(&sub, 30),
            size: 10.5,
            color: WEAK,
            bold: false,
            anchor: Anchor::Start,
        });
    }
    Chart {
        width: layout.width.max(NODE_W + 2.0 * MARGIN),
        height: layout.height.max(NODE_H + 2.0 * MARGIN),
        background: [247, 248, 250],
        shapes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlaps(a: (f32, f32), b: (f32, f32)) -> bool {
        a.0 < b.0 + NODE_W && b.0 < a.0 + NODE_W && a.1 < b.1 + NODE_H && b.1 < a.1 + NODE_H
    }

    #[test]
    fn no_two_boxes_overlap_and_everyone_is_placed() {
        let org = crate::support::generate::generate(600, 3);
        let l = tree_layout(&org);
        assert_eq!(l.pos.len(), org.people.len());
        // Sort by x to keep the check fast.
        let mut idx: Vec<usize> = (0..l.pos.len()).collect();
        idx.sort_by(|&a, &b| l.pos[a].0.total_cmp(&l.pos[b].0));
        for (k, &a) in idx.iter().enumerate() {
            for &b in &idx[k + 1..] {
                if l.pos[b].0 >= l.pos[a].0 + NODE_W {
                    break;
                }
                assert!(
                    !overlaps(l.pos[a], l.pos[b]),
                    "{} and {}",
                    org.people[a].id,
                    org.people[b].id
                );
            }
        }
        for &(x, y) in &l.pos {
            assert!(
                x >= 0.0 && y >= 0.0 && x + NODE_W <= l.width + 1.0 && y + NODE_H <= l.height + 1.0
            );
        }
    }

    #[test]
    fn loops_are_broken_not_lost() {
        let text = r#"(format: 1, name: "x", people: [
            (id: "a", name: "A", role: "EM", manager: "b"),
            (id: "b", name: "B", role: "EM", manager: "a"),
            (id: "c", name: "C", role: "Engineer", manager: "c"),
        ])"#;
        let org = crate::io::load_str(text, "x").unwrap();
        let l = tree_layout(&org);
        assert_eq!(l.parent.iter().filter(|p| p.is_none()).count(), 2);
        assert!(!overlaps(l.pos[0], l.pos[2]) && !overlaps(l.pos[1], l.pos[2]));
    }
}
