//! The org canvas: team and initiative cards in an `egui::Scene`, with drag
//! and drop, card moving, lines to teams and dependency arrows.

use super::Document;
use super::theme::Tokens;
use super::{Action, Modal, OrgApp, Selection};
use crate::edit::{CardId, Edit};
use crate::layout::{CARD_W, HEADER_H, PAD, ROW_H};
use crate::model::{InitiativeId, PersonId, RoleId, TeamId};
use crate::model::{Point, Subject};
use egui::emath::TSTransform;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2, pos2, vec2};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What is being dragged.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    /// A role chip from the palette.
    Role(RoleId),
    /// A person from the roster (`from: None`) or from a card.
    Person {
        person: PersonId,
        from: Option<CardId>,
    },
}

/// Where a drag can land.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Team(TeamId),
    Initiative(InitiativeId),
    Seat(TeamId, usize),
    Person(PersonId, CardId),
}

/// Below this zoom, cards are drawn simplified (no chips).
const SIMPLE_BELOW: f32 = 0.38;
/// Below this zoom, cards are a few pixels: one cached mesh, no widgets.
const OVERVIEW_BELOW: f32 = 0.12;

pub struct CanvasState {
    /// The part of the canvas in view (scene coordinates).
    pub scene_rect: Rect,
    /// Scene → screen, as of the last frame.
    pub to_global: TSTransform,
    /// The canvas area on screen, as of the last frame.
    pub view_rect: Rect,
    fit_pending: bool,
    /// The view was fitted and not touched since: refit when the canvas
    /// area changes size (window resize, panels settling on the first frames).
    fit_sticky: bool,
    zoom_by: Option<f32>,
    zoom_to: Option<f32>,
    pan_to: Option<Pos2>,
    /// A card being moved by its header, and how far.
    moving: Option<(CardId, Vec2)>,
    /// The zoomed-out overview, one mesh for every card, cached per analysis.
    overview: Option<(u64, bool, Arc<egui::Mesh>)>,
    /// The outcome of a PNG export running in the background.
    pub export_result: Arc<Mutex<Option<Result<PathBuf, String>>>>,
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            scene_rect: Rect::NOTHING,
            to_global: TSTransform::IDENTITY,
            view_rect: Rect::NOTHING,
            fit_pending: true,
            fit_sticky: false,
            zoom_by: None,
            zoom_to: None,
            pan_to: None,
            moving: None,
            overview: None,
            export_result: Arc::new(Mutex::new(None)),
        }
    }
}

fn to_egui(r: crate::layout::Rect) -> Rect {
    Rect::from_min_size(pos2(r.x, r.y), vec2(r.w, r.h))
}

impl CanvasState {
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    pub fn zoom_by(&mut self, f: f32) {
        self.zoom_by = Some(f);
    }

    pub fn zoom_to(&mut self, z: f32) {
        self.zoom_to = Some(z);
    }

    pub fn zoom(&self) -> f32 {
        self.to_global.scaling
    }

    pub fn pan_to(&mut self, doc: &Document, card: &CardId) {
        if let Some(c) = doc.layout().cards.iter().find(|c| &c.card == card) {
            self.pan_to = Some(to_egui(c.rect).center());
        }
    }

    /// A free spot for a new card near the middle of the view.
    pub fn free_spot(&self, doc: &Document) -> Point {
        let center = if self.scene_rect.is_finite() && self.scene_rect.is_positive() {
            self.scene_rect.center()
        } else {
            pos2(200.0, 200.0)
        };
        let mut r = Rect::from_min_size(center - vec2(CARD_W / 2.0, 60.0), vec2(CARD_W, 140.0));
        let cards: Vec<Rect> = doc.layout().cards.iter().map(|c| to_egui(c.rect)).collect();
        for _ in 0..200 {
            if !cards.iter().any(|c| c.expand(16.0).intersects(r)) {
                break;
            }
            r = r.translate(vec2(40.0, 40.0));
        }
        Point {
            x: r.min.x,
            y: r.min.y,
        }
    }

    /// Applies requested view changes, given the canvas area on screen.
    fn apply_view_requests(&mut self, outer: Rect, doc: &Document) {
        let resized = self.view_rect.size() != outer.size();
        self.view_rect = outer;
        if self.fit_pending
            || (self.fit_sticky && resized)
            || !self.scene_rect.is_finite()
            || !self.scene_rect.is_positive()
        {
            self.fit_pending = false;
            self.fit_sticky = true;
            let bounds = crate::layout::Rect::union(doc.layout().cards.iter().map(|c| c.rect));
            self.scene_rect = match bounds {
                Some(b) => to_egui(b).expand(48.0),
                None => Rect::from_min_size(Pos2::ZERO, outer.size()),
            };
        }
        if self.zoom_by.is_some() || self.zoom_to.is_some() || self.pan_to.is_some() {
            self.fit_sticky = false;
        }
        if let Some(f) = self.zoom_by.take() {
            self.scene_rect =
                Rect::from_center_size(self.scene_rect.center(), self.scene_rect.size() / f);
        }
        if let Some(z) = self.zoom_to.take() {
            self.scene_rect = Rect::from_center_size(self.scene_rect.center(), outer.size() / z);
        }
        if let Some(c) = self.pan_to.take() {
            self.scene_rect = Rect::from_center_size(c, self.scene_rect.size());
        }
    }
}

/// What the scene pass wants done.
#[derive(Default)]
struct Out {
    edits: Vec<Edit>,
    actions: Vec<Action>,
    modal: Option<Modal>,
    targets: Vec<(Rect, Target)>,
    moved: Option<(CardId, Vec2)>,
    move_done: Option<CardId>,
}

struct Draw<'a> {
    doc: &'a Document,
    tokens: Tokens,
    selection: &'a Option<Selection>,
    multi: &'a [CardId],
    simple: bool,
    overview: Option<Arc<egui::Mesh>>,
    dragging: bool,
}

/// Every card as coloured rectangles: header band, body tinted by the worst
/// finding. Built once per analysis.
fn overview_mesh(doc: &Document, tokens: &Tokens) -> egui::Mesh {
    let mut mesh = egui::Mesh::default();
    let derived = doc.derived();
    for c in &doc.layout().cards {
        let r = to_egui(c.rect);
        let (subject, head) = match &c.card {
            CardId::Team(t) => (Subject::Team(t.clone()), tokens.card_header),
            CardId::Initiative(i) => (Subject::Initiative(i.clone()), tokens.initiative_header),
        };
        let body = match derived.badge(&subject).worst() {
            Some(s) if s != crate::catalog::Severity::Info => egui::lerp(
                egui::Rgba::from(tokens.card_bg)..=egui::Rgba::from(tokens.severity(s)),
                0.45,
            )
            .into(),
            _ => tokens.card_bg,
        };
        mesh.add_colored_rect(r, body);
        mesh.add_colored_rect(Rect::from_min_size(r.min, vec2(r.width(), HEADER_H)), head);
    }
    mesh
}

/// The card under a scene point, if any (for clicks in the overview).
fn card_at(doc: &Document, p: Pos2) -> Option<&CardId> {
    doc.layout()
        .cards
        .iter()
        .rev()
        .find(|c| to_egui(c.rect).contains(p))
        .map(|c| &c.card)
}

pub fn show(app: &mut OrgApp, ui: &mut egui::Ui) {
    // Never wider than what is visible, whatever the rows above did.
    let outer = ui.available_rect_before_wrap().intersect(ui.clip_rect());
    app.canvas.apply_view_requests(outer, &app.doc);
    let tokens = app.tokens();
    ui.painter().rect_filled(outer, 0.0, tokens.canvas_bg);

    let payload = egui::DragAndDrop::payload::<Drag>(ui.ctx());
    let scene = egui::Scene::new()
        .zoom_range(0.05..=4.0)
        .scroll_zooms(false)
        .drag_pan_buttons(egui::DragPanButtons::PRIMARY | egui::DragPanButtons::MIDDLE);
    let mut scene_rect = app.canvas.scene_rect;
    let mut out = Out::default();
    let zoom_before = app.canvas.to_global.scaling;
    let moving = app.canvas.moving.clone();
    let mut layer_transform = None;
    let mut scene_layer = None;
    let overview = (zoom_before < OVERVIEW_BELOW).then(|| {
        let version = app.doc.revision();
        match &app.canvas.overview {
            Some((v, dark, mesh)) if *v == version && *dark == tokens.dark => mesh.clone(),
            _ => {
                let mesh = Arc::new(overview_mesh(&app.doc, &tokens));
                app.canvas.overview = Some((version, tokens.dark, mesh.clone()));
                mesh
            }
        }
    });
    let draw = Draw {
        doc: &app.doc,
        tokens,
        selection: &app.selection,
        multi: &app.multi,
        simple: zoom_before < SIMPLE_BELOW,
        overview,
        dragging: payload.is_some(),
    };
    let response = scene
        .show(ui, &mut scene_rect, |ui| {
            layer_transform = ui.ctx().layer_transform_to_global(ui.layer_id());
            scene_layer = Some(ui.layer_id());
            draw_scene(&draw, ui, moving.as_ref(), &mut out);
        })
        .response;
    if response.changed() {
        // The user panned or zoomed: stop following the fit.
        app.canvas.fit_sticky = false;
    }
    app.canvas.scene_rect = scene_rect;
    if let Some(t) = layer_transform {
        app.canvas.to_global = t;
    }
    let to_global = app.canvas.to_global;

    if response.clicked() && payload.is_none() {
        // In the overview cards have no widgets: pick the one clicked.
        let picked = (zoom_before < OVERVIEW_BELOW)
            .then(|| {
                response
                    .interact_pointer_pos()
                    .map(|p| to_global.inverse() * p)
            })
            .flatten()
            .and_then(|p| card_at(&app.doc, p).cloned());
        app.multi.clear();
        app.selection = match picked {
            Some(CardId::Team(t)) => Some(Selection::Team(t)),
            Some(CardId::Initiative(i)) => Some(Selection::Initiative(i)),
            None => None,
        };
    }

    // Card moving.
    if let Some(m) = out.moved.take() {
        app.canvas.moving = Some(m);
    }
    if let Some(card) = out.move_done.take()
        && let Some((c, delta)) = app.canvas.moving.take()
        && c == card
        && delta.length() > 0.5
    {
        let moves: Vec<Edit> = moving_set(&app.multi, &card)
            .into_iter()
            .filter_map(|m| {
                let cr = app.doc.layout().cards.iter().find(|x| &x.card == m)?;
                let to = Point {
                    x: (cr.rect.x + delta.x).round(),
                    y: (cr.rect.y + delta.y).round(),
                };
                Some(Edit::MoveCard {
                    card: m.clone(),
                    to,
                })
            })
            .collect();
        out.edits.push(if moves.len() == 1 {
            moves.into_iter().next().unwrap_or(Edit::Batch(Vec::new()))
        } else {
            Edit::Batch(moves)
        });
    }

    // Drag and drop: highlight where it would land; act on release.
    if let Some(payload) = payload {
        let pointer = ui.ctx().pointer_interact_pos();
        let in_canvas = pointer.is_some_and(|p| outer.contains(p));
        let scene_pointer = pointer.map(|p| to_global.inverse() * p);
        let target = scene_pointer.filter(|_| in_canvas).and_then(|p| {
            out.targets
                .iter()
                .rev()
                .filter(|(r, _)| r.contains(p))
                .find_map(|(r, t)| accepts(&app.doc, &payload, t).then(|| (*r, t.clone())))
        });
        let copy = ui.input(|i| i.modifiers.command);
        let hint = target
            .as_ref()
            .map(|(_, t)| describe(&app.doc, &payload, t, copy));
        if let (Some((r, _)), Some(layer)) = (&target, scene_layer) {
            // On the scene layer, above the cards drawn this frame.
            let p = ui.ctx().layer_painter(layer);
            p.rect_filled(r.expand(3.0), 8.0, tokens.drop_target.gamma_multiply(0.18));
            p.rect_stroke(
                r.expand(3.0),
                8.0,
                Stroke::new(2.5, tokens.drop_target),
                StrokeKind::Outside,
            );
        }
        ghost(ui.ctx(), &app.doc, &payload, hint.as_deref(), tokens);
        if ui.input(|i| i.pointer.any_released()) {
            egui::DragAndDrop::clear_payload(ui.ctx());
            if let Some((_, t)) = target {
                drop(app, &payload, t, copy, &mut out);
            }
        }
    }

    // Zoom indicator and export.
    let zoom = app.canvas.to_global.scaling;
    let overlay = ui
        .ctx()
        .layer_painter(egui::LayerId::new(
            egui::Order::Middle,
            egui::Id::unique("canvas-overlay"),
        ))
        .with_clip_rect(outer);
    {
        overlay.text(
            outer.right_bottom() - vec2(10.0, 8.0),
            Align2::RIGHT_BOTTOM,
            format!("{:.0}%", zoom * 100.0),
            FontId::proportional(12.0),
            tokens.weak_text,
        );
    }
    if app.doc.org().teams.is_empty() && app.doc.org().initiatives.is_empty() {
        overlay.text(
            outer.center(),
            Align2::CENTER_CENTER,
            "An empty org. Add a team or an initiative from the left panel.",
            FontId::proportional(15.0),
            tokens.weak_text,
        );
    }
    export_status(app, ui.ctx());

    app.edits.extend(out.edits);
    app.actions.extend(out.actions);
    if out.modal.is_some() {
        app.modal = out.modal;
    }
}

fn export_status(app: &mut OrgApp, ctx: &egui::Context) {
    let done = app
        .canvas
        .export_result
        .lock()
        .ok()
        .and_then(|mut s| s.take());
    match done {
        Some(Ok(p)) => app.notify(ctx, format!("Exported {}", p.display()), false),
        Some(Err(e)) => {
            app.modal = Some(Modal::Error {
                title: "Could not export the canvas".into(),
                message: e,
            })
        }
        None => {}
    }
}

/// Draws the team canvas as a PNG (the same drawing as `orgplan chart
/// --view teams`) on a background thread, then writes it atomically.
pub fn export_png(app: &mut OrgApp, ctx: &egui::Context, path: PathBuf) {
    let org = app.doc.org().clone();
    let slot = app.canvas.export_result.clone();
    let ctx = ctx.clone();
    app.notify(&ctx, format!("Exporting {}…", path.display()), false);
    std::thread::spawn(move || {
        let chart = crate::chart::draw(&org, crate::chart::View::Teams);
        let width = ((chart.width * 2.0) as u32).min(16_384);
        let result = crate::chart::to_png(&chart, width).and_then(|bytes| {
            crate::io::write_atomic(&path, &bytes)
                .map_err(|e| format!("{}: {}", path.display(), crate::io::io_message(&e)))
        });
        if let Ok(mut s) = slot.lock() {
            *s = Some(result.map(|()| path));
        }
        ctx.request_repaint();
    });
}

fn accepts(doc: &Document, d: &Drag, t: &Target) -> bool {
    let org = &doc.org();
    match (d, t) {
        (Drag::Role(_), Target::Team(_) | Target::Seat(..) | Target::Person(..)) => true,
        (Drag::Role(_), Target::Initiative(_)) => false,
        (Drag::Person { person, from }, Target::Team(team)) => {
            from.as_ref() != Some(&CardId::Team(team.clone()))
                && org.team(team).is_some_and(|t| t.member(person).is_none())
        }
        (Drag::Person { person, .. }, Target::Initiative(i)) => org
            .initiative(i)
            .is_some_and(|i| !i.members.iter().any(|m| &m.person == person)),
        (Drag::Person { .. }, Target::Seat(..)) => true,
        (Drag::Person { .. }, Target::Person(..)) => false,
    }
}

fn name_of(doc: &Document, p: &PersonId) -> String {
    doc.org()
        .person(p)
        .map_or_else(|| p.to_string(), |x| x.name.clone())
}

fn team_name(doc: &Document, t: &TeamId) -> String {
    doc.org()
        .team(t)
        .map_or_else(|| t.to_string(), |x| x.name.clone())
}

/// "Move Alice Chen to Growth", shown while hovering a target.
fn describe(doc: &Document, d: &Drag, t: &Target, copy: bool) -> String {
    let cat = &doc.layout().catalog;
    match (d, t) {
        (Drag::Role(r), Target::Team(team)) => format!(
            "Add an open {} seat to {}",
            cat.abbrev(r),
            team_name(doc, team)
        ),
        (Drag::Role(r), Target::Seat(..)) => format!("Make this a {} seat", cat.abbrev(r)),
        (Drag::Role(r), Target::Person(p, _)) => {
            format!("Change {}'s role to {}…", name_of(doc, p), cat.abbrev(r))
        }
        (
            Drag::Person {
                person,
                from: Some(CardId::Team(_)),
            },
            Target::Team(team),
        ) if !copy => {
            format!(
                "Move {} to {} (hold Ctrl to add instead)",
                name_of(doc, person),
                team_name(doc, team)
            )
        }
        (Drag::Person { person, .. }, Target::Team(team)) => {
            let a = doc.derived().default_allocation(person).percent();
            format!(
                "Add {} to {} at {a}%",
                name_of(doc, person),
                team_name(doc, team)
            )
        }
        (Drag::Person { person, .. }, Target::Initiative(i)) => {
            let ini = doc.org().initiative(i);
            let lead = ini.is_some_and(|x| x.lead.is_none())
                && doc.org().person(person).is_some_and(|p| {
                    p.all_roles()
                        .any(|r| r.as_str() == "PgM" || r.as_str() == "TPM")
                });
            format!(
                "Add {} to {}{}",
                name_of(doc, person),
                ini.map_or("the initiative", |x| x.name.as_str()),
                if lead { " as lead" } else { "" }
            )
        }
        (Drag::Person { person, .. }, Target::Seat(team, _)) => format!(
            "{} fills this seat in {}",
            name_of(doc, person),
            team_name(doc, team)
        ),
        _ => String::new(),
    }
}

fn drop(app: &mut OrgApp, d: &Drag, t: Target, copy: bool, out: &mut Out) {
    let doc = &app.doc;
    let edit = match (d, t) {
        (Drag::Role(role), Target::Team(team)) => Some(Edit::AddSeat {
            team,
            role: role.clone(),
        }),
        (Drag::Role(role), Target::Seat(team, index)) => Some(Edit::SetSeatRole {
            team,
            index,
            role: role.clone(),
        }),
        (Drag::Role(role), Target::Person(person, _)) => {
            out.modal = Some(Modal::ConfirmRole {
                person,
                role: role.clone(),
            });
            None
        }
        (
            Drag::Person {
                person,
                from: Some(CardId::Team(from)),
            },
            Target::Team(to),
        ) if !copy => Some(Edit::MoveToTeam {
            person: person.clone(),
            from: from.clone(),
            to,
        }),
        (Drag::Person { person, .. }, Target::Team(team)) => Some(Edit::AddToTeam {
            team,
            person: person.clone(),
            allocation: doc.derived().default_allocation(person),
        }),
        (Drag::Person { person, .. }, Target::Initiative(initiative)) => {
            Some(Edit::AddToInitiative {
                initiative,
                person: person.clone(),
                allocation: doc.derived().default_allocation(person),
            })
        }
        (Drag::Person { person, .. }, Target::Seat(team, index)) => Some(Edit::FillSeat {
            team,
            index,
            person: person.clone(),
        }),
        _ => None,
    };
    if let Some(e) = edit {
        out.edits.push(e);
    }
}

/// The dragged thing under the pointer, with what dropping would do.
fn ghost(ctx: &egui::Context, doc: &Document, d: &Drag, hint: Option<&str>, tokens: Tokens) {
    let Some(p) = ctx.pointer_interact_pos() else {
        return;
    };
    let cat = &doc.layout().catalog;
    let (label, role) = match d {
        Drag::Role(r) => (format!("{} seat", cat.abbrev(r)), r.as_str().to_string()),
        Drag::Person { person, .. } => {
            let role = doc
                .org()
                .person(person)
                .map_or(String::new(), |x| x.role.to_string());
            (name_of(doc, person), role)
        }
    };
    egui::Area::new(egui::Id::unique("orgplan-drag-ghost"))
        .order(egui::Order::Tooltip)
        .fixed_pos(p + vec2(14.0, 10.0))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                    ui.painter()
                        .circle_filled(r.center(), 5.0, tokens.role(&role));
                    ui.strong(label);
                });
                match hint {
                    Some(h) => {
                        ui.label(egui::RichText::new(h).color(tokens.drop_target));
                    }
                    None => {
                        ui.weak("Drop on a team, initiative or open seat");
                    }
                }
            });
        });
}

/// The cards that move when `card` is dragged: the group if it is in it.
fn moving_set<'a>(multi: &'a [CardId], card: &'a CardId) -> Vec<&'a CardId> {
    if multi.contains(card) {
        multi.iter().collect()
    } else {
        vec![card]
    }
}

fn draw_scene(d: &Draw, ui: &mut egui::Ui, moving: Option<&(CardId, Vec2)>, out: &mut Out) {
    let layout = d.doc.layout();
    let cards = &layout.cards;
    let org = &d.doc.org();
    let moved: Vec<&CardId> = moving
        .map(|(m, _)| moving_set(d.multi, m))
        .unwrap_or_default();
    let offset = moving.map_or(Vec2::ZERO, |(_, v)| *v);
    let rect_of = |k: usize| {
        let r = to_egui(cards[k].rect);
        if !moved.is_empty() && moved.contains(&&cards[k].card) {
            r.translate(offset)
        } else {
            r
        }
    };
    let painter = ui.painter().clone();
    if let Some(mesh) = &d.overview {
        painter.add(egui::Shape::Mesh(mesh.clone()));
        for (k, c) in cards.iter().enumerate() {
            if moved.contains(&&c.card) {
                painter.rect_stroke(
                    rect_of(k),
                    10.0,
                    Stroke::new(12.0, d.tokens.selection),
                    StrokeKind::Outside,
                );
            }
            // Drop targets only while something is dragged.
            if d.dragging {
                let t = match &c.card {
                    CardId::Team(t) => Target::Team(t.clone()),
                    CardId::Initiative(i) => Target::Initiative(i.clone()),
                };
                out.targets.push((rect_of(k), t));
            }
        }
        return;
    }
    let visible = ui.clip_rect().expand(40.0);
    // Lines first, beneath the cards.
    for (k, c) in cards.iter().enumerate() {
        let r = rect_of(k);
        let (ids, link): (&[crate::model::TeamId], bool) = match &c.card {
            CardId::Initiative(_) => (&org.initiatives[c.index].teams, true),
            CardId::Team(_) => (&org.teams[c.index].depends_on, false),
        };
        let ends = ids
            .iter()
            .filter_map(|t| layout.team_card.get(t.as_str()).copied());
        for e in ends {
            let tr = rect_of(e);
            if !Rect::from_two_pos(r.center(), tr.center())
                .expand(2.0)
                .intersects(visible)
            {
                continue;
            }
            if link {
                dashed(
                    &painter,
                    r.center(),
                    tr.center(),
                    Stroke::new(1.6, d.tokens.link.gamma_multiply(0.8)),
                );
            } else {
                arrow(&painter, r, tr, Stroke::new(1.8, d.tokens.dependency));
            }
        }
    }
    for (k, c) in cards.iter().enumerate() {
        let r = rect_of(k);
        if !r.intersects(visible) {
            continue;
        }
        match &c.card {
            CardId::Team(_) => team_card(d, ui, c.index, r, out),
            CardId::Initiative(_) => initiative_card(d, ui, c.index, r, out),
        }
    }
}

fn dashed(p: &egui::Painter, a: Pos2, b: Pos2, stroke: Stroke) {
    p.extend(egui::Shape::dashed_line(&[a, b], stroke, 8.0, 6.0));
}

/// Where the segment from `r`'s centre towards `from` leaves `r`.
fn border_point(r: Rect, from: Pos2) -> Pos2 {
    let lr = crate::layout::Rect {
        x: r.min.x,
        y: r.min.y,
        w: r.width(),
        h: r.height(),
    };
    let (x, y) = lr.border_point((from.x, from.y));
    pos2(x, y)
}

fn arrow(p: &egui::Painter, from: Rect, to: Rect, stroke: Stroke) {
    let a = border_point(from, to.center());
    let b = border_point(to, from.center());
    p.line_segment([a, b], stroke);
    let dir = (b - a).normalized();
    let n = vec2(-dir.y, dir.x);
    let tip = b;
    p.add(egui::Shape::convex_polygon(
        vec![tip, tip - dir * 11.0 + n * 5.5, tip - dir * 11.0 - n * 5.5],
        stroke.color,
        Stroke::NONE,
    ));
}

/// Paints `text` in one line, cut with "…" to `max_w`.
fn text_in(
    p: &egui::Painter,
    pos: Pos2,
    align: Align2,
    text: &str,
    font: FontId,
    color: Color32,
    max_w: f32,
) -> Rect {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_string(), font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(max_w.max(8.0));
    let galley = p.layout_job(job);
    let rect = align.anchor_size(pos, galley.size());
    p.galley(rect.min, galley, color);
    rect
}

fn badges(d: &Draw, p: &egui::Painter, right_top: Pos2, subject: &Subject) -> f32 {
    let b = d.doc.derived().badge(subject);
    let mut x = right_top.x;
    for (n, sev) in [
        (b.info, crate::catalog::Severity::Info),
        (b.warning, crate::catalog::Severity::Warning),
        (b.error, crate::catalog::Severity::Error),
    ] {
        if n == 0 || (sev == crate::catalog::Severity::Info && d.simple) {
            continue;
        }
        let text = n.to_string();
        let w = 14.0 + 7.0 * text.len() as f32;
        let r = Rect::from_min_size(pos2(x - w, right_top.y), vec2(w, 18.0));
        p.rect_filled(r, 9.0, d.tokens.severity(sev));
        p.text(
            r.center(),
            Align2::CENTER_CENTER,
            text,
            FontId::proportional(11.5),
            Color32::WHITE,
        );
        x -= w + 4.0;
    }
    right_top.x - x
}

/// A card's name and its finding badges, in the header.
fn card_title(d: &Draw, p: &egui::Painter, r: Rect, subject: &Subject, name: &str) {
    let bw = badges(d, p, r.right_top() + vec2(-8.0, 8.0), subject);
    let font = FontId::proportional(if d.simple { 22.0 } else { 15.0 });
    text_in(
        p,
        r.min + vec2(12.0, 7.0),
        Align2::LEFT_TOP,
        name,
        font,
        d.tokens.text,
        r.width() - 24.0 - bw,
    );
}

fn card_frame(
    d: &Draw,
    p: &egui::Painter,
    r: Rect,
    subject: &Subject,
    selected: bool,
    header: Color32,
) {
    let worst = d.doc.derived().badge(subject).worst();
    let stroke = if selected {
        Stroke::new(3.0, d.tokens.selection)
    } else {
        match worst {
            Some(s) if s != crate::catalog::Severity::Info => {
                Stroke::new(2.0, d.tokens.severity(s))
            }
            _ => Stroke::new(1.0, d.tokens.card_stroke),
        }
    };
    p.rect_filled(
        r.translate(vec2(0.0, 3.0)),
        10.0,
        Color32::from_black_alpha(if d.tokens.dark { 60 } else { 18 }),
    );
    p.rect_filled(r, 10.0, d.tokens.card_bg);
    let head = Rect::from_min_size(r.min, vec2(r.width(), HEADER_H));
    p.rect_filled(
        head,
        egui::CornerRadius {
            nw: 10,
            ne: 10,
            sw: 0,
            se: 0,
        },
        header,
    );
    p.rect_stroke(r, 10.0, stroke, StrokeKind::Inside);
}

/// Handles the header: select on click, move on drag.
fn header_interaction(
    ui: &mut egui::Ui,
    card: &CardId,
    head: Rect,
    label: String,
    out: &mut Out,
) -> egui::Response {
    let id = ui.scope_id().with(("card-header", card));
    let resp = ui
        .interact(head, id, Sense::click_and_drag())
        .on_hover_cursor(egui::CursorIcon::Grab);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if resp.dragged() {
        let delta = resp.total_drag_delta().unwrap_or_default();
        out.moved = Some((card.clone(), delta));
    }
    if resp.drag_stopped() {
        out.move_done = Some(card.clone());
    }
    resp
}

/// One member row on a card.
struct Chip<'a> {
    person: &'a PersonId,
    allocation: u32,
    card: &'a CardId,
    lead: bool,
}

fn member_chip(d: &Draw, ui: &mut egui::Ui, rect: Rect, chip: Chip, out: &mut Out) {
    let Chip {
        person,
        allocation,
        card,
        lead,
    } = chip;
    let org = &d.doc.org();
    let Some(p) = org.person(person) else { return };
    let cat = &d.doc.layout().catalog;
    let painter = ui.painter();
    let selected = matches!(d.selection, Some(Selection::Person(s, _)) if s == person);
    let id = ui.scope_id().with(("chip", card, person));
    let label = format!(
        "{} ({}) in {}",
        p.name,
        cat.abbrev(&p.role),
        card_name(d.doc, card)
    );
    let resp = ui.interact(rect, id, Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if resp.dragged() {
        resp.dnd_set_drag_payload(Drag::Person {
            person: person.clone(),
            from: Some(card.clone()),
        });
    }
    let fill = if selected {
        d.tokens.selection.gamma_multiply(0.25)
    } else if resp.hovered() {
        d.tokens.chip_bg.gamma_multiply(1.3)
    } else {
        d.tokens.chip_bg
    };
    painter.rect_filled(rect, 6.0, fill);
    if selected {
        painter.rect_stroke(
            rect,
            6.0,
            Stroke::new(1.5, d.tokens.selection),
            StrokeKind::Inside,
        );
    }
    let role = cat.abbrev(&p.role).to_string();
    let badge_w = 10.0 + 6.6 * role.chars().count() as f32;
    let badge = Rect::from_min_size(
        rect.min + vec2(3.0, 3.0),
        vec2(badge_w, rect.height() - 6.0),
    );
    painter.rect_filled(badge, 5.0, d.tokens.role(p.role.as_str()));
    painter.text(
        badge.center(),
        Align2::CENTER_CENTER,
        &role,
        FontId::proportional(11.0),
        super::theme::ink_on(d.tokens.role(p.role.as_str())),
    );
    let total = d
        .doc
        .derived()
        .allocation
        .get(person.as_str())
        .copied()
        .unwrap_or(0);
    let mut right = rect.right() - 6.0;
    if allocation != 100 || total > 100 {
        let color = if total > 100 {
            d.tokens.severity(crate::catalog::Severity::Error)
        } else {
            d.tokens.weak_text
        };
        let text = if total > 100 {
            format!("{allocation}% · Σ{total}%")
        } else {
            format!("{allocation}%")
        };
        let r = text_in(
            painter,
            pos2(right, rect.center().y),
            Align2::RIGHT_CENTER,
            &text,
            FontId::proportional(11.5),
            color,
            90.0,
        );
        right = r.left() - 6.0;
    }
    let name = if lead {
        format!("{} · lead", p.name)
    } else {
        p.name.clone()
    };
    text_in(
        painter,
        pos2(badge.right() + 6.0, rect.center().y),
        Align2::LEFT_CENTER,
        &name,
        FontId::proportional(13.0),
        d.tokens.text,
        right - badge.right() - 8.0,
    );
    if resp.clicked() {
        out.actions.push(Action::Select(Some(Selection::Person(
            person.clone(),
            Some(card.clone()),
        ))));
    }
    // Built only while hovered: this runs for every visible chip each frame.
    resp.on_hover_ui(|ui| {
        ui.label(format!(
            "{} — {}{}\nAllocated {total}% in all. Drag to move; right-click for more.",
            p.name,
            cat.get(&p.role)
                .map_or(p.role.as_str(), |r| r.name.as_str()),
            if p.hats.is_empty() {
                String::new()
            } else {
                format!(
                    " (hats: {})",
                    p.hats
                        .iter()
                        .map(|h| cat.abbrev(h))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
    })
    .context_menu(|ui| person_menu(d, ui, person, Some(card), out));
    out.targets
        .push((rect, Target::Person(person.clone(), card.clone())));
}

fn card_name(doc: &Document, card: &CardId) -> String {
    match card {
        CardId::Team(t) => team_name(doc, t),
        CardId::Initiative(i) => doc
            .org()
            .initiative(i)
            .map_or_else(|| i.to_string(), |x| x.name.clone()),
    }
}

/// A scrolling list of choices inside a menu; returns the one clicked and
/// closes the menu.
fn choose<T>(ui: &mut egui::Ui, items: impl IntoIterator<Item = (String, T)>) -> Option<T> {
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for (label, item) in items {
                if ui.button(label).clicked() {
                    chosen = Some(item);
                    ui.close();
                }
            }
        });
    chosen
}

/// The context menu of a person: every drag, as menu items.
pub(super) fn person_menu_items(
    doc: &Document,
    ui: &mut egui::Ui,
    person: &PersonId,
    card: Option<&CardId>,
    edits: &mut Vec<Edit>,
) {
    let org = &doc.org();
    let from_team = match card {
        Some(CardId::Team(t)) => Some(t.clone()),
        _ => None,
    };
    let alloc = doc.derived().default_allocation(person);
    if let Some(from) = &from_team {
        ui.menu_button("Move to team", |ui| {
            let teams = org
                .teams
                .iter()
                .filter(|t| &t.id != from && t.member(person).is_none());
            if let Some(to) = choose(ui, teams.map(|t| (t.name.clone(), t.id.clone()))) {
                edits.push(Edit::MoveToTeam {
                    person: person.clone(),
                    from: from.clone(),
                    to,
                });
            }
        });
    }
    let add_label = if from_team.is_some() {
        "Also add to team"
    } else {
        "Add to team"
    };
    ui.menu_button(add_label, |ui| {
        let teams = org.teams.iter().filter(|t| t.member(person).is_none());
        if let Some(team) = choose(ui, teams.map(|t| (t.name.clone(), t.id.clone()))) {
            edits.push(Edit::AddToTeam {
                team,
                person: person.clone(),
                allocation: alloc,
            });
        }
    });
    ui.menu_button("Add to initiative", |ui| {
        let inis = org
            .initiatives
            .iter()
            .filter(|i| !i.members.iter().any(|m| &m.person == person));
        if let Some(initiative) = choose(ui, inis.map(|i| (i.name.clone(), i.id.clone()))) {
            edits.push(Edit::AddToInitiative {
                initiative,
                person: person.clone(),
                allocation: alloc,
            });
        }
    });
    ui.menu_button("Fill open seat", |ui| {
        let seats = org.teams.iter().flat_map(|t| {
            t.open_seats
                .iter()
                .enumerate()
                .map(move |(k, s)| (format!("{} — {} seat", t.name, s.role), (t.id.clone(), k)))
        });
        if let Some((team, index)) = choose(ui, seats) {
            edits.push(Edit::FillSeat {
                team,
                index,
                person: person.clone(),
            });
        }
    });
    ui.menu_button("Change role", |ui| {
        let cat = &doc.layout().catalog;
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
                    if let Some(a) = crate::model::Allocation::new(pct) {
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

fn person_menu(
    d: &Draw,
    ui: &mut egui::Ui,
    person: &PersonId,
    card: Option<&CardId>,
    out: &mut Out,
) {
    person_menu_items(d.doc, ui, person, card, &mut out.edits);
}

/// A scrolling menu of people (unassigned first) not excluded; calls `pick`
/// with the chosen one and closes the menu.
fn people_menu(
    d: &Draw,
    ui: &mut egui::Ui,
    exclude: impl Fn(&crate::model::Person) -> bool,
    mut pick: impl FnMut(&PersonId),
) {
    let unassigned = &d.doc.derived().unassigned;
    let cat = &d.doc.layout().catalog;
    let mut people: Vec<_> = d.doc.org().people.iter().filter(|x| !exclude(x)).collect();
    people.sort_by_key(|x| !unassigned.contains(x.id.as_str()));
    let items = people
        .into_iter()
        .map(|x| (format!("{} ({})", x.name, cat.abbrev(&x.role)), &x.id));
    if let Some(p) = choose(ui, items) {
        pick(p);
    }
}

fn team_card(d: &Draw, ui: &mut egui::Ui, index: usize, r: Rect, out: &mut Out) {
    let org = &d.doc.org();
    let team = &org.teams[index];
    let card = CardId::Team(team.id.clone());
    let subject = Subject::Team(team.id.clone());
    let selected =
        matches!(d.selection, Some(Selection::Team(t)) if t == &team.id) || d.multi.contains(&card);
    let p = ui.painter().clone();
    card_frame(d, &p, r, &subject, selected, d.tokens.card_header);
    let head = Rect::from_min_size(r.min, vec2(r.width(), HEADER_H));
    // Body first, so chips and the header take clicks over it.
    let body_resp = ui.interact(r, ui.scope_id().with(("card-body", &card)), Sense::click());
    out.targets.push((r, Target::Team(team.id.clone())));
    let hdr = header_interaction(ui, &card, head, format!("{} team card", team.name), out);
    card_title(d, &p, r, &subject, &team.name);
    if !d.simple {
        let sub = format!(
            "{} · {} members{}",
            team.kind.name(),
            team.members.len(),
            if team.open_seats.is_empty() {
                String::new()
            } else {
                format!(" · {} open", team.open_seats.len())
            }
        );
        text_in(
            &p,
            r.min + vec2(12.0, 27.0),
            Align2::LEFT_TOP,
            &sub,
            FontId::proportional(11.5),
            d.tokens.weak_text,
            r.width() - 24.0,
        );
        let mut y = r.top() + HEADER_H + PAD;
        for m in &team.members {
            let chip = Rect::from_min_size(
                pos2(r.left() + PAD, y),
                vec2(r.width() - 2.0 * PAD, ROW_H - 3.0),
            );
            member_chip(
                d,
                ui,
                chip,
                Chip {
                    person: &m.person,
                    allocation: m.allocation.percent(),
                    card: &card,
                    lead: false,
                },
                out,
            );
            y += ROW_H;
        }
        let cat = &d.doc.layout().catalog;
        for (k, seat) in team.open_seats.iter().enumerate() {
            let chip = Rect::from_min_size(
                pos2(r.left() + PAD, y),
                vec2(r.width() - 2.0 * PAD, ROW_H - 3.0),
            );
            let role_color = d.tokens.role(seat.role.as_str());
            p.extend(egui::Shape::dashed_line(
                &[
                    chip.left_top(),
                    chip.right_top(),
                    chip.right_bottom(),
                    chip.left_bottom(),
                    chip.left_top(),
                ],
                Stroke::new(1.3, role_color),
                5.0,
                4.0,
            ));
            let text = if seat.note.is_empty() {
                format!("+ Open {} seat", cat.abbrev(&seat.role))
            } else {
                format!("+ Open {} seat — {}", cat.abbrev(&seat.role), seat.note)
            };
            text_in(
                &p,
                pos2(chip.left() + 8.0, chip.center().y),
                Align2::LEFT_CENTER,
                &text,
                FontId::proportional(12.5),
                role_color,
                chip.width() - 14.0,
            );
            let id = ui.scope_id().with(("seat", &team.id, k));
            let resp = ui.interact(chip, id, Sense::click());
            let label = format!("Open {} seat in {}", cat.abbrev(&seat.role), team.name);
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            resp.on_hover_text("An open seat covers nothing yet. Drop a person to fill it, or a role to change it.")
                .context_menu(|ui| {
                    ui.menu_button("Fill with", |ui| {
                        people_menu(d, ui, |x| team.member(&x.id).is_some(), |p| {
                            out.edits.push(Edit::FillSeat { team: team.id.clone(), index: k, person: p.clone() });
                        });
                    });
                    ui.menu_button("Change role", |ui| {
                        for role in cat.roles() {
                            if ui.button(format!("{} — {}", role.abbrev, role.name)).clicked() {
                                out.edits.push(Edit::SetSeatRole { team: team.id.clone(), index: k, role: role.id.clone() });
                                ui.close();
                            }
                        }
                    });
                    if ui.button("Remove seat").clicked() {
                        out.edits.push(Edit::RemoveSeat { team: team.id.clone(), index: k });
                        ui.close();
                    }
                });
            out.targets.push((chip, Target::Seat(team.id.clone(), k)));
            y += ROW_H;
        }
        if team.members.is_empty() && team.open_seats.is_empty() {
            p.text(
                pos2(r.center().x, r.top() + HEADER_H + PAD + ROW_H / 2.0),
                Align2::CENTER_CENTER,
                "Drop people or roles here",
                FontId::proportional(12.0),
                d.tokens.weak_text,
            );
        }
    } else {
        let summary = format!(
            "{} people{}",
            team.members.len(),
            if team.open_seats.is_empty() {
                String::new()
            } else {
                format!(" · {} open", team.open_seats.len())
            }
        );
        p.text(
            pos2(r.left() + 12.0, r.top() + HEADER_H + 18.0),
            Align2::LEFT_CENTER,
            summary,
            FontId::proportional(20.0),
            d.tokens.weak_text,
        );
        // The team's make-up at a glance: one colour block per member.
        let bar = Rect::from_min_size(
            pos2(r.left() + 12.0, r.top() + HEADER_H + 40.0),
            vec2(r.width() - 24.0, 16.0),
        );
        let n = team.members.len().max(1) as f32;
        for (k, m) in team.members.iter().enumerate() {
            let role = org.person(&m.person).map_or("", |x| x.role.as_str());
            let w = bar.width() / n;
            let cell = Rect::from_min_size(
                pos2(bar.left() + k as f32 * w, bar.top()),
                vec2((w - 2.0).max(1.0), bar.height()),
            );
            p.rect_filled(cell, 2.0, d.tokens.role(role));
        }
    }
    if hdr.clicked() || body_resp.clicked() {
        out.actions
            .push(Action::Select(Some(Selection::Team(team.id.clone()))));
    }
    let menu = |ui: &mut egui::Ui| {
        let cat = &d.doc.layout().catalog;
        ui.menu_button("Add open seat", |ui| {
            for role in cat.roles() {
                if ui
                    .button(format!("{} — {}", role.abbrev, role.name))
                    .clicked()
                {
                    out.edits.push(Edit::AddSeat {
                        team: team.id.clone(),
                        role: role.id.clone(),
                    });
                    ui.close();
                }
            }
        });
        ui.menu_button("Add person", |ui| {
            people_menu(
                d,
                ui,
                |x| team.member(&x.id).is_some(),
                |p| {
                    out.edits.push(Edit::AddToTeam {
                        team: team.id.clone(),
                        person: p.clone(),
                        allocation: d.doc.derived().default_allocation(p),
                    });
                },
            );
        });
        ui.separator();
        if ui.button("Delete team").clicked() {
            out.edits.push(Edit::DeleteTeam(team.id.clone()));
            ui.close();
        }
    };
    hdr.context_menu(menu);
}

fn initiative_card(d: &Draw, ui: &mut egui::Ui, index: usize, r: Rect, out: &mut Out) {
    let org = &d.doc.org();
    let ini = &org.initiatives[index];
    let card = CardId::Initiative(ini.id.clone());
    let subject = Subject::Initiative(ini.id.clone());
    let selected = matches!(d.selection, Some(Selection::Initiative(i)) if i == &ini.id)
        || d.multi.contains(&card);
    let p = ui.painter().clone();
    card_frame(d, &p, r, &subject, selected, d.tokens.initiative_header);
    let head = Rect::from_min_size(r.min, vec2(r.width(), HEADER_H));
    let body_resp = ui.interact(r, ui.scope_id().with(("card-body", &card)), Sense::click());
    out.targets.push((r, Target::Initiative(ini.id.clone())));
    let hdr = header_interaction(
        ui,
        &card,
        head,
        format!("{} initiative card", ini.name),
        out,
    );
    card_title(d, &p, r, &subject, &ini.name);
    if !d.simple {
        let sub = format!("{} initiative · {} teams", ini.kind.name(), ini.teams.len());
        text_in(
            &p,
            r.min + vec2(12.0, 27.0),
            Align2::LEFT_TOP,
            &sub,
            FontId::proportional(11.5),
            d.tokens.weak_text,
            r.width() - 24.0,
        );
        let sponsor = ini.sponsor.as_ref().map_or("no sponsor".to_string(), |s| {
            format!("sponsor {}", name_of(d.doc, s))
        });
        let outcome = if ini.outcome.as_deref().is_some_and(|o| !o.trim().is_empty()) {
            ""
        } else {
            " · no outcome"
        };
        text_in(
            &p,
            pos2(r.left() + 12.0, r.top() + HEADER_H + ROW_H / 2.0 + 2.0),
            Align2::LEFT_CENTER,
            &format!("{sponsor}{outcome}"),
            FontId::proportional(12.0),
            d.tokens.weak_text,
            r.width() - 24.0,
        );
        let mut y = r.top() + HEADER_H + ROW_H + PAD;
        let mut rows: Vec<(PersonId, u32)> = ini
            .members
            .iter()
            .map(|m| (m.person.clone(), m.allocation.percent()))
            .collect();
        if let Some(l) = &ini.lead
            && !rows.iter().any(|(p, _)| p == l)
        {
            rows.insert(0, (l.clone(), 0));
        }
        for (person, alloc) in &rows {
            let chip = Rect::from_min_size(
                pos2(r.left() + PAD, y),
                vec2(r.width() - 2.0 * PAD, ROW_H - 3.0),
            );
            let lead = ini.lead.as_ref() == Some(person);
            member_chip(
                d,
                ui,
                chip,
                Chip {
                    person,
                    allocation: *alloc,
                    card: &card,
                    lead,
                },
                out,
            );
            y += ROW_H;
        }
        if rows.is_empty() {
            p.text(
                pos2(r.center().x, y + ROW_H / 2.0 - 2.0),
                Align2::CENTER_CENTER,
                "Nobody assigned: drop a TPM or PgM here",
                FontId::proportional(12.0),
                d.tokens.weak_text,
            );
        }
    }
    if hdr.clicked() || body_resp.clicked() {
        out.actions
            .push(Action::Select(Some(Selection::Initiative(ini.id.clone()))));
    }
    hdr.context_menu(|ui| {
        ui.menu_button("Add person", |ui| {
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    let cat = &d.doc.layout().catalog;
                    for x in org
                        .people
                        .iter()
                        .filter(|x| !ini.members.iter().any(|m| m.person == x.id))
                    {
                        if ui
                            .button(format!("{} ({})", x.name, cat.abbrev(&x.role)))
                            .clicked()
                        {
                            out.edits.push(Edit::AddToInitiative {
                                initiative: ini.id.clone(),
                                person: x.id.clone(),
                                allocation: d.doc.derived().default_allocation(&x.id),
                            });
                            ui.close();
                        }
                    }
                });
        });
        ui.separator();
        if ui.button("Delete initiative").clicked() {
            out.edits.push(Edit::DeleteInitiative(ini.id.clone()));
            ui.close();
        }
    });
}
