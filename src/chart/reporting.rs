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
/// Past this many reports, another column (stacked) or row (subtrees).
pub const WRAP: usize = 8;

/// Where everyone goes.
#[derive(Clone, Debug)]
pub struct TreeLayout {
    /// Top-left of each person's box, by index in `org.people`.
    pub pos: Vec<(f32, f32)>,
    /// Each person's place in the tree (`None`: a root).
    pub parent: Vec<Option<usize>>,
    /// Whether a person's reports are stacked in a column (columns past
    /// [`WRAP`]).
    pub stacked: Vec<bool>,
    /// The connector from each person's manager to them (empty for roots).
    pub links: Vec<Vec<(f32, f32)>>,
    pub width: f32,
    pub height: f32,
}

pub fn tree_layout(org: &Org) -> TreeLayout {
    tree_layout_with(org, &crate::index::IdMaps::new(org))
}

/// [`tree_layout`] with the org's id maps already built.
/// The reporting forest: people in pre-order, each one's manager and
/// reports in the tree (loops broken at their first person, who becomes a
/// root), and the roots.
type Forest = (Vec<usize>, Vec<Option<usize>>, Vec<Vec<usize>>, Vec<usize>);

fn forest(org: &Org, maps: &crate::index::IdMaps) -> Forest {
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
    (order, parent, kids, roots)
}

fn tree_layout_with(org: &Org, maps: &crate::index::IdMaps) -> TreeLayout {
    let n = org.people.len();
    let (order, parent, kids, roots) = forest(org, maps);
    let stacked: Vec<bool> = (0..n)
        .map(|i| !kids[i].is_empty() && kids[i].iter().all(|&c| kids[c].is_empty()))
        .collect();
    // Subtree sizes, children before parents. Past WRAP reports, a stack
    // goes on in another column and side-by-side subtrees in another row.
    let mut width = vec![NODE_W; n];
    let mut height = vec![NODE_H; n];
    for &p in order.iter().rev() {
        let k = kids[p].len();
        if k == 0 {
            continue;
        }
        if stacked[p] {
            let cols = k.div_ceil(WRAP);
            width[p] = INDENT + cols as f32 * NODE_W + (cols - 1) as f32 * H_GAP;
            height[p] = NODE_H + k.min(WRAP) as f32 * (NODE_H + STACK_GAP);
        } else {
            let (mut w, mut h) = (NODE_W, NODE_H);
            for row in kids[p].chunks(WRAP) {
                let rw: f32 =
                    row.iter().map(|&c| width[c]).sum::<f32>() + H_GAP * (row.len() - 1) as f32;
                w = w.max(rw);
                h += V_GAP + row.iter().map(|&c| height[c]).fold(0.0, f32::max);
            }
            width[p] = w;
            height[p] = h;
        }
    }
    // Positions, parents before children: each node gets its subtree's
    // left and top; each link its points (parent to child).
    let mut left = vec![0.0f32; n];
    let mut top = vec![MARGIN; n];
    let mut pos = vec![(0.0f32, 0.0f32); n];
    let mut links: Vec<Vec<(f32, f32)>> = vec![Vec::new(); n];
    let mut x = MARGIN;
    for &r in &roots {
        left[r] = x;
        x += width[r] + H_GAP * 2.0;
    }
    for &p in &order {
        let y = top[p];
        if stacked[p] {
            let (px, py) = (left[p], y);
            pos[p] = (px, py);
            let trunk = px + INDENT / 2.0;
            let bus = py + NODE_H + STACK_GAP / 2.0;
            for (k, &c) in kids[p].iter().enumerate() {
                let (col, row) = (k / WRAP, k % WRAP);
                let cx = px + INDENT + col as f32 * (NODE_W + H_GAP);
                let cy = py + (NODE_H + STACK_GAP) * (row + 1) as f32;
                left[c] = cx;
                top[c] = cy;
                let mid = cy + NODE_H / 2.0;
                links[c] = if col == 0 {
                    vec![(trunk, py + NODE_H), (trunk, mid), (cx, mid)]
                } else {
                    // Over the columns before, then down the gap.
                    let gx = cx - H_GAP / 2.0;
                    vec![
                        (trunk, py + NODE_H),
                        (trunk, bus),
                        (gx, bus),
                        (gx, mid),
                        (cx, mid),
                    ]
                };
            }
        } else {
            pos[p] = (left[p] + (width[p] - NODE_W) / 2.0, y);
            let (px, py) = pos[p];
            let stem = (px + NODE_W / 2.0, py + NODE_H);
            let first_bus = py + NODE_H + V_GAP / 2.0;
            // Later rows are reached down the gap left of this subtree.
            let trunk = left[p] - H_GAP / 2.0;
            let mut row_y = py + NODE_H + V_GAP;
            for (r, row) in kids[p].chunks(WRAP).enumerate() {
                let total: f32 =
                    row.iter().map(|&c| width[c]).sum::<f32>() + H_GAP * (row.len() - 1) as f32;
                let mut cx = left[p] + (width[p] - total).max(0.0) / 2.0;
                let bus = row_y - V_GAP / 2.0;
                for &c in row {
                    left[c] = cx;
                    top[c] = row_y;
                    // The child's box: at its subtree's left when its
                    // reports are stacked, else centred over them.
                    let mid_x = if stacked[c] {
                        cx + NODE_W / 2.0
                    } else {
                        cx + width[c] / 2.0
                    };
                    links[c] = if r == 0 {
                        vec![stem, (stem.0, bus), (mid_x, bus), (mid_x, row_y)]
                    } else {
                        vec![
                            stem,
                            (stem.0, first_bus),
                            (trunk, first_bus),
                            (trunk, bus),
                            (mid_x, bus),
                            (mid_x, row_y),
                        ]
                    };
                    cx += width[c] + H_GAP;
                }
                row_y += row.iter().map(|&c| height[c]).fold(0.0, f32::max) + V_GAP;
            }
        }
    }
    let mut bottom: f32 = 0.0;
    for &p in &order {
        bottom = bottom.max(pos[p].1 + NODE_H);
    }
    TreeLayout {
        pos,
        parent,
        stacked,
        links,
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
    for points in &layout.links {
        if points.is_empty() {
            continue;
        }
        let points = points.clone();
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
    fn wide_spans_wrap_into_columns_and_rows_past_eight() {
        // A root with 20 managers, each with 20 reports.
        let mut org = crate::model::Org::default();
        org.people
            .push(crate::model::Person::new("root", "Root", "Director"));
        for m in 0..20 {
            let mut em = crate::model::Person::new(format!("m{m}"), "M", "EM");
            em.manager = Some(crate::model::PersonId::new("root"));
            org.people.push(em);
            for e in 0..20 {
                let mut p = crate::model::Person::new(format!("e{m}-{e}"), "E", "Engineer");
                p.manager = Some(crate::model::PersonId::new(format!("m{m}")));
                org.people.push(p);
            }
        }
        let l = tree_layout(&org);
        // 20 reports stack in 3 columns of at most 8.
        let m0 = 1;
        let reports: Vec<usize> = (0..l.parent.len())
            .filter(|&c| l.parent[c] == Some(m0))
            .collect();
        assert_eq!(reports.len(), 20);
        let mut xs: Vec<i64> = reports.iter().map(|&c| l.pos[c].0 as i64).collect();
        xs.sort();
        xs.dedup();
        assert_eq!(xs.len(), 3, "{xs:?}");
        // The 20 managers sit in 3 rows of at most 8.
        let mut ys: Vec<i64> = (1..org.people.len())
            .filter(|&c| l.parent[c] == Some(0))
            .map(|c| l.pos[c].1 as i64)
            .collect();
        ys.sort();
        ys.dedup();
        assert_eq!(ys.len(), 3, "{ys:?}");
        // About square rather than a ribbon, and nothing overlaps.
        assert!(l.width / l.height < 4.0, "{} × {}", l.width, l.height);
        for a in 0..l.pos.len() {
            for b in a + 1..l.pos.len() {
                assert!(!overlaps(l.pos[a], l.pos[b]), "{a} and {b}");
            }
        }
        // Every link starts under its manager's box and ends at the person.
        for (c, p) in l.parent.iter().enumerate() {
            let Some(p) = *p else { continue };
            let (first, last) = (l.links[c][0], *l.links[c].last().unwrap());
            let (px, py) = l.pos[p];
            assert!(
                first.0 >= px && first.0 <= px + NODE_W && (first.1 - (py + NODE_H)).abs() < 0.5
            );
            let (cx, cy) = l.pos[c];
            assert!(
                (last.0 - cx).abs() < 0.5
                    || ((last.0 - (cx + NODE_W / 2.0)).abs() < 0.5 && (last.1 - cy).abs() < 0.5),
                "{c}: {last:?} vs {:?}",
                l.pos[c]
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
