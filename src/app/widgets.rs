//! Small widgets shared by the views: labelled fields, allocation fields,
//! and pick lists that can be filtered by typing (a drop-down of 10,000
//! people is unusable otherwise).

use crate::model::{Allocation, Person, PersonId};
use egui::{Response, vec2};

/// Gives a widget an accessible name (screen readers, UI tests).
pub fn name_widget(r: &Response, role: egui::Role, name: &str) {
    r.widget_info(|| egui::WidgetInfo::labeled(role, true, name));
}

/// A labelled text field; returns its response (commit on `lost_focus`).
pub fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String, multiline: bool) -> Response {
    ui.label(label);
    let resp = if multiline {
        ui.add(
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
    } else {
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
    };
    name_widget(&resp, egui::Role::TextInput, label);
    resp
}

/// A text field for an optional value (empty means none).
pub fn opt_text_field(ui: &mut egui::Ui, label: &str, value: &mut Option<String>) -> Response {
    let mut s = value.clone().unwrap_or_default();
    let resp = text_field(ui, label, &mut s, false);
    *value = if s.trim().is_empty() { None } else { Some(s) };
    resp
}

/// What an allocation field reports.
pub enum AllocationInput {
    Unchanged,
    Changed(Allocation),
    Refused(String),
}

/// A percentage field that refuses values outside 1..=100; `buf` holds the
/// text while it is edited.
pub fn allocation_field(
    ui: &mut egui::Ui,
    buf: &mut String,
    label: &str,
    current: Allocation,
) -> AllocationInput {
    let resp = ui.add(egui::TextEdit::singleline(buf).desired_width(38.0));
    name_widget(&resp, egui::Role::TextInput, label);
    ui.label("%");
    if !resp.has_focus() && !resp.lost_focus() {
        *buf = current.percent().to_string();
    }
    if resp.lost_focus() {
        return match buf.trim().parse::<u32>().ok().and_then(Allocation::new) {
            Some(a) if a != current => AllocationInput::Changed(a),
            Some(_) => AllocationInput::Unchanged,
            None => {
                let msg = format!(
                    "{label}: \"{}\" is not an allocation; use a whole number from 1 to 100",
                    buf.trim()
                );
                *buf = current.percent().to_string();
                AllocationInput::Refused(msg)
            }
        };
    }
    AllocationInput::Unchanged
}

/// Whether `item` matches a lower-case query.
pub fn matches(query: &str, fields: &[&str]) -> bool {
    query.is_empty() || fields.iter().any(|f| f.to_lowercase().contains(query))
}

/// A list of choices with a filter box above it, virtualised (only visible
/// rows are laid out); returns the index clicked. `label(i)` gives row `i`'s
/// text and `keep(i, query)` whether it matches the lower-case query.
pub fn pick_list(
    ui: &mut egui::Ui,
    id: egui::Id,
    count: usize,
    label: impl Fn(usize) -> String,
    keep: impl Fn(usize, &str) -> bool,
) -> Option<usize> {
    let mut query: String = ui.data(|d| d.get_temp(id).unwrap_or_default());
    let resp = ui.add(
        egui::TextEdit::singleline(&mut query)
            .hint_text("Type to filter")
            .desired_width(260.0),
    );
    name_widget(&resp, egui::Role::TextInput, "Filter");
    if ui.data(|d| d.get_temp::<bool>(id.with("focused")).is_none()) {
        resp.request_focus();
        ui.data_mut(|d| d.insert_temp(id.with("focused"), true));
    }
    let q = query.trim().to_lowercase();
    ui.data_mut(|d| d.insert_temp(id, query));
    let shown: Vec<usize> = (0..count).filter(|&i| keep(i, &q)).collect();
    let mut chosen = None;
    if shown.is_empty() {
        ui.weak("Nothing matches");
    }
    let row_h = ui.spacing().interact_size.y + 2.0;
    // As wide as the filter, names from the left (a menu grows to fit, and
    // rows sized to "all the width there is" made it some 600 px wide with
    // the names centred).
    let width = 260.0;
    ui.set_max_width(width + 16.0);
    egui::ScrollArea::vertical()
        .id_salt(id.with("rows"))
        .max_height(320.0)
        .auto_shrink([true, true])
        .show_rows(ui, row_h, shown.len(), |ui, range| {
            ui.set_min_width(width);
            ui.set_max_width(width);
            // Justified: each row the full width, its text from the left.
            ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                for &i in &shown[range] {
                    if ui
                        .add(
                            egui::Button::new(label(i))
                                .frame(false)
                                .truncate()
                                .min_size(vec2(0.0, row_h - 2.0)),
                        )
                        .clicked()
                    {
                        chosen = Some(i);
                    }
                }
            });
        });
    if chosen.is_some() || resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        if chosen.is_none() && shown.len() == 1 {
            chosen = Some(shown[0]);
        }
        ui.data_mut(|d| {
            d.remove::<String>(id);
            d.remove::<bool>(id.with("focused"));
        });
        if chosen.is_some() {
            ui.close();
        }
    }
    chosen
}

/// A drop-down to pick a person (or nobody), filterable by typing.
pub fn person_picker(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    people: &[Person],
    exclude: Option<&PersonId>,
    value: &mut Option<PersonId>,
    allow_none: bool,
) -> bool {
    let shown = value
        .as_ref()
        .and_then(|v| people.iter().find(|p| &p.id == v))
        .map_or("(nobody)".to_string(), |p| p.name.to_string());
    ui.label(label);
    let mut changed = false;
    let id = ui.scope_id().with(id_salt);
    let r = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(shown)
        .width(ui.available_width() - 8.0)
        .height(380.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            if allow_none && ui.selectable_label(value.is_none(), "(nobody)").clicked() {
                *value = None;
                changed = true;
                ui.close();
            }
            let candidates: Vec<&Person> =
                people.iter().filter(|p| Some(&p.id) != exclude).collect();
            if let Some(i) = pick_list(
                ui,
                id.with("pick"),
                candidates.len(),
                |i| format!("{} ({})", candidates[i].name, candidates[i].id),
                |i, q| matches(q, &[&candidates[i].name, candidates[i].id.as_str()]),
            ) {
                *value = Some(candidates[i].id.clone());
                changed = true;
            }
        });
    // The accessible value is what the control shows (the real value after
    // a refused edit).
    let shown_now = value
        .as_ref()
        .and_then(|v| people.iter().find(|p| &p.id == v))
        .map_or("(nobody)".to_string(), |p| p.name.to_string());
    r.response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label);
        info.current_text_value = Some(shown_now.clone());
        info
    });
    changed
}

/// A small painted badge with text (role badges on rows).
pub fn badge(ui: &egui::Ui, rect: egui::Rect, text: &str, fill: egui::Color32) {
    ui.painter().rect_filled(rect, 5.0, fill);
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(11.0),
        super::theme::ink_on(fill),
    );
}

/// The width of a role badge for `text`.
pub fn badge_width(text: &str) -> f32 {
    10.0 + 6.6 * text.chars().count() as f32
}

/// A role drop-down (abbreviation and name); returns whether it changed.
/// `name` is what assistive technology reads for it.
pub fn role_picker(
    ui: &mut egui::Ui,
    id: &str,
    name: &str,
    cat: &crate::catalog::RoleCatalog,
    value: &mut crate::model::RoleId,
) -> bool {
    let mut changed = false;
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(
            cat.get(value)
                .map_or(value.to_string(), |r| format!("{} — {}", r.abbrev, r.name)),
        )
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            for r in cat.roles() {
                if ui
                    .selectable_label(&r.id == value, format!("{} — {}", r.abbrev, r.name))
                    .clicked()
                {
                    *value = r.id.clone();
                    changed = true;
                }
            }
        });
    name_widget(&r.response, egui::Role::ComboBox, name);
    changed
}

/// Draws `add` in the space `ui` has now, clipped to it, and takes exactly
/// that space: a side panel keeps the width the user gave it, whatever its
/// content asks for (a panel grows to fit its content, and remembers the
/// width, so content a little too wide widened it at every selection).
pub fn within_width(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    let rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    child.shrink_clip_rect(rect);
    add(&mut child);
    ui.advance_cursor_after_rect(rect);
}

/// Where the "the keyboard is in use" flag lives in egui's memory.
fn keyboard_flag() -> egui::Id {
    egui::Id::unique("orgplan-keyboard-focus-visible")
}

/// Tracks whether focus should be shown (as a browser's `:focus-visible`):
/// from a Tab or an arrow key until the next pointer press. Called at the
/// start of each frame.
pub fn track_keyboard(ctx: &egui::Context) {
    let (keys, pointer) = ctx.input(|i| {
        let keys = i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Tab
                        | egui::Key::ArrowUp
                        | egui::Key::ArrowDown
                        | egui::Key::ArrowLeft
                        | egui::Key::ArrowRight
                        | egui::Key::F6,
                    pressed: true,
                    ..
                }
            )
        });
        (keys, i.pointer.any_pressed())
    });
    if keys || pointer {
        ctx.data_mut(|d| d.insert_temp(keyboard_flag(), keys && !pointer));
    }
}

/// Whether focus is being shown (see [`track_keyboard`]).
pub fn keyboard_in_use(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(keyboard_flag()))
        .unwrap_or(false)
}

/// Draws a ring around the focused widget, whatever it is (a roster row,
/// a gap, a button, a field), when the keyboard is in use: just above the
/// widget's own layer, so a dialog over it still hides it. `except` is a
/// widget that shows focus itself (the canvas draws its cursor).
pub fn focus_ring(ctx: &egui::Context, color: egui::Color32, except: Option<egui::Id>) {
    if !keyboard_in_use(ctx) {
        return;
    }
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if Some(id) == except {
        return;
    }
    let Some(r) = ctx.read_response(id) else {
        return;
    };
    let rect = match ctx.layer_transform_to_global(r.layer_id) {
        Some(t) => t * r.interact_rect,
        None => r.interact_rect,
    };
    if !rect.is_positive() {
        return;
    }
    let layer = egui::LayerId::new(r.layer_id.order, r.layer_id.id.with("focus-ring"));
    ctx.set_sublayer(r.layer_id, layer);
    ctx.layer_painter(layer).rect_stroke(
        rect.expand(1.0),
        3.0,
        egui::Stroke::new(2.0, color),
        egui::StrokeKind::Outside,
    );
}

/// `resp.context_menu(add)` that the context-menu key or Shift+F10 also
/// opens when `by_key` (the widget has the keyboard): then below the
/// widget rather than at the pointer.
pub fn context_menu(resp: &Response, by_key: bool, add: impl FnOnce(&mut egui::Ui)) {
    let ctx = &resp.ctx;
    let popup = egui::Popup::default_response_id(resp);
    let flag = resp.id.with("menu-by-key");
    if by_key {
        egui::Popup::open_id(ctx, popup);
        ctx.data_mut(|d| d.insert_temp(flag, true));
    }
    let keyed = ctx.data(|d| d.get_temp::<bool>(flag)).unwrap_or(false);
    let open = egui::Popup::is_id_open(ctx, popup);
    if keyed && !open {
        ctx.data_mut(|d| d.remove::<bool>(flag));
    }
    let menu = egui::Popup::context_menu(resp);
    if keyed && open {
        menu.anchor(resp).show(add);
    } else {
        menu.show(add);
    }
}

/// Whether the context-menu key or Shift+F10 was pressed while `resp`
/// has the keyboard (consumed then).
pub fn menu_key_on(resp: &Response) -> bool {
    resp.has_focus()
        && resp.ctx.input_mut(|i| {
            i.consume_key(egui::Modifiers::NONE, egui::Key::Menu)
                || i.consume_key(egui::Modifiers::SHIFT, egui::Key::F10)
        })
}

fn select_all_flag() -> egui::Id {
    egui::Id::unique("orgplan-dialog-select-all")
}

/// Ctrl+A (⌘A) in a dialog with no text field being typed in: taken, so
/// it never selects the dialog's title text; the dialog's main field (see
/// [`main_field`]) selects all of its own text instead. Called at the
/// start of a frame while a dialog is open.
pub fn dialog_select_all(ctx: &egui::Context) {
    if ctx.text_edit_focused() {
        return;
    }
    let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::A);
    if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
        ctx.with_plugin(|s: &mut egui::text_selection::LabelSelectionState| s.clear_selection());
        ctx.data_mut(|d| d.insert_temp(select_all_flag(), true));
    }
}

/// A dialog's main text field: after Ctrl+A elsewhere in the dialog it
/// takes the keyboard with all of its text selected.
pub fn main_field(ui: &egui::Ui, r: &Response, text: &str) {
    let asked = ui
        .ctx()
        .data_mut(|d| d.remove_temp::<bool>(select_all_flag()))
        .unwrap_or(false);
    if !asked {
        return;
    }
    r.request_focus();
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), r.id) {
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
        state.store(ui.ctx(), r.id);
    }
}

/// Drops a Ctrl+A no dialog field took (the dialog had none).
pub fn forget_select_all(ctx: &egui::Context) {
    ctx.data_mut(|d| d.remove::<bool>(select_all_flag()));
}
