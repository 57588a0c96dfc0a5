//! The canvas's view state: what part of the org is in view, and the view
//! changes asked for (fit, zoom, pan to a card). No drawing here.

use crate::document::Document;
use crate::layout::CARD_W;
use crate::model::CardId;
use crate::model::Point;
use egui::emath::TSTransform;
use egui::{Pos2, Rect, pos2, vec2};

/// The zoom range the user can reach (fit may go lower for huge orgs).
pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 4.0;

pub(crate) fn to_egui(r: crate::layout::Rect) -> Rect {
    Rect::from_min_size(pos2(r.x, r.y), vec2(r.w, r.h))
}

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
    pub(super) fit_sticky: bool,
    zoom_by: Option<f32>,
    zoom_to: Option<f32>,
    pan_to: Option<Pos2>,
    /// Show this scene rect whole (a group asked for by its label).
    show: Option<Rect>,
    /// The smallest zoom allowed: [`MIN_ZOOM`], or less when fitting a very
    /// large org needs it (so "fit" never cuts columns off).
    pub(super) min_zoom: f32,
    /// Where the keyboard is on the canvas (see `keys`).
    pub cursor: Option<super::keys::Cursor>,
    /// The canvas's one Tab stop (the scene), as of the last frame.
    pub scene_id: Option<egui::Id>,
    /// The context-menu key was pressed on this item: open its menu.
    pub(super) open_menu: Option<super::keys::Cursor>,
    /// The minimap's specks, for what they were drawn from (see
    /// `minimap::MapKey`): rebuilt only when that changes.
    pub(super) minimap: Option<(super::minimap::MapKey, std::sync::Arc<egui::Mesh>)>,
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
            show: None,
            min_zoom: MIN_ZOOM,
            cursor: None,
            scene_id: None,
            minimap: None,
            open_menu: None,
        }
    }
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

    /// Centres the view on a card (keeps the zoom).
    pub fn pan_to(&mut self, doc: &Document, card: &CardId) {
        if let Some(c) = doc.layout().card(card) {
            self.pan_to = Some(to_egui(c.rect).center());
        }
    }

    /// Shows a card the user asked for (Find, a finding, a change): centred,
    /// and zoomed in to a readable size if the view is zoomed out further.
    pub fn reveal(&mut self, doc: &Document, card: &CardId) {
        /// Below this, card text is too small to read (or not drawn).
        const READABLE: f32 = 0.5;
        if self.zoom() < READABLE {
            self.zoom_to = Some(1.0);
        }
        self.pan_to(doc, card);
    }

    /// Centres the view on a card unless it is already fully in view.
    pub fn pan_if_hidden(&mut self, doc: &Document, card: &CardId) {
        if let Some(c) = doc.layout().card(card)
            && !(self.scene_rect.is_positive() && self.scene_rect.contains_rect(to_egui(c.rect)))
        {
            self.pan_to = Some(to_egui(c.rect).center());
        }
    }

    /// Shows a scene rect whole, with a margin.
    pub fn show_rect(&mut self, r: Rect) {
        self.show = Some(r);
    }

    /// Centres the view on a scene point.
    pub fn pan_to_point(&mut self, p: Pos2) {
        self.pan_to = Some(p);
    }

    /// A free spot for a new card in the middle of what is in view; never
    /// outside the view when the view has room.
    pub fn free_spot(&self, doc: &Document) -> Point {
        let view = if self.scene_rect.is_finite() && self.scene_rect.is_positive() {
            self.scene_rect
        } else {
            Rect::from_min_size(pos2(0.0, 0.0), vec2(1200.0, 800.0))
        };
        let size = vec2(CARD_W, 140.0);
        let cards: Vec<Rect> = doc.layout().cards.iter().map(|c| to_egui(c.rect)).collect();
        let free = |r: &Rect| !cards.iter().any(|c| c.expand(16.0).intersects(*r));
        // Spiral out from the centre, in card-sized steps, staying in view.
        let center = view.center() - size / 2.0;
        let step = vec2(CARD_W + 24.0, 164.0);
        for ring in 0..12i32 {
            for dy in -ring..=ring {
                for dx in -ring..=ring {
                    if dx.abs() != ring && dy.abs() != ring {
                        continue;
                    }
                    let r = Rect::from_min_size(
                        center + vec2(dx as f32 * step.x, dy as f32 * step.y),
                        size,
                    );
                    if (ring == 0 || view.contains_rect(r)) && free(&r) {
                        return Point {
                            x: r.min.x.round(),
                            y: r.min.y.round(),
                        };
                    }
                }
            }
        }
        // A crowded view: at the centre, on top (it is selected and in view).
        Point {
            x: center.x.round(),
            y: center.y.round(),
        }
    }

    /// Applies requested view changes, given the canvas area on screen.
    pub(super) fn apply_view_requests(&mut self, outer: Rect, doc: &Document) {
        let resized = self.view_rect.size() != outer.size();
        self.view_rect = outer;
        // Everything drawn: the cards, and the group frames with their
        // labels above the cards.
        let layout = doc.layout();
        let frames: &[crate::layout::Rect] = if layout.framed { &layout.frames } else { &[] };
        let bounds = crate::layout::Rect::union(
            layout
                .cards
                .iter()
                .map(|c| c.rect)
                .chain(frames.iter().copied()),
        )
        .map(|b| to_egui(b).expand(48.0));
        // Fitting a huge org may need a zoom below the usual minimum.
        self.min_zoom = match bounds {
            Some(b) if outer.is_positive() => {
                let fit = (outer.width() / b.width()).min(outer.height() / b.height());
                MIN_ZOOM.min(fit * 0.98).max(0.001)
            }
            _ => MIN_ZOOM,
        };
        if self.fit_pending
            || (self.fit_sticky && resized)
            || !self.scene_rect.is_finite()
            || !self.scene_rect.is_positive()
        {
            self.fit_pending = false;
            self.fit_sticky = true;
            self.scene_rect =
                bounds.unwrap_or_else(|| Rect::from_min_size(Pos2::ZERO, outer.size()));
        }
        if let Some(r) = self.show.take() {
            self.fit_sticky = false;
            self.scene_rect = r.expand(24.0);
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
