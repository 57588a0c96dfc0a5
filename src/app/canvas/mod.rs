//! The org canvas: team and initiative cards in an `egui::Scene`, with drag
//! and drop, card moving, lines to teams and dependency arrows.
//!
//! `view` holds the view state, `drop` plans what a drop does, `draw`
//! paints cards (in screen space, so text stays crisp at any zoom), `menus`
//! holds the context menus and `export` the PNG export.

mod draw;
pub mod drop;
pub mod export;
mod frames;
pub mod keys;
pub mod menus;
mod minimap;
mod view;

pub use drop::{Drag, DropEffect, DropPlan, Target, plan_drop};
pub use view::{CanvasState, MAX_ZOOM, MIN_ZOOM};

use super::command::Action;
use super::modals::{self, Modal};
use super::{Commands, ViewCtx};
use crate::document::Document;
use crate::edit::Edit;
use crate::layout::HEADER_H;
use crate::model::CardId;
use crate::model::{Point, Subject};
use draw::{Draw, Pen};
use egui::{Align2, FontId, Pos2, Rect, Stroke, StrokeKind, Vec2, vec2};
use std::sync::Arc;
use view::to_egui;

/// Below this zoom, cards are drawn simplified (name, counts, badges; no
/// chips): their rows' text would be under 6 px.
const SIMPLE_BELOW: f32 = 0.5;
/// Below this zoom, cards are one cached mesh, no widgets, no text: the
/// group frames' labels say what is where.
const OVERVIEW_BELOW: f32 = 0.25;

/// What a comparison marks on the canvas: new cards, new or moved people
/// (with where they came from), filled seats, and ghosts of what the
/// proposal removes.
#[derive(Default)]
pub struct Marks {
    new_cards: std::collections::HashSet<CardId>,
    people: std::collections::HashMap<(String, CardId), String>,
    /// Removed cards where they were: rect, title, what happened.
    ghosts: Vec<(Rect, String, &'static str)>,
    /// Per card: who is no longer on it, as lines.
    gone: std::collections::HashMap<CardId, Vec<String>>,
}

impl Marks {
    pub fn new(diff: &crate::diff::Diff, comparing: &crate::document::Comparing) -> Marks {
        use crate::diff::ChangeKind as K;
        let card = |s: &Subject| match s {
            Subject::Team(t) => Some(CardId::Team(t.clone())),
            Subject::Initiative(i) => Some(CardId::Initiative(i.clone())),
            _ => None,
        };
        let mut m = Marks::default();
        for c in &diff.changes {
            let person = match &c.subject {
                Subject::Person(p) => Some(p.to_string()),
                _ => None,
            };
            match &c.kind {
                K::TeamCreated { .. } | K::InitiativeCreated { .. } => {
                    if let Some(k) = card(&c.subject) {
                        m.new_cards.insert(k);
                    }
                }
                K::PersonJoined { .. } => {
                    for t in c.touches.iter().filter_map(card) {
                        m.people
                            .insert((person.clone().unwrap_or_default(), t), "new".into());
                    }
                }
                K::PersonMoved { from, to, .. } => {
                    if let Some(to) = card(&to.id) {
                        m.people.insert(
                            (person.clone().unwrap_or_default(), to),
                            format!("from {}", from.name),
                        );
                    }
                    if let Some(from) = card(&from.id) {
                        m.gone.entry(from).or_default().push(c.text());
                    }
                }
                K::MembershipAdded { card: to, .. } => {
                    if let Some(to) = card(&to.id) {
                        m.people
                            .insert((person.clone().unwrap_or_default(), to), "added".into());
                    }
                }
                K::MembershipRemoved { card: from, .. } => {
                    if let Some(from) = card(&from.id) {
                        m.gone.entry(from).or_default().push(c.text());
                    }
                }
                K::PersonLeft { .. } => {
                    for t in c.touches.iter().filter_map(card) {
                        m.gone.entry(t).or_default().push(c.text());
                    }
                }
                K::SeatFilled { by, .. } => {
                    if let Some(t) = card(&c.subject) {
                        m.people
                            .insert((by.id.to_string(), t), "fills the open seat".into());
                    }
                }
                K::TeamRemoved { .. } | K::InitiativeRemoved { .. } => {
                    if let Some(k) = card(&c.subject)
                        && let Some((_, r, title)) =
                            comparing.cards.iter().find(|(x, _, _)| x == &k)
                    {
                        m.ghosts
                            .push((to_egui(*r), title.clone(), "removed by the proposal"));
                    }
                }
                _ => {}
            }
        }
        m
    }

    fn card_label(&self, card: &CardId) -> Option<&'static str> {
        self.new_cards.contains(card).then_some("new")
    }

    fn person_label(&self, person: &crate::model::PersonId, card: &CardId) -> Option<&str> {
        self.people
            .get(&(person.to_string(), card.clone()))
            .map(String::as_str)
    }
}

/// What the scene pass wants done.
#[derive(Default)]
pub(super) struct SceneOut {
    pub edits: Vec<Edit>,
    pub actions: Vec<Action>,
    pub targets: Vec<(Rect, Target)>,
    pub moved: Option<(CardId, Vec2)>,
    pub move_done: Option<CardId>,
    /// A card or chip clicked: the keyboard cursor goes there.
    pub clicked: Option<keys::Cursor>,
    /// A group's label clicked: show that group (its frame, scene rect).
    pub show: Option<Rect>,
}

/// What the overview mesh is made from: (document revision, analysis
/// revision, dark theme, headers drawn).
type OverviewKey = (u64, u64, bool, bool);

/// A mesh moved to the screen: (mesh address, transform bits) and the result.
type ScreenMesh = ((usize, [u32; 3]), Arc<egui::Mesh>);

/// `mesh` through `t`, from `cache` when it was made from the same mesh
/// with the same transform.
fn to_screen(
    cache: &mut Option<ScreenMesh>,
    mesh: &Arc<egui::Mesh>,
    t: egui::emath::TSTransform,
) -> Arc<egui::Mesh> {
    let key = (
        Arc::as_ptr(mesh) as usize,
        [t.scaling, t.translation.x, t.translation.y].map(f32::to_bits),
    );
    if let Some((k, m)) = cache
        && *k == key
    {
        return m.clone();
    }
    let mut m = (**mesh).clone();
    for v in &mut m.vertices {
        v.pos = t * v.pos;
    }
    let m = Arc::new(m);
    *cache = Some((key, m.clone()));
    m
}

/// Each group's findings, in group order.
type GroupSums = Arc<Vec<crate::document::Badge>>;

/// The canvas view: view state, the card being moved, the overview cache
/// and the PNG export in progress.
#[derive(Default)]
pub struct CanvasView {
    pub state: CanvasState,
    /// A card being moved by its header, and how far.
    moving: Option<(CardId, Vec2)>,
    /// The zoomed-out overview mesh, for (document revision, analysis
    /// revision, theme): never reused for another document or state.
    overview: Option<(OverviewKey, Arc<egui::Mesh>)>,
    /// The overview mesh in screen coordinates, for (the mesh, the scene
    /// transform): egui would copy the whole mesh every frame to
    /// transform it; a still view draws this one again.
    overview_screen: Option<ScreenMesh>,
    pub export: export::PngExport,
    /// Comparison marks, for the analysis revision they came from.
    marks: Option<(u64, Arc<Marks>)>,
    /// Each group's findings, for (document revision, analysis revision).
    group_sums: Option<((u64, u64), GroupSums)>,
}

impl std::ops::Deref for CanvasView {
    type Target = CanvasState;
    fn deref(&self) -> &CanvasState {
        &self.state
    }
}

impl std::ops::DerefMut for CanvasView {
    fn deref_mut(&mut self) -> &mut CanvasState {
        &mut self.state
    }
}

/// The cards that move when `card` is dragged: the group if it is in it.
fn moving_set<'a>(multi: &'a [CardId], card: &'a CardId) -> Vec<&'a CardId> {
    if multi.contains(card) {
        multi.iter().collect()
    } else {
        vec![card]
    }
}

/// Every card as coloured rectangles: header band, body tinted by the worst
/// finding.
fn overview_mesh(doc: &Document, tokens: &super::theme::Tokens, headers: bool) -> egui::Mesh {
    let mut mesh = egui::Mesh::default();
    let derived = doc.derived();
    for c in &doc.layout().cards {
        let r = to_egui(c.rect);
        let head = match &c.card {
            CardId::Team(_) => tokens.card_header,
            CardId::Initiative(_) => tokens.initiative_header,
        };
        let body = match derived.badge(&c.card.subject()).worst() {
            Some(s) if s != crate::catalog::Severity::Info && doc.is_current() => egui::lerp(
                egui::Rgba::from(tokens.card_bg)..=egui::Rgba::from(tokens.severity(s)),
                0.45,
            )
            .into(),
            _ => tokens.card_bg,
        };
        mesh.add_colored_rect(r, body);
        if headers {
            mesh.add_colored_rect(Rect::from_min_size(r.min, vec2(r.width(), HEADER_H)), head);
        }
    }
    mesh
}

impl CanvasView {
    /// The document revision the cached overview mesh was built for.
    pub fn overview_revision(&self) -> Option<u64> {
        self.overview.as_ref().map(|((rev, ..), _)| *rev)
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

    pub fn ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        let doc = f.doc;
        let tokens = f.tokens;
        // Never wider than what is visible, whatever the rows above did.
        let outer = ui.available_rect_before_wrap().intersect(ui.clip_rect());
        self.state.apply_view_requests(outer, doc);
        ui.painter().rect_filled(outer, 0.0, tokens.canvas_bg);

        let payload = egui::DragAndDrop::payload::<Drag>(ui.ctx());
        let scene = egui::Scene::new()
            .zoom_range(self.state.min_zoom..=view::MAX_ZOOM)
            .scroll_zooms(false)
            .drag_pan_buttons(egui::DragPanButtons::PRIMARY | egui::DragPanButtons::MIDDLE);
        let mut scene_rect = self.state.scene_rect;
        // The zoom this frame is drawn at: the scene rect fitted into the
        // canvas, as the scene will (the last frame's zoom would draw a
        // just-opened big org as full cards, every one, before the fit).
        let zoom_before = if scene_rect.is_positive() && outer.is_positive() {
            (outer.width() / scene_rect.width())
                .min(outer.height() / scene_rect.height())
                .clamp(self.state.min_zoom, view::MAX_ZOOM)
        } else {
            self.state.to_global.scaling
        };
        let (overview, marks) = self.caches(doc, tokens, zoom_before);
        let group_sums = self.group_sums(doc);
        let has_keys = self
            .state
            .scene_id
            .is_some_and(|id| ui.ctx().memory(|m| m.has_focus(id)));
        let open_menu = self.state.open_menu.take();
        let shown_cursor = (has_keys && super::widgets::keyboard_in_use(ui.ctx()))
            .then_some(self.state.cursor.as_ref())
            .flatten();
        let draw = Draw {
            doc,
            tokens,
            selection: f.selection,
            multi: f.multi,
            simple: zoom_before < SIMPLE_BELOW,
            dragging: payload.is_some(),
            current: doc.is_current(),
            marks: marks.as_deref(),
            cursor: shown_cursor,
            open_menu: open_menu.as_ref(),
        };
        let mut so = SceneOut::default();
        let moving = self.moving.clone();
        let mut scene_layer = None;
        let mut transform = None;
        let mut screen_cache = self.overview_screen.take();
        let response = scene
            .show(ui, &mut scene_rect, |ui| {
                let t = ui
                    .ctx()
                    .layer_transform_to_global(ui.layer_id())
                    .unwrap_or_default();
                transform = Some(t);
                scene_layer = Some(ui.layer_id());
                // Cards are painted on a layer just above the scene's, in
                // screen coordinates.
                let ink = egui::LayerId::new(ui.layer_id().order, ui.layer_id().id.with("ink"));
                ui.ctx().set_sublayer(ui.layer_id(), ink);
                let pen = Pen {
                    painter: ui.ctx().layer_painter(ink).with_clip_rect(outer),
                    t,
                };
                match &overview {
                    Some(mesh) => {
                        frames::fills(&draw, &pen.painter, Some(&pen));
                        let screen = to_screen(&mut screen_cache, mesh, t);
                        pen.painter.add(egui::Shape::Mesh(screen));
                        draw_overview(&draw, ui, moving.as_ref(), &mut so);
                        overview_names(&draw, &pen);
                    }
                    None => {
                        frames::fills(&draw, &pen.painter, Some(&pen));
                        draw_scene(&draw, &pen, ui, moving.as_ref(), &mut so);
                    }
                }
                so.show = frames::labels(&draw, &pen, ui, &group_sums);
            })
            .response;
        self.overview_screen = screen_cache;
        if response.changed() {
            // The user panned or zoomed: stop following the fit.
            self.state.fit_sticky = false;
        }
        self.keyboard(ui.ctx(), &response, f, &mut so, out);
        self.state.scene_rect = scene_rect;
        if let Some(t) = transform {
            self.state.to_global = t;
        }
        let to_global = self.state.to_global;

        if response.clicked() && payload.is_none() {
            // In the overview cards have no widgets: pick the one clicked.
            let picked = (zoom_before < OVERVIEW_BELOW)
                .then(|| {
                    response
                        .interact_pointer_pos()
                        .map(|p| to_global.inverse() * p)
                })
                .flatten()
                .and_then(|p| Self::card_at(doc, p).cloned());
            out.actions.push(Action::Select(picked.map(|c| match c {
                CardId::Team(t) => super::Selection::Team(t),
                CardId::Initiative(i) => super::Selection::Initiative(i),
            })));
        }

        self.finish_move(&mut so, f, out);
        if let Some(r) = so.show.take() {
            self.state.show_rect(r);
        }

        // Drag and drop: highlight where it would land; act on release.
        if let Some(payload) = payload {
            let at = DropAt {
                outer,
                to_global,
                scene_layer,
            };
            drop_ui(ui, f, &payload, &at, &so, out);
        }

        // Zoom indicator, state of the analysis, empty-org hint.
        let overlay = ui
            .ctx()
            .layer_painter(egui::LayerId::new(
                egui::Order::Middle,
                egui::Id::unique("canvas-overlay"),
            ))
            .with_clip_rect(outer);
        let zoom = self.state.to_global.scaling;
        overlay.text(
            outer.right_bottom() - vec2(10.0, 8.0),
            Align2::RIGHT_BOTTOM,
            format!("{:.0}%", zoom * 100.0),
            FontId::proportional(12.0),
            tokens.weak_text,
        );
        minimap::ui(ui.ctx(), doc, &mut self.state, outer, &tokens);
        if doc.org().teams.is_empty() && doc.org().initiatives.is_empty() {
            overlay.text(
                outer.center(),
                Align2::CENTER_CENTER,
                "An empty org. Add a team or an initiative from the left panel.",
                FontId::proportional(15.0),
                tokens.weak_text,
            );
        }
        out.edits.extend(so.edits);
        out.actions.extend(so.actions);
    }

    /// Each group's findings, summed once per revision.
    fn group_sums(&mut self, doc: &Document) -> Arc<Vec<crate::document::Badge>> {
        let key = (doc.revision(), doc.derived().revision);
        match &self.group_sums {
            Some((k, s)) if *k == key => s.clone(),
            _ => {
                let s = Arc::new(frames::summaries(doc));
                self.group_sums = Some((key, s.clone()));
                s
            }
        }
    }

    /// The overview mesh (zoomed out) and the comparison marks, each
    /// rebuilt only when what it shows changed.
    fn caches(
        &mut self,
        doc: &Document,
        tokens: super::theme::Tokens,
        zoom: f32,
    ) -> (Option<Arc<egui::Mesh>>, Option<Arc<Marks>>) {
        let zoom_before = zoom;
        let overview = (zoom_before < OVERVIEW_BELOW).then(|| {
            // Headers under a pixel tall are left out: half the mesh, which
            // egui copies every frame to transform it.
            let headers = HEADER_H * zoom >= 1.0;
            let key = (doc.revision(), doc.derived().revision, tokens.dark, headers);
            match &self.overview {
                Some((k, mesh)) if *k == key => mesh.clone(),
                _ => {
                    let mesh = Arc::new(overview_mesh(doc, &tokens, headers));
                    self.overview = Some((key, mesh.clone()));
                    mesh
                }
            }
        });
        let marks = match (&doc.derived().diff, doc.comparing()) {
            (Some(d), Some(c)) => {
                let rev = doc.derived().revision;
                match &self.marks {
                    Some((r, m)) if *r == rev => Some(m.clone()),
                    _ => {
                        let m = Arc::new(Marks::new(d, c));
                        self.marks = Some((rev, m.clone()));
                        Some(m)
                    }
                }
            }
            _ => None,
        };
        (overview, marks)
    }

    /// The canvas as one Tab stop (the scene's response): a click on a card
    /// or chip puts the keyboard cursor there (and the keyboard on the
    /// canvas); gaining the keyboard puts it on the selection, else the
    /// top-left card, and selects it. Keys are handled by [`Self::keys`]
    /// before the app's shortcuts.
    fn keyboard(
        &mut self,
        ctx: &egui::Context,
        response: &egui::Response,
        f: &ViewCtx,
        so: &mut SceneOut,
        out: &mut Commands,
    ) {
        self.state.scene_id = Some(response.id);
        if let Some(c) = so.clicked.take() {
            self.state.cursor = Some(c);
            response.request_focus();
        } else if response.gained_focus() {
            let c = self.current_cursor(f.doc, f.selection.as_ref());
            if let Some(c) = &c {
                out.actions.push(Action::Select(Some(c.selection())));
                self.state.pan_if_hidden(f.doc, c.card());
            }
            self.state.cursor = c;
        }
        if response.has_focus() {
            let on_row = !matches!(self.state.cursor, Some(keys::Cursor::Card(_)) | None);
            ctx.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: on_row,
                        tab: false,
                    },
                );
            });
        }
        let label = match &self.state.cursor {
            Some(c) => format!("Org canvas: {}", c.describe(f.doc)),
            None => "Org canvas".to_string(),
        };
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, &label));
    }

    /// The cursor as it stands after edits, else the selection's item,
    /// else the top-left card.
    fn current_cursor(
        &self,
        doc: &Document,
        selection: Option<&super::Selection>,
    ) -> Option<keys::Cursor> {
        self.state
            .cursor
            .clone()
            .and_then(|c| c.repaired(doc))
            .or_else(|| selection.and_then(|s| keys::Cursor::of_selection(doc, s)))
            .or_else(|| keys::first_card(doc).map(keys::Cursor::Card))
    }

    /// The canvas's keys, when it has the keyboard (run before the app's
    /// shortcuts, so that Escape on a chip goes back to its card rather
    /// than clearing the selection): the arrows and Enter move the cursor
    /// and select what it is on, showing it; the context-menu key opens
    /// its menu.
    pub fn keys(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        selection: Option<&super::Selection>,
    ) -> Option<Action> {
        let id = self.state.scene_id?;
        // A menu open over the canvas has the keys (Escape closes it).
        if !ctx.memory(|m| m.has_focus(id)) || egui::Popup::is_any_open(ctx) {
            return None;
        }
        let cur = self.current_cursor(doc, selection)?;
        if keys::menu_key(ctx) {
            self.state.open_menu = Some(cur.clone());
        }
        let nav = keys::nav_key(ctx, !matches!(cur, keys::Cursor::Card(_)));
        let next = nav.and_then(|n| cur.step(doc, n));
        let moved = next.is_some();
        let now = next.unwrap_or(cur);
        self.state.cursor = Some(now.clone());
        if !moved {
            return None;
        }
        // Far out, cards have no chips (or no widgets): come close enough
        // to see where the cursor is.
        if self.state.zoom() < SIMPLE_BELOW {
            self.state.reveal(doc, now.card());
        } else {
            self.state.pan_if_hidden(doc, now.card());
        }
        Some(Action::Select(Some(now.selection())))
    }

    /// A card drag that ended: the cards moved with it, as one edit.
    fn finish_move(&mut self, so: &mut SceneOut, f: &ViewCtx, out: &mut Commands) {
        let doc = f.doc;
        if let Some(m) = so.moved.take() {
            self.moving = Some(m);
        }
        if let Some(card) = so.move_done.take()
            && let Some((c, delta)) = self.moving.take()
            && c == card
            && delta.length() > 0.5
        {
            let moves: Vec<Edit> = moving_set(f.multi, &card)
                .into_iter()
                .filter_map(|m| {
                    let cr = doc.layout().card(m)?;
                    Some(Edit::MoveCard {
                        card: m.clone(),
                        to: Point {
                            x: (cr.rect.x + delta.x).round(),
                            y: (cr.rect.y + delta.y).round(),
                        },
                    })
                })
                .collect();
            out.edits.push(if moves.len() == 1 {
                moves.into_iter().next().unwrap_or(Edit::Batch(Vec::new()))
            } else {
                Edit::Batch(moves)
            });
        }
    }
}

/// Where a drop lands on screen: the canvas rect, scene → screen, and the
/// scene's layer (for the highlight).
struct DropAt {
    outer: Rect,
    to_global: egui::emath::TSTransform,
    scene_layer: Option<egui::LayerId>,
}

/// Something is dragged: highlight where it would land, show the ghost
/// with what it would do, and act on release.
fn drop_ui(
    ui: &mut egui::Ui,
    f: &ViewCtx,
    payload: &Drag,
    at: &DropAt,
    so: &SceneOut,
    out: &mut Commands,
) {
    let (doc, tokens) = (f.doc, f.tokens);
    let (outer, to_global, scene_layer) = (at.outer, at.to_global, at.scene_layer);
    let pointer = ui.ctx().pointer_interact_pos();
    let in_canvas = pointer.is_some_and(|p| outer.contains(p));
    let scene_pointer = pointer.map(|p| to_global.inverse() * p);
    let copy = ui.input(|i| i.modifiers.command);
    let target = scene_pointer.filter(|_| in_canvas).and_then(|p| {
        so.targets
            .iter()
            .rev()
            .filter(|(r, _)| r.contains(p))
            .find_map(|(r, t)| plan_drop(doc, payload, t, copy).map(|plan| (*r, plan)))
    });
    if let (Some((r, _)), Some(layer)) = (&target, scene_layer) {
        // Clipped to the canvas: a card half under a side panel is
        // highlighted only where the canvas shows it (issue 20.9).
        let p = ui
            .ctx()
            .layer_painter(egui::LayerId::new(layer.order, layer.id.with("ink")))
            .with_clip_rect(outer);
        let r = to_global * r.expand(3.0);
        p.rect_filled(r, 8.0, tokens.drop_target.gamma_multiply(0.18));
        p.rect_stroke(
            r,
            8.0,
            Stroke::new(2.5, tokens.drop_target),
            StrokeKind::Outside,
        );
    }
    ghost(
        ui.ctx(),
        doc,
        payload,
        target.as_ref().map(|(_, p)| p.hint.as_str()),
        tokens,
    );
    if ui.input(|i| i.pointer.any_released()) {
        egui::DragAndDrop::clear_payload(ui.ctx());
        if let Some((_, plan)) = target {
            match plan.effect {
                DropEffect::Edit(e) => out.edits.push(e),
                DropEffect::ConfirmRole { person, role } => {
                    out.modal = Some(Modal::ConfirmRole(modals::ConfirmRole { person, role }));
                }
            }
        }
    }
}

/// What the zoomed-out overview draws besides its mesh (which the caller
/// paints in screen coordinates): the outline of cards being moved, and
/// drop targets only while something is dragged.
fn draw_overview(d: &Draw, ui: &mut egui::Ui, moving: Option<&(CardId, Vec2)>, out: &mut SceneOut) {
    let painter = ui.painter().clone();
    let moved: Vec<&CardId> = moving
        .map(|(m, _)| moving_set(d.multi, m))
        .unwrap_or_default();
    let offset = moving.map_or(Vec2::ZERO, |(_, v)| *v);
    for c in &d.doc.layout().cards {
        let r = to_egui(c.rect);
        if moved.contains(&&c.card) {
            painter.rect_stroke(
                r.translate(offset),
                10.0,
                Stroke::new(12.0, d.tokens.selection),
                StrokeKind::Outside,
            );
        }
        if d.dragging {
            let t = match &c.card {
                CardId::Team(t) => Target::Team(t.clone()),
                CardId::Initiative(i) => Target::Initiative(i.clone()),
            };
            out.targets.push((r, t));
        }
    }
}

/// In the overview, once a card is wide enough on screen for a few letters,
/// each visible card's name (10 px, cut to the card).
fn overview_names(d: &Draw, pen: &Pen) {
    let z = pen.t.scaling;
    if crate::layout::CARD_W * z < 48.0 {
        return;
    }
    let org = d.doc.org();
    let visible = pen.t.inverse() * pen.painter.clip_rect();
    for c in &d.doc.layout().cards {
        let r = to_egui(c.rect);
        if !r.intersects(visible) {
            continue;
        }
        let name = match &c.card {
            CardId::Team(_) => org.teams.get(c.index).map(|t| t.name.as_str()),
            CardId::Initiative(_) => org.initiatives.get(c.index).map(|i| i.name.as_str()),
        };
        if let Some(name) = name {
            pen.text(
                r.min + vec2(6.0 / z, 4.0 / z),
                Align2::LEFT_TOP,
                name,
                10.0 / z,
                d.tokens.text,
                r.width() - 12.0 / z,
            );
        }
    }
}

fn draw_scene(
    d: &Draw,
    pen: &Pen,
    ui: &mut egui::Ui,
    moving: Option<&(CardId, Vec2)>,
    out: &mut SceneOut,
) {
    let doc = d.doc;
    let layout = doc.layout();
    let cards = &layout.cards;
    let org = doc.org();
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
    let visible = ui.clip_rect().expand(40.0);
    // Lines first, beneath the cards.
    for (k, c) in cards.iter().enumerate() {
        let r = rect_of(k);
        let (ids, link): (&[crate::model::TeamId], bool) = match &c.card {
            CardId::Initiative(_) => (&org.initiatives[c.index].teams, true),
            CardId::Team(_) => (&org.teams[c.index].depends_on, false),
        };
        for e in ids
            .iter()
            .filter_map(|t| layout.team_card.get(t.as_str()).copied())
        {
            let tr = rect_of(e);
            if !Rect::from_two_pos(r.center(), tr.center())
                .expand(2.0)
                .intersects(visible)
            {
                continue;
            }
            if link {
                pen.dashed(
                    &[r.center(), tr.center()],
                    Stroke::new(1.6, d.tokens.link.gamma_multiply(0.8)),
                    8.0,
                    6.0,
                );
            } else {
                pen.arrow(r, tr, Stroke::new(1.8, d.tokens.dependency));
            }
        }
    }
    if let Some(m) = d.marks {
        for (r, title, what) in &m.ghosts {
            if r.intersects(visible) {
                draw::ghost_card(d, pen, *r, title, what);
            }
        }
    }
    let people = |id: &crate::model::PersonId| layout.person(org, id);
    for (k, c) in cards.iter().enumerate() {
        let r = rect_of(k);
        if !r.intersects(visible) {
            continue;
        }
        let view = crate::cards::card_view(org, &layout.catalog, &c.card, c.index, people);
        draw::card(d, pen, ui, &view, r, out);
        if let Some(gone) = d.marks.and_then(|m| m.gone.get(&c.card)) {
            draw::gone_lines(d, pen, r, gone);
        }
    }
}

/// The dragged thing under the pointer, with what dropping would do; kept
/// inside the window so the hint is never cut off.
fn ghost(
    ctx: &egui::Context,
    doc: &Document,
    d: &Drag,
    hint: Option<&str>,
    tokens: super::theme::Tokens,
) {
    let Some(p) = ctx.pointer_interact_pos() else {
        return;
    };
    let cat = &doc.layout().catalog;
    let (label, role) = match d {
        Drag::Role(r) => (format!("{} seat", cat.abbrev(r)), r.as_str().to_string()),
        Drag::Person { person, .. } => {
            let x = doc.org().person(person);
            (
                x.map_or_else(|| person.to_string(), |x| x.name.to_string()),
                x.map_or(String::new(), |x| x.role.to_string()),
            )
        }
    };
    let id = egui::Id::unique("orgplan-drag-ghost");
    // Flip to the left of / above the pointer near the window's edges.
    let size = ctx
        .memory(|m| m.area_rect(id))
        .map_or(vec2(260.0, 50.0), |r| r.size());
    let screen = ctx.content_rect();
    let mut pos = p + vec2(14.0, 10.0);
    if pos.x + size.x > screen.right() - 4.0 {
        pos.x = (p.x - 14.0 - size.x).max(screen.left() + 4.0);
    }
    if pos.y + size.y > screen.bottom() - 4.0 {
        pos.y = (p.y - 10.0 - size.y).max(screen.top() + 4.0);
    }
    egui::Area::new(id)
        .order(egui::Order::Tooltip)
        .fixed_pos(pos)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width((screen.width() - 24.0).min(520.0));
                ui.horizontal(|ui| {
                    let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), egui::Sense::hover());
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

/// The subject a card shows, for reveals.
pub fn card_of(doc: &Document, s: &Subject) -> Option<CardId> {
    match s {
        Subject::Team(t) => Some(CardId::Team(t.clone())),
        Subject::Initiative(i) => Some(CardId::Initiative(i.clone())),
        // A person: the first card they are on.
        Subject::Person(p) => {
            let org = doc.org();
            org.teams
                .iter()
                .find(|t| t.member(p).is_some())
                .map(|t| CardId::Team(t.id.clone()))
                .or_else(|| {
                    org.initiatives
                        .iter()
                        .find(|i| {
                            i.members.iter().any(|m| &m.person == p) || i.lead.as_ref() == Some(p)
                        })
                        .map(|i| CardId::Initiative(i.id.clone()))
                })
        }
        Subject::Org => None,
    }
}
