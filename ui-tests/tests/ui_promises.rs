//! The app keeps its promises (issues 8 and 9): files are never silently
//! overwritten, caches never outlive their document, edits are visible.
#![cfg(feature = "gui")]
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgplan::app::{Action, Modal, OrgApp};

fn harness() -> Harness<'static, OrgApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        // Dialogs fade in and scroll areas settle over a few frames.
        .with_max_steps(12)
        .build_eframe(|_cc| OrgApp::with_sample());
    h.run();
    h
}

fn open(h: &mut Harness<'_, OrgApp>, path: &std::path::Path) {
    let ctx = h.ctx.clone();
    h.state_mut().load_document(&ctx, path.to_path_buf());
    // A large org shows "checking…" (and repaints) until its analysis is in.
    h.run_steps(2);
}

/// Opens the in-app file dialog for `action` and confirms `name` in `dir`.
fn choose_in_dialog(
    h: &mut Harness<'_, OrgApp>,
    action: Action,
    dir: &std::path::Path,
    name: &str,
) {
    h.state_mut().act(action);
    h.run();
    orgplan_ui_tests::fill_file_dialog(h, dir, name);
    h.run();
    h.get_by_label("Save").click();
    h.run();
}

fn rename_org(h: &mut Harness<'_, OrgApp>, name: &str) {
    h.state_mut()
        .edit(orgplan::edit::Edit::SetOrgName(name.into()));
    h.run();
}

// Issue 8.2: Save As onto an existing file asks "Replace NAME?".
#[test]
fn save_as_onto_an_existing_file_asks_before_replacing_it() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("theirs.org.ron");
    std::fs::write(&existing, "precious").unwrap();
    choose_in_dialog(
        &mut h,
        Action::Run(orgplan::app::Command::SaveAs),
        dir.path(),
        "theirs.org.ron",
    );
    assert!(
        matches!(
            h.state().modal,
            Some(Modal::ConfirmReplace(
                orgplan::app::modals::ConfirmReplace { .. }
            ))
        ),
        "no confirmation asked"
    );
    h.get_by_label("Replace theirs.org.ron?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");
    assert!(h.state().doc.path.is_none());
    // Issue 20.9: Cancel goes back to the file picker (for another name),
    // in the same folder with the same name; cancelling that ends it.
    match &h.state().modal {
        Some(Modal::File(d)) => {
            assert_eq!(d.dir, dir.path());
            assert_eq!(d.name, "theirs.org.ron");
        }
        _ => panic!("not back at the file picker"),
    }
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal.is_none());
    // Again, and Replace.
    choose_in_dialog(
        &mut h,
        Action::Run(orgplan::app::Command::SaveAs),
        dir.path(),
        "theirs.org.ron",
    );
    h.get_by_label("Replace").click();
    h.run();
    let text = std::fs::read_to_string(&existing).unwrap();
    assert!(text.starts_with("#![enable(implicit_some)]"));
    assert_eq!(h.state().doc.path.as_deref(), Some(existing.as_path()));
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn exports_onto_an_existing_file_ask_too() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("report.html");
    std::fs::write(&existing, "keep me").unwrap();
    choose_in_dialog(
        &mut h,
        Action::ExportReport(orgplan::report::Format::Html),
        dir.path(),
        "report.html",
    );
    assert!(matches!(
        h.state().modal,
        Some(Modal::ConfirmReplace(
            orgplan::app::modals::ConfirmReplace { .. }
        ))
    ));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    assert!(
        matches!(h.state().modal, Some(Modal::File(_))),
        "not back at the picker"
    );
}

// Issue 9.4: Save never overwrites what another program saved meanwhile.
#[test]
fn save_asks_when_the_file_changed_on_disk_since_it_was_opened() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.org.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/startup.org.ron"),
        &path,
    )
    .unwrap();
    open(&mut h, &path);
    rename_org(&mut h, "My edit");
    // Another program saves the file.
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Tiny Startup", "Their edit");
    std::fs::write(&path, &theirs).unwrap();
    h.state_mut().act(Action::Run(orgplan::app::Command::Save));
    h.run();
    assert!(
        matches!(
            h.state().modal,
            Some(Modal::ChangedOnDisk(
                orgplan::app::modals::ChangedOnDisk { .. }
            ))
        ),
        "saved over someone else's change"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    h.get_by_label("Overwrite");
    h.get_by_label("Save As…");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert!(h.state().doc.is_dirty());
    // Overwrite is a deliberate choice.
    h.state_mut().act(Action::Run(orgplan::app::Command::Save));
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("name: \"My edit\"")
    );
    assert!(!h.state().doc.is_dirty());
    // Saving again without outside changes just saves.
    rename_org(&mut h, "Second edit");
    h.state_mut().act(Action::Run(orgplan::app::Command::Save));
    h.run();
    assert!(h.state().modal.is_none());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("name: \"Second edit\"")
    );
}

// ---------------------------------------------------------------------------
// Issue 8: the app keeps its promises.

use egui::{Key, Modifiers};
use orgplan::app::{Selection, Tab};
use orgplan::model::{PersonId, Subject, TeamId};

/// A node's text, whether egui put it in the label or the value.
fn text_of(n: &egui_kittest::Node<'_>) -> String {
    n.accesskit_node()
        .label()
        .or_else(|| n.value())
        .unwrap_or_default()
        .to_string()
}

fn write_org(dir: &std::path::Path, name: &str, org: &orgplan::model::Org) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, orgplan::io::to_canonical_string(org)).unwrap();
    p
}

/// Runs frames until the analysis describes the org (large orgs are
/// analysed on a worker).
fn settle(h: &mut Harness<'_, OrgApp>) {
    h.state_mut().doc.wait_until_current();
    h.run_steps(3);
}

/// Scrolls over the widget labelled `label`.
fn scroll_over(h: &mut Harness<'_, OrgApp>, label: &str, dy: f32) {
    let at = h.get_by_label(label).rect().center();
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
    });
    // Scrolling animates for a few frames.
    h.run_steps(8);
}

// 8.1: open a big org, then a small one: every cached view shows the small
// one, and scrolling the roster does not crash.
#[test]
fn every_cached_view_follows_the_document_across_opens() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let big = orgplan::support::generate::generate(2600, 4);
    let big_path = write_org(dir.path(), "big.org.ron", &big);
    let small_path = dir.path().join("small.org.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/startup.org.ron"),
        &small_path,
    )
    .unwrap();
    let small = orgplan::io::load_file(&small_path).unwrap();
    // Look at every view of the big org so each fills its cache.
    open(&mut h, &big_path);
    settle(&mut h);
    h.state_mut().canvas.zoom_to(0.05);
    h.run();
    h.run();
    for tab in [Tab::Matrix, Tab::Reporting, Tab::Canvas] {
        h.state_mut().tab = tab;
        h.run();
    }
    assert!(h.get_all_by_label_contains(" shown · ").count() == 1);
    // Then the small org, with no edit in between.
    open(&mut h, &small_path);
    settle(&mut h);
    let shown = text_of(&h.get_by_label_contains(" shown · "));
    assert!(
        shown.starts_with(&format!("{} shown", small.people.len())),
        "roster still shows the other org: {shown}"
    );
    // Scrolling the roster used to index past the end of the new org.
    scroll_over(
        &mut h,
        &format!("{} in roster", small.people[0].name),
        -2000.0,
    );
    scroll_over(
        &mut h,
        &format!("{} in roster", small.people[0].name),
        2000.0,
    );
    h.get_by_label(&format!("{} in roster", small.people[0].name));
    assert!(
        h.query_by_label(&format!("{} in roster", big.people[5].name))
            .is_none()
    );
    // The overview mesh belongs to the new document.
    h.state_mut().canvas.zoom_to(0.05);
    h.run();
    h.run();
    assert_eq!(
        h.state().canvas.overview_revision(),
        Some(h.state().doc.revision())
    );
    // The reporting tree and the matrix too.
    h.state_mut().tab = Tab::Reporting;
    h.run();
    h.get_by_label(&format!("{} in reporting tree", small.people[0].name));
    assert!(
        h.query_by_label(&format!("{} in reporting tree", big.people[0].name))
            .is_none()
    );
    h.state_mut().tab = Tab::Matrix;
    h.run();
    h.get_by_label(&small.teams[0].name);
    assert!(h.query_by_label(&big.teams[3].name).is_none());
    // The same after Restore from recovery: back on the big org, restore
    // the small one.
    h.state_mut().tab = Tab::Canvas;
    open(&mut h, &big_path);
    settle(&mut h);
    let shown = text_of(&h.get_by_label_contains(" shown · "));
    assert!(
        shown.starts_with(&format!("{} shown", big.people.len())),
        "{shown}"
    );
    h.state_mut().modal = Some(Modal::Recovery(orgplan::app::modals::RecoveryDialog {
        org: Box::new(small.clone()),
        path: None,
        saved: "just now".into(),
    }));
    h.run();
    h.get_by_label("Restore").click();
    h.run();
    settle(&mut h);
    let shown = text_of(&h.get_by_label_contains(" shown · "));
    assert!(
        shown.starts_with(&format!("{} shown", small.people.len())),
        "roster still shows the other org after Restore: {shown}"
    );
    scroll_over(
        &mut h,
        &format!("{} in roster", small.people[0].name),
        2000.0,
    );
    h.state_mut().tab = Tab::Reporting;
    h.run();
    h.get_by_label(&format!("{} in reporting tree", small.people[0].name));
    assert!(
        h.query_by_label(&format!("{} in reporting tree", big.people[0].name))
            .is_none()
    );
}

// 8.3: the org name keeps every keystroke and is one undo step.
/// Focuses the text field `label`, selects all, and types `text` one
/// keystroke a frame, as a person does.
fn type_key_by_key(h: &mut Harness<'_, OrgApp>, label: &str, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    for c in text.chars() {
        h.get_by_role_and_label(egui::Role::TextInput, label)
            .type_text(&c.to_string());
        h.run();
    }
}

#[test]
fn the_org_name_keeps_every_keystroke_and_is_one_step() {
    let mut h = harness();
    type_key_by_key(&mut h, "Org name", "Acme Ltd");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().doc.org().name, "Acme Ltd");
    assert_eq!(h.state().doc.undo_label(), Some("rename org"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.org().name, "Northwind Commerce");
}

// 8.4: the panels take their colours from the theme.
#[test]
fn panels_follow_the_light_theme() {
    let mut h = harness();
    h.state_mut()
        .act(Action::Run(orgplan::app::Command::ToggleTheme));
    h.run();
    let tokens = orgplan::app::theme::Tokens::new(false);
    let v = h.ctx.global_style().visuals.clone();
    assert!(!v.dark_mode);
    assert_eq!(v.panel_fill, tokens.panel_bg);
    assert!(
        orgplan::app::theme::contrast(v.widgets.noninteractive.fg_stroke.color, v.panel_fill)
            >= 4.5
    );
}

// 8.5: canvas text is laid out at the size it is shown, not at 100% and
// shrunk by the GPU (which drops thin strokes).
#[test]
fn canvas_text_is_laid_out_at_its_on_screen_size() {
    let mut h = harness();
    for zoom in [0.57_f32, 0.66, 1.0] {
        h.state_mut().canvas.zoom_to(zoom);
        h.run();
        h.run_steps(1);
        let shapes = &h.output().shapes;
        let mut sizes = Vec::new();
        for clipped in shapes.iter() {
            if let egui::Shape::Text(t) = &clipped.shape
                && t.galley.job.text.contains("Alice Chen")
            {
                sizes.push(t.galley.job.sections[0].format.font_id.size);
            }
        }
        let expect = (13.0 * zoom * 2.0).round() / 2.0;
        assert!(
            sizes.iter().any(|s| (s - expect).abs() < 0.01),
            "at {zoom}: chip text laid out at {sizes:?}, not {expect}"
        );
    }
}

// 8.6: a refused edit leaves the control showing the real value and says
// why next to it.
#[test]
fn a_refused_manager_shows_the_real_value_and_why_next_to_it() {
    let mut h = harness();
    h.state_mut().act(Action::Select(Some(Selection::Person(
        PersonId::new("priya"),
        None,
    ))));
    h.run();
    let before = h.state().doc.org().clone();
    h.get_by_role_and_label(egui::Role::ComboBox, "Manager")
        .click();
    h.run();
    // The list is filterable: type to find Bo among everyone.
    h.get_by_role_and_label(egui::Role::TextInput, "Filter")
        .type_text("bo park");
    h.run();
    h.get_by_label("Bo Park (bo)").click();
    h.run();
    assert_eq!(*h.state().doc.org(), before, "a loop was applied");
    let manager = h.get_by_role_and_label(egui::Role::ComboBox, "Manager");
    assert_eq!(
        manager.value().as_deref(),
        Some("(nobody)"),
        "the control shows the refused value"
    );
    let err = h.get_by_label_contains("Not applied:");
    assert!(text_of(&err).contains("reporting chain"));
    // Right under the control, and inside the visible inspector.
    let (m, e) = (
        h.get_by_role_and_label(egui::Role::ComboBox, "Manager")
            .rect(),
        err.rect(),
    );
    assert!(
        e.top() >= m.bottom() - 1.0 && e.top() - m.bottom() < 40.0,
        "{m:?} {e:?}"
    );
    assert!(e.bottom() < 900.0 * 0.55, "the reason is off-screen: {e:?}");
}

// 8.7: the recovery file mirrors the unsaved state and is per document.
#[test]
fn recovery_mirrors_the_unsaved_state() {
    let dir = tempfile::tempdir().unwrap();
    let rec_dir = dir.path().join("recovery");
    let make = |dir: &std::path::Path| {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1440.0, 900.0))
            .build_eframe({
                let dir = dir.to_path_buf();
                move |_cc| {
                    let mut app = OrgApp::new(
                        orgplan::app::sample_document(),
                        orgplan::app::Settings::default(),
                        Some(orgplan::app::Recovery::new(dir)),
                        false,
                    );
                    app.life.autosave_secs = 0.0;
                    app
                }
            });
        h.run();
        h
    };
    let mut h = make(&rec_dir);
    let file = rec_dir.join("recovery.org.ron");
    rename_org(&mut h, "Work in progress");
    h.run();
    assert!(file.exists(), "dirty work was not autosaved");
    // Undo back to the saved state: nothing to recover any more.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert!(
        !file.exists(),
        "recovery kept a state that no longer exists"
    );
    // Dirty again, then another document is opened (after Discard).
    rename_org(&mut h, "Again");
    h.run();
    assert!(file.exists());
    let other = dir.path().join("other.org.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/startup.org.ron"),
        &other,
    )
    .unwrap();
    h.state_mut().act(Action::OpenPath(other.clone()));
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(other.as_path()));
    assert!(!file.exists(), "recovery of the previous document survived");
    drop(h);
    // The app "dies" here; the next start offers nothing stale.
    let h = make(&rec_dir);
    assert!(!matches!(
        h.state().modal,
        Some(Modal::Recovery(orgplan::app::modals::RecoveryDialog { .. }))
    ));
}

// 8.8: a new item appears in view, selected, its name field focused.
#[test]
fn new_items_appear_in_view_selected_with_the_name_focused() {
    let mut h = harness();
    h.get_by_label("+ Team").click();
    h.run();
    h.run();
    let Some(Selection::Team(t)) = h.state().selection.clone() else {
        panic!("the new team is not selected: {:?}", h.state().selection)
    };
    let card = h
        .state()
        .doc
        .layout()
        .card(&orgplan::model::CardId::Team(t.clone()))
        .unwrap()
        .rect;
    let view = h.state().canvas.scene_rect;
    let r = egui::Rect::from_min_size(egui::pos2(card.x, card.y), egui::vec2(card.w, card.h));
    assert!(
        view.contains_rect(r),
        "new team card {r:?} is not in view {view:?}"
    );
    assert!(
        h.get_by_role_and_label(egui::Role::TextInput, "Name")
            .is_focused()
    );
    // Typing names it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Name")
        .type_text("Billing");
    h.key_press(Key::Enter);
    h.run();
    // ... and its id comes from that first name (issue 20.8).
    let billing = TeamId::new("billing");
    assert_eq!(h.state().doc.org().team(&billing).unwrap().name, "Billing");
    assert!(h.state().doc.org().team(&t).is_none());
    assert_eq!(h.state().selection, Some(Selection::Team(billing)));

    h.get_by_label("+ Person").click();
    h.run();
    h.run();
    assert!(matches!(
        h.state().selection,
        Some(Selection::Person(_, None))
    ));
    assert!(
        h.get_by_role_and_label(egui::Role::TextInput, "Name")
            .is_focused()
    );
}

// 8.9: Ctrl+F finds a team in a large org and shows it.
#[test]
fn ctrl_f_finds_a_team_and_shows_it() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let big = orgplan::support::generate::generate(2600, 2);
    let path = write_org(dir.path(), "big.org.ron", &big);
    open(&mut h, &path);
    settle(&mut h);
    let target = &big.teams[big.teams.len() - 1];
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Find")
        .type_text(target.id.as_str());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(
        h.state().selection,
        Some(Selection::Team(target.id.clone()))
    );
    let card = h
        .state()
        .doc
        .layout()
        .card(&orgplan::model::CardId::Team(target.id.clone()))
        .unwrap()
        .rect;
    let c = egui::pos2(card.x + card.w / 2.0, card.y + card.h / 2.0);
    assert!(
        h.state().canvas.scene_rect.contains(c),
        "not panned to the team"
    );
    // Fit on a large org is too far out to read a card: the found one is
    // shown at a readable zoom.
    assert!(
        h.state().canvas.zoom() >= 0.5,
        "zoom {}",
        h.state().canvas.zoom()
    );
    // A person in the reporting tree.
    h.state_mut().tab = Tab::Reporting;
    h.run();
    let person = &big.people[big.people.len() - 1];
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Find")
        .type_text(person.id.as_str());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(
        h.state().selection.as_ref().map(|s| s.subject()),
        Some(Subject::Person(person.id.clone()))
    );
    h.get_by_label(&format!("{} in reporting tree", person.name));
}

// 8.10: no layout jumps, nothing clipped.
#[test]
fn clicking_a_finding_does_not_move_the_gaps_list() {
    let mut h = harness();
    let before = h.get_by_label("Filter gaps").rect();
    h.get_all_by_label_contains("EU expansion spans")
        .next()
        .unwrap()
        .click();
    h.run();
    h.run();
    assert!(h.state().selection.is_some());
    let after = h.get_by_label("Filter gaps").rect();
    assert_eq!(before.top(), after.top(), "the gaps list moved");
}

#[test]
fn fit_shows_every_card_of_a_very_large_org() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let big = orgplan::support::generate::generate(10_000, 1);
    let path = write_org(dir.path(), "huge.org.ron", &big);
    open(&mut h, &path);
    // Analysed on a worker while frames go on.
    h.step();
    h.state_mut().doc.wait_until_current();
    h.run();
    let cards = &h.state().doc.layout().cards;
    let view = h.state().canvas.scene_rect.expand(1.0);
    for c in cards {
        let r = egui::Rect::from_min_size(
            egui::pos2(c.rect.x, c.rect.y),
            egui::vec2(c.rect.w, c.rect.h),
        );
        assert!(
            view.contains_rect(r),
            "{:?} is cut off by fit ({view:?})",
            c.card
        );
    }
}

#[test]
fn the_export_dialog_speaks_of_what_it_saves() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    h.state_mut()
        .act(Action::Run(orgplan::app::Command::ExportPng));
    h.run();
    let Some(Modal::File(d)) = &mut h.state_mut().modal else {
        panic!("no file dialog")
    };
    d.dir = dir.path().to_path_buf();
    h.run();
    // Refresh the listing of the empty folder.
    if let Some(Modal::File(d)) = &mut h.state_mut().modal {
        *d = orgplan::app::InAppDialog::new(
            orgplan::app::DialogPurpose::ExportPng,
            dir.path().to_path_buf(),
            "canvas.png".into(),
        );
    }
    h.run();
    h.get_by_label("No PNG images here.");
    assert!(h.query_by_label("No org files here.").is_none());
}

#[test]
fn the_matrix_name_column_stays_while_cells_scroll() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_eframe(|_cc| OrgApp::with_sample());
    h.run();
    h.state_mut().tab = Tab::Matrix;
    h.run();
    let before = h.get_by_label("Checkout").rect();
    let at = h.get_by_label("Checkout").rect().center() + egui::vec2(300.0, 0.0);
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-400.0, 0.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
    });
    h.run_steps(8);
    let after = h.get_by_label("Checkout").rect();
    assert_eq!(before.left(), after.left(), "the name column scrolled away");
}

#[test]
fn drop_hints_stay_inside_the_window() {
    let mut h = harness();
    // A drag that ends near the right edge of the window.
    let from = h.get_by_label("PM-T role chip").rect().center();
    let screen = h.ctx.content_rect();
    let to = egui::pos2(screen.right() - 8.0, screen.center().y);
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for k in 1..=8 {
        let p = from + (to - from) * (k as f32 / 8.0);
        h.hover_at(p);
        h.step();
    }
    h.run_steps(2);
    let ghost = h
        .ctx
        .memory(|m| m.area_rect(egui::Id::unique("orgplan-drag-ghost")));
    let r = ghost.expect("no drag hint shown");
    assert!(
        screen.contains_rect(r),
        "hint {r:?} is cut off ({screen:?})"
    );
    h.drop_at(to);
    h.run();
}

#[test]
fn a_team_id_is_typed_in_full_and_refused_ids_revert() {
    // Text fields keep every keystroke: an id typed letter by letter.
    let mut h = harness();
    h.state_mut()
        .act(Action::Select(Some(Selection::Team(TeamId::new(
            "checkout",
        )))));
    h.run();
    type_key_by_key(&mut h, "Team id", "checkout-eu");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state()
            .doc
            .org()
            .team(&TeamId::new("checkout-eu"))
            .is_some()
    );
}

// Issue 10: undo and redo through the app, for every kind of edit, restore
// the org byte for byte (inverse edits, no snapshots).
#[test]
fn undo_redo_of_every_edit_kind_through_the_app_is_byte_for_byte() {
    let base = orgplan::samples::builtin();
    for edit in orgplan::edit::examples::every_kind(&base) {
        let mut h = harness();
        let before = orgplan::io::to_canonical_string(h.state().doc.org());
        h.state_mut().edit(edit.clone());
        h.run();
        let after = orgplan::io::to_canonical_string(h.state().doc.org());
        assert_ne!(before, after, "{edit:?} changed nothing");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(
            orgplan::io::to_canonical_string(h.state().doc.org()),
            before,
            "undo of {edit:?}"
        );
        assert!(!h.state().doc.is_dirty(), "undo of {edit:?} left it dirty");
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run();
        assert_eq!(
            orgplan::io::to_canonical_string(h.state().doc.org()),
            after,
            "redo of {edit:?}"
        );
        // What the app saves is a canonical file: fmt leaves it as is.
        let reread = orgplan::io::load_str(&after, "x").unwrap();
        assert_eq!(orgplan::io::to_canonical_string(&reread), after);
    }
}

// ---------------------------------------------------------------------------
// Issue 11: proposals in the app.

fn choose_file(h: &mut Harness<'_, OrgApp>, action: Action, path: &std::path::Path, button: &str) {
    h.state_mut().act(action);
    h.run();
    orgplan_ui_tests::fill_file_dialog(
        h,
        path.parent().unwrap(),
        &path.file_name().unwrap().to_string_lossy(),
    );
    h.run();
    h.get_by_label(button).click();
    h.run();
}

#[test]
fn compare_with_a_file_shows_the_changes_tab_and_marks_the_canvas() {
    let mut h = harness();
    let proposal = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/diff/scaleup-proposal.org.ron"
    ))
    .canonicalize()
    .unwrap();
    // The built-in sample (today's org) compared with the proposal file:
    // here the file is the base, so compare the other way round by opening
    // the proposal and comparing it with the sample saved to disk.
    let dir = tempfile::tempdir().unwrap();
    let today = dir.path().join("today.org.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/scaleup.org.ron"),
        &today,
    )
    .unwrap();
    open(&mut h, &proposal);
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::CompareWith),
        &today,
        "Open",
    );
    h.run();
    assert_eq!(h.state().tab, Tab::Changes);
    h.get_by_label_contains("This proposal closes 5 gaps (1 error), opens 8");
    // Clicking a change shows its subject.
    h.get_by_label("Tara Singh: Mobile iOS → Mobile Android")
        .scroll_to_me();
    h.run_steps(4);
    h.get_by_label("Tara Singh: Mobile iOS → Mobile Android")
        .click();
    h.run();
    assert_eq!(
        h.state().selection.as_ref().map(|s| s.subject()),
        Some(Subject::Person(PersonId::new("tara")))
    );
    // On the canvas the moved people are marked with where they came from.
    h.state_mut().tab = Tab::Canvas;
    h.state_mut().canvas.zoom_to(1.0);
    h.run();
    h.run_steps(2);
    let texts: Vec<String> = h
        .output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Text(t) => Some(t.galley.job.text.clone()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t == "from Mobile iOS"), "no move mark");
    assert!(texts.iter().any(|t| t == "new"), "no new-card tag");
    // The comparison follows edits.
    h.state_mut()
        .edit(orgplan::edit::Edit::DeleteTeam(TeamId::new(
            "mobile-android",
        )));
    h.run();
    let d = h.state().doc.derived().diff.clone().unwrap();
    assert!(
        !d.changes.iter().any(|c| c.kind.id() == "team-created"),
        "the comparison did not follow the edit"
    );
    // Stop comparing restores the plain canvas.
    h.state_mut()
        .act(Action::Run(orgplan::app::Command::StopComparing));
    h.run();
    assert!(h.state().doc.comparing().is_none());
    assert!(h.state().doc.derived().diff.is_none());
}

#[test]
fn save_as_proposal_compares_the_copy_with_the_original_and_exports() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("reorg.org.ron");
    // The sample is unsaved: it is saved first, as the base (issue 20.2),
    // then the proposal's dialog follows.
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::SaveAsProposal),
        &dir.path().join("today.org.ron"),
        "Save",
    );
    h.run();
    orgplan_ui_tests::fill_file_dialog(&mut h, dir.path(), "reorg.org.ron");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(copy.exists(), "the proposal was not saved");
    assert_eq!(h.state().doc.path.as_deref(), Some(copy.as_path()));
    assert_eq!(h.state().tab, Tab::Changes);
    h.get_by_label("No changes.");
    // Sketch a change: a TPM leads EU expansion.
    h.state_mut().edit(orgplan::edit::Edit::AddToInitiative {
        initiative: orgplan::model::InitiativeId::new("eu-expansion"),
        person: PersonId::new("erin"),
        allocation: orgplan::model::Allocation::new(20).unwrap(),
    });
    h.run();
    h.get_by_label_contains("This proposal closes");
    // Export the comparison as Markdown and HTML.
    for (fmt, name) in [
        (orgplan::diff::render::DiffFormat::Markdown, "changes.md"),
        (orgplan::diff::render::DiffFormat::Html, "changes.html"),
    ] {
        let out = dir.path().join(name);
        choose_file(&mut h, Action::ExportComparison(fmt), &out, "Save");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("closes"), "{name}");
    }
    // Compare with the saved version: what changed since the last save.
    h.state_mut()
        .act(Action::Run(orgplan::app::Command::CompareWithSaved));
    h.run();
    assert!(
        h.state()
            .doc
            .comparing()
            .is_some_and(|c| c.label.contains("(saved)"))
    );
    let d = h.state().doc.derived().diff.clone().unwrap();
    assert!(d.changes.iter().any(|c| c.kind.id() == "membership-added"));
}

// ---------------------------------------------------------------------------
// Issue 12: File → Import people…

#[test]
fn import_people_dialog_maps_columns_and_titles_and_makes_a_new_unsaved_org() {
    let mut h = harness();
    let export = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/import/A.csv"
    ))
    .canonicalize()
    .unwrap();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &export,
        "Open",
    );
    h.run();
    assert!(
        matches!(h.state().modal, Some(Modal::Import(_))),
        "no import dialog"
    );
    // Counts of what the mapping gives, and the first people as read.
    h.get_by_label_contains("68 people, 10 teams");
    h.get_by_label_contains("Gaps in the imported org:");
    // Ivo Sato is the first person, and the manager of the next ones.
    assert!(h.get_all_by_label("Ivo Sato").count() >= 2);
    // A title no pattern maps gets a role picker; choosing a role is
    // reflected in the import.
    h.get_by_label("Role for UX Designer").click();
    h.run();
    h.get_by_label("PM — Product Manager").click();
    h.run();
    // A column can be changed: without the team column there are no teams.
    h.get_by_label("Column for Team").click();
    h.run();
    let nones: Vec<_> = h.get_all_by_label("— none —").collect();
    nones.last().unwrap().click();
    h.run();
    // Without a team column, teams come from reporting lines (docs/import.md
    // "Teams"), and the dialog no longer says it reads Department.
    h.get_by_label_contains("68 people, 10 teams");
    assert!(h.query_by_label_contains("team ← Department").is_none());
    // Put it back through the drop-down.
    h.get_by_label("Column for Team").click();
    h.run();
    h.get_all_by_label("Department").last().unwrap().click();
    h.run();
    h.get_by_label_contains("68 people, 10 teams");
    h.get_by_label("Import as a new org").click();
    h.run();
    let s = h.state();
    assert!(s.modal.is_none());
    let org = s.doc.org();
    assert_eq!(org.people.len(), 68);
    assert_eq!(org.teams.len(), 10);
    let lena = org.people.iter().find(|p| p.name == "Lena Jensen").unwrap();
    assert_eq!(lena.role.as_str(), "PM", "the title's chosen role");
    // New and unsaved: nothing on disk changed, closing asks to save.
    assert!(s.doc.path.is_none());
    assert!(s.doc.is_dirty());
}

/// File → Import people… of a copy of `A.csv`, as a new org: the folder,
/// the export's path (to write next month's export to) and its text.
fn import_a_as_new_org(
    h: &mut Harness<'_, OrgApp>,
) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("people.csv");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/import/A.csv"
    ))
    .unwrap();
    std::fs::write(&export, &text).unwrap();
    choose_file(
        h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &export,
        "Open",
    );
    h.get_by_label("Import as a new org").click();
    h.run();
    (dir, export, text)
}

#[test]
fn import_people_can_update_the_open_org_as_one_undo_step() {
    let mut h = harness();
    // The org as first imported, with a plan on top (an initiative).
    let (_dir, export, text) = import_a_as_new_org(&mut h);
    let mut ini = orgplan::model::Initiative::new("launch", "Launch");
    ini.teams = vec![h.state().doc.org().teams[2].id.clone()];
    h.state_mut().edit(orgplan::edit::Edit::AddInitiative(ini));
    h.run();
    let before = orgplan::io::to_canonical_string(h.state().doc.org());
    // HR's next export: a new hire.
    std::fs::write(
        &export,
        format!("{text}9999,1002,Nova Hire,Software Engineer,Checkout\n"),
    )
    .unwrap();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &export,
        "Open",
    );
    h.get_by_label_contains("Update the open org (").click();
    h.run();
    h.get_by_label_contains("Updating people:");
    h.get_by_label("Update the open org").click();
    h.run();
    let org = h.state().doc.org();
    assert_eq!(org.people.len(), 69);
    assert!(org.people.iter().any(|p| p.name == "Nova Hire"));
    assert!(
        org.initiative(&orgplan::model::InitiativeId::new("launch"))
            .is_some(),
        "the plan is kept"
    );
    // One undo step takes it all back.
    assert_eq!(h.state().doc.undo_label(), Some("import people"));
    h.state_mut().act(Action::Run(orgplan::app::Command::Undo));
    h.run();
    assert_eq!(
        orgplan::io::to_canonical_string(h.state().doc.org()),
        before
    );
}

#[test]
fn import_people_names_each_change_and_lets_a_conflict_be_decided() {
    let mut h = harness();
    let (_dir, export, text) = import_a_as_new_org(&mut h);
    // The plan moves Omar Lund (1054) from Checkout to Mobile.
    let id = |s: &str| orgplan::model::TeamId::new(s);
    h.state_mut().edit(orgplan::edit::Edit::MoveToTeam {
        person: orgplan::model::PersonId::new("1054"),
        from: id("checkout"),
        to: id("mobile"),
    });
    h.run();
    // HR moves him to Growth, and Omar Abara (1109) leaves.
    let next: String = text
        .lines()
        .filter(|l| !l.starts_with("1109,"))
        .map(|l| {
            if l.starts_with("1054,") {
                l.replace(",Checkout", ",Growth")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&export, next).unwrap();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &export,
        "Open",
    );
    h.get_by_label_contains("Update the open org (").click();
    h.run();
    h.get_by_label_contains("67 of 67 people in the export match the org; 1 leaves; 1 conflict");
    h.get_by_label_contains("- Omar Abara");
    h.get_by_label_contains("Omar Lund: HR moved them to Growth, the plan to Mobile; kept Mobile");
    // Take HR's side of the conflict; the preview follows.
    h.get_by_label("Take HR").click();
    h.run();
    h.get_by_label_contains("Omar Lund: HR moved them to Growth, the plan to Mobile; kept Growth");
    h.get_by_label("Update the open org").click();
    h.run();
    let org = h.state().doc.org();
    let omar = orgplan::model::PersonId::new("1054");
    assert!(org.team(&id("growth")).unwrap().member(&omar).is_some());
    assert!(org.team(&id("mobile")).unwrap().member(&omar).is_none());
    assert!(org.people.iter().all(|p| p.name != "Omar Abara"));
}

#[test]
fn import_people_says_what_it_read_from_where() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("hr.csv");
    std::fs::write(
        &export,
        "id,parentId,name,lastName,position,email,department_name\n\
         200,,Nadia,Ferro,Engineering Director,NFERRO,Executive\n\
         201,200,Omar,Haddad,Engineering Manager,OHADDAD,IT\n\
         202,201,Pia,Lund,Software Engineer,PLUND,IT\n",
    )
    .unwrap();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &export,
        "Open",
    );
    h.get_by_label_contains("name ← name + lastName");
    h.get_by_label_contains("manager ← parentId (ids)");
    h.get_by_label_contains("team ← department_name");
    h.get_by_label_contains("email ← not \"email\": it holds no email addresses");
    h.get_by_label("Import as a new org").click();
    h.run();
    let org = h.state().doc.org();
    assert!(org.people.iter().any(|p| p.name == "Omar Haddad"));
}

#[test]
fn import_people_offers_the_sheets_of_a_workbook_and_names_bad_files() {
    let mut h = harness();
    let book = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/import/workday.xlsx"
    ))
    .canonicalize()
    .unwrap();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &book,
        "Open",
    );
    // The first sheet is notes, not people: the dialog says why it cannot
    // import, and offers the other sheet.
    h.get_by_label_contains("no name column");
    h.get_by_label("Sheet to import").click();
    h.run();
    // (the last "People": the open menu's, over the app's palette heading)
    h.get_all_by_label("People").last().unwrap().click();
    h.run();
    h.get_by_label_contains("people, ");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal.is_none());
    // A file that is not an export: one line, nothing changes.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("photo.csv");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let name = h.state().doc.org().name.clone();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &bad,
        "Open",
    );
    let Some(Modal::Error(orgplan::app::modals::ErrorDialog { message, .. })) = &h.state().modal
    else {
        panic!("no error shown")
    };
    assert!(message.starts_with("photo.csv: "), "{message}");
    assert!(!message.contains('\n'));
    assert_eq!(h.state().doc.org().name, name);
}

/// Steps the app until `done` holds (the watcher reports on its own
/// thread, debounced), for at most `secs` seconds.
fn step_until(h: &mut Harness<'_, OrgApp>, secs: u32, done: impl Fn(&OrgApp) -> bool) -> bool {
    for _ in 0..secs * 20 {
        h.step();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

// Issue 22.6: the open file changed on disk (an editor, git).
#[test]
fn a_file_changed_on_disk_reloads_when_clean_and_asks_when_not() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.org.ron");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../samples/startup.org.ron"
    ))
    .unwrap();
    std::fs::write(&path, &text).unwrap();
    if orgplan::app::watch::FileWatch::new(&path, || {}).is_none() {
        eprintln!("skipped: this machine cannot watch folders (no inotify)");
        return;
    }
    open(&mut h, &path);
    let name = h.state().doc.org().name.clone();
    // The app's own save is not someone else's change.
    h.state_mut().act(Action::Run(orgplan::app::Command::Save));
    h.run();
    assert!(!step_until(&mut h, 1, |a| a
        .toast
        .as_ref()
        .is_some_and(|t| t.text.starts_with("Reloaded"))));
    // Clean: another program's save (by rename, as editors do) reloads.
    let edited = text.replacen(
        &format!("name: \"{name}\""),
        "name: \"Edited elsewhere\"",
        1,
    );
    assert_ne!(edited, text);
    let tmp = dir.path().join("org.org.ron~");
    std::fs::write(&tmp, &edited).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    assert!(
        step_until(&mut h, 5, |a| a.doc.org().name == "Edited elsewhere"),
        "not reloaded"
    );
    assert!(!h.state().doc.is_dirty());
    assert!(
        h.state()
            .toast
            .as_ref()
            .unwrap()
            .text
            .starts_with("Reloaded")
    );
    // Unsaved edits: it asks, and Reload takes what is on disk.
    rename_org(&mut h, "Mine");
    std::fs::write(&path, edited.replacen("Edited elsewhere", "Theirs", 1)).unwrap();
    assert!(
        step_until(&mut h, 5, |a| matches!(
            a.modal,
            Some(Modal::ReloadChanged(_))
        )),
        "not asked"
    );
    assert_eq!(h.state().doc.org().name, "Mine");
    h.run();
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(h.state().doc.org().name, "Theirs");
    assert!(!h.state().doc.is_dirty());
}

/// Opens File → Import people… on `path` without `Harness::run` (a spinner
/// repaints continuously while a large export is read).
fn start_import(h: &mut Harness<'_, OrgApp>, path: &std::path::Path) {
    h.state_mut()
        .act(Action::Run(orgplan::app::Command::ImportPeople));
    for _ in 0..10 {
        if h.state().modal.is_some() {
            break;
        }
        h.step();
    }
    orgplan_ui_tests::fill_file_dialog(
        h,
        path.parent().unwrap(),
        &path.file_name().unwrap().to_string_lossy(),
    );
    h.step();
    h.get_by_label("Open").click();
    // The click, the dialog chosen, its first (sizing) frame, then drawn.
    for _ in 0..3 {
        h.step();
    }
}

#[test]
fn a_large_export_is_read_and_imported_in_the_background_and_can_be_cancelled() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("people.csv");
    let org = orgplan::support::generate::generate(25_000, 3);
    let csv = orgplan::import::export_people_csv(&org);
    assert!(csv.len() as u64 >= orgplan::app::import::BACKGROUND_BYTES);
    std::fs::write(&export, csv).unwrap();
    let before = orgplan::io::to_canonical_string(h.state().doc.org());

    // Reading: a dialog that says so, with Cancel, and the app responsive.
    start_import(&mut h, &export);
    assert!(
        matches!(h.state().modal, Some(Modal::ImportLoading(_))),
        "not reading in the background"
    );
    h.get_by_label_contains("Reading people.csv");
    h.get_by_label("Cancel").click();
    h.step();
    assert!(h.state().modal.is_none(), "Cancel did not close it");
    assert_eq!(
        orgplan::io::to_canonical_string(h.state().doc.org()),
        before
    );

    // Again, to the end: the dialog opens, works the import out off the UI
    // thread (saying so), then shows its counts; Import makes the org.
    start_import(&mut h, &export);
    assert!(
        step_until(&mut h, 120, |s| matches!(s.modal, Some(Modal::Import(_)))),
        "the import dialog never opened"
    );
    let working = |s: &OrgApp| matches!(&s.modal, Some(Modal::Import(d)) if d.working());
    if working(h.state()) {
        h.get_by_label_contains("Reading 25000 rows with this mapping");
    }
    assert!(
        step_until(&mut h, 120, |s| {
            matches!(&s.modal, Some(Modal::Import(d)) if !d.working() && d.result().is_some())
        }),
        "the import was never worked out"
    );
    h.step();
    h.get_by_label_contains(&format!("{} people,", org.people.len()));
    h.get_by_label("Import as a new org").click();
    h.step();
    h.step();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().doc.org().people.len(), org.people.len());
}

// Issue 20.4: `orgplan broken.org.ron` (or a double-click in a file
// manager) opens the window with the error, the built-in sample behind it.
#[test]
fn a_broken_file_given_at_start_opens_the_window_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.org.ron");
    std::fs::write(&broken, "(format: 1, name: \"x\", people: [(id: \"a\"").unwrap();
    let (doc, opened) = orgplan::app::open_at_start(Some(&broken));
    let message = opened.unwrap_err();
    assert!(message.contains("broken.org.ron:1:"), "{message}");
    assert!(doc.path.is_none(), "the sample, not the broken file");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = OrgApp::new(doc, Default::default(), None, false);
            app.show_open_error(&broken, message.clone());
            app
        });
    h.run();
    h.get_by_label_contains("Could not open");
    h.get_by_label_contains("broken.org.ron:1:");
    assert_eq!(h.state().doc.org().name, "Northwind Commerce");
    // A good file opens as before.
    let good = dir.path().join("good.org.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/scaleup.org.ron"),
        &good,
    )
    .unwrap();
    let (doc, opened) = orgplan::app::open_at_start(Some(&good));
    assert!(opened.is_ok());
    assert_eq!(doc.path.as_deref(), Some(good.as_path()));
}

// Issue 20.9: counts read as English ("3 errors", "1 initiative"), never
// "3 error" or "1 initiatives".
#[test]
fn counts_in_the_status_bar_and_the_gaps_chips_agree_in_number() {
    let h = harness();
    assert!(
        h.get_all_by_label("3 errors").count() >= 2,
        "chip and status bar"
    );
    assert!(h.get_all_by_label("10 warnings").count() >= 2);
    assert!(h.query_by_label("3 error").is_none());
    assert!(h.query_by_label("10 warning").is_none());
    h.get_by_label_contains("79 people · 11 teams · 3 initiatives");
    // One of each: the singular.
    let mut org = h.state().doc.org().clone();
    org.initiatives.truncate(1);
    org.teams.truncate(1);
    org.people.truncate(1);
    let mut h = orgplan_ui_tests::harness_on(org, egui::vec2(1440.0, 900.0));
    h.run();
    h.get_by_label_contains("1 person · 1 team · 1 initiative");
    assert!(h.query_by_label_contains("1 initiatives").is_none());
}

// Issue 20.1: selecting and deselecting never widens the inspector (it
// ratcheted wider with each selection, and the width was remembered).
#[test]
fn the_inspector_keeps_its_width_across_selections() {
    let mut h = harness();
    let left = |h: &Harness<'_, OrgApp>| h.get_by_label("Filter gaps").rect().left();
    let before = left(&h);
    let picks = [
        Selection::Team(TeamId::new("checkout")),
        Selection::Person(PersonId::new("alice"), None),
        Selection::Initiative(orgplan::model::InitiativeId::new("eu-expansion")),
        Selection::Team(TeamId::new("payments")),
        Selection::Person(PersonId::new("ruth"), None),
    ];
    for s in picks {
        h.state_mut().act(Action::Select(Some(s.clone())));
        h.run();
        assert_eq!(left(&h), before, "after selecting {s:?}");
        // Nothing laid out past the window's edge (clipped text).
        let right = h.get_by_label("Filter gaps").rect().right();
        assert!(
            right <= 1440.0,
            "fields reach {right} after selecting {s:?}"
        );
        h.state_mut().act(Action::Select(None));
        h.run();
        assert_eq!(left(&h), before, "after deselecting {s:?}");
    }
}

// Issue 20.3: in small windows the side panels give up width so the canvas
// keeps most of the window; at full size they have their usual width.
#[test]
fn small_windows_keep_most_of_the_width_for_the_canvas() {
    for (w, h_) in [(800.0, 560.0), (600.0, 420.0), (1440.0, 900.0)] {
        let mut h = Harness::builder()
            .with_size(egui::vec2(w, h_))
            .build_eframe(|_cc| OrgApp::with_sample());
        h.run();
        let inspector_left = h.get_by_label("Filter gaps").rect().left();
        // The tab strip starts at the canvas's left edge; Fit is on it.
        let start = h.get_by_label("Canvas").rect().left();
        let fit = h.get_by_label("Fit").rect();
        let canvas = inspector_left - start;
        assert!(
            canvas >= w * 0.5,
            "{w}×{h_}: the canvas has {canvas} px between the panels"
        );
        assert!(
            fit.right() < inspector_left,
            "{w}×{h_}: Fit under the inspector"
        );
        // The palette's fields stay inside the palette.
        let search = h.get_by_label("Search").rect();
        assert!(
            search.right() < fit.left(),
            "{w}×{h_}: the search field overflows"
        );
        if w >= 1440.0 {
            assert!(
                inspector_left <= w - 340.0,
                "full size: the usual inspector"
            );
        }
    }
}

/// The app on `org` with Find (Ctrl+F) open on `query`.
fn find_in(org: orgplan::model::Org, query: &str) -> Harness<'static, OrgApp> {
    let mut h = orgplan_ui_tests::harness_on(org, egui::vec2(1440.0, 900.0));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Find")
        .type_text(query);
    h.run();
    h
}

// Issue 20.6: Find lists its results at a useful height, each with what
// tells namesakes apart (role and team).
#[test]
fn find_tells_namesakes_apart_by_role_and_team() {
    let mut org = orgplan::io::load_str(orgplan::samples::BUILTIN, "sample").unwrap();
    let teams: Vec<_> = org.teams.iter().take(4).map(|t| t.id.clone()).collect();
    for (k, t) in teams.iter().enumerate() {
        let id = format!("sana-{k}");
        org.people
            .push(orgplan::model::Person::new(&id, "Sana Ortiz", "Engineer"));
        let team = org.teams.iter_mut().find(|x| &x.id == t).unwrap();
        team.members.push(orgplan::model::Member {
            person: PersonId::new(&id),
            allocation: Default::default(),
        });
    }
    let names: Vec<String> = org.teams.iter().take(4).map(|t| t.name.clone()).collect();
    let h = find_in(org, "sana");
    h.get_by_label_contains("4 found");
    let mut tops = Vec::new();
    for name in &names {
        let text = format!("Sana Ortiz  ·  Software Engineer · {name}");
        let r = h.get_by_label_contains(&text).rect();
        assert!(r.bottom() <= 900.0 && r.height() >= 16.0, "{name}: {r:?}");
        tops.push(r.top());
    }
    tops.sort_by(f32::total_cmp);
    tops.dedup();
    assert_eq!(tops.len(), 4, "four rows, one under another");
    // Two more, alike in role and team too: their manager and id tell
    // them apart.
    let mut org = h.state().doc.org().clone();
    let managers = ["alice", "marcus"];
    for (k, m) in managers.iter().enumerate() {
        let id = format!("sana-twin-{k}");
        let mut p = orgplan::model::Person::new(&id, "Sana Ortiz", "Engineer");
        p.manager = Some(PersonId::new(*m));
        org.people.push(p);
        org.teams[0].members.push(orgplan::model::Member {
            person: PersonId::new(&id),
            allocation: Default::default(),
        });
    }
    let h = find_in(org, "sana");
    h.get_by_label_contains("6 found");
    h.get_by_label_contains("id sana-twin-0 · reports to Alice Chen");
    h.get_by_label_contains("id sana-twin-1 · reports to Marcus Bell");
}

// Issue 20.9: the canvas hint is read whole at the size the app opens with.
#[test]
fn the_canvas_hint_fits_at_the_default_size() {
    let h = harness();
    let hint = h.get_by_label("Drag to pan · Ctrl+scroll to zoom").rect();
    let inspector = h.get_by_label("Filter gaps").rect().left();
    assert!(
        hint.right() < inspector,
        "the hint runs under the inspector: {hint:?}"
    );
}

// Issue 20.8: a new team or initiative takes its id from the first name
// given, so files and comparisons read `team:payments-ops`, not
// `team:new-team`; later renames keep the id.
#[test]
fn a_new_team_and_initiative_take_their_id_from_the_first_name() {
    let mut h = harness();
    for (command, placeholder, typed, want) in [
        (
            orgplan::app::Command::AddTeam,
            "new-team",
            "Payments Ops",
            "payments-ops",
        ),
        (
            orgplan::app::Command::AddInitiative,
            "new-initiative",
            "Checkout Revamp",
            "checkout-revamp",
        ),
    ] {
        h.state_mut().act(Action::Run(command));
        h.run();
        let id_now = |h: &Harness<'_, OrgApp>| {
            h.state()
                .selection
                .as_ref()
                .map(|s| s.subject().to_string())
        };
        assert!(
            id_now(&h).is_some_and(|s| s.ends_with(placeholder)),
            "{:?}",
            id_now(&h)
        );
        // The name field has the keyboard with the placeholder selected.
        h.get_by_role_and_label(egui::Role::TextInput, "Name")
            .type_text(typed);
        h.key_press(Key::Enter);
        h.run();
        let subject = id_now(&h).unwrap();
        assert!(subject.ends_with(&format!(":{want}")), "{subject}");
        // Renamed again: the id stays.
        h.get_by_role_and_label(egui::Role::TextInput, "Name")
            .focus();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.get_by_role_and_label(egui::Role::TextInput, "Name")
            .type_text("Something Else");
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(id_now(&h).unwrap(), subject);
    }
    let org = h.state().doc.org();
    assert!(org.team(&TeamId::new("payments-ops")).is_some());
    assert!(org.team(&TeamId::new("new-team")).is_none());
    assert!(
        org.initiative(&orgplan::model::InitiativeId::new("checkout-revamp"))
            .is_some()
    );
}

// Issue 20.2: a proposal remembers its base. Save as proposal from an
// unsaved org saves the base first; the proposal reopens compared with it;
// a missing base is said.
#[test]
fn a_proposal_remembers_its_base_and_an_unsaved_org_is_saved_first() {
    let mut h = harness();
    assert!(h.state().doc.path.is_none(), "the sample is unsaved");
    let dir = tempfile::tempdir().unwrap();
    h.state_mut()
        .act(Action::Run(orgplan::app::Command::SaveAsProposal));
    h.run();
    let save = |h: &mut Harness<'_, OrgApp>, want: orgplan::app::DialogPurpose, name: &str| {
        let purpose = orgplan_ui_tests::fill_file_dialog(h, dir.path(), name);
        assert_eq!(purpose, want, "{name}");
        h.run();
        h.get_by_label("Save").click();
        h.run();
        h.run();
    };
    // First the base, then the proposal.
    save(&mut h, orgplan::app::DialogPurpose::SaveAs, "today.org.ron");
    save(
        &mut h,
        orgplan::app::DialogPurpose::SaveAsProposal,
        "proposal.org.ron",
    );
    let base = dir.path().join("today.org.ron");
    let proposal = dir.path().join("proposal.org.ron");
    assert!(base.exists() && proposal.exists());
    assert_eq!(
        h.state()
            .doc
            .comparing()
            .map(|c| c.label.clone())
            .as_deref(),
        Some("today.org.ron")
    );
    // Open the base (no comparison), then the proposal: compared again.
    let ctx = h.ctx.clone();
    h.state_mut().load_document(&ctx, base.clone());
    h.run();
    assert!(h.state().doc.comparing().is_none());
    h.state_mut().load_document(&ctx, proposal.clone());
    h.run();
    assert_eq!(
        h.state()
            .doc
            .comparing()
            .map(|c| c.label.clone())
            .as_deref(),
        Some("today.org.ron"),
        "the reopened proposal is not compared with its base"
    );
    assert_eq!(h.state().tab, Tab::Changes);
    // The base gone: said, not silently dropped.
    std::fs::remove_file(&base).unwrap();
    h.state_mut().load_document(&ctx, proposal);
    h.run();
    assert!(h.state().doc.comparing().is_none());
    let toast = h
        .state()
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        toast.contains("base") && toast.contains("missing"),
        "{toast}"
    );
}

// ---------------------------------------------------------------------------
// Issue 20.10: the import dialog can skip the people with a title and make
// a new role for one; a re-import remembers both.

#[test]
fn import_dialog_skips_people_and_makes_a_new_role_and_a_reimport_remembers_both() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("people.csv");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/import/A.csv"
        ),
        &export,
    )
    .unwrap();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &export,
        "Open",
    );
    h.run();
    h.get_by_label_contains("68 people, 10 teams");
    // Skip the Solutions Architect.
    h.get_by_label("Role for Solutions Architect").click();
    h.run();
    h.get_by_label("Skip these people").click();
    h.run();
    h.get_by_label_contains("67 people");
    // A new role for the Data Scientist: it covers roadmap at a pinch.
    h.get_by_label("Role for Data Scientist").click();
    h.run();
    h.get_by_label("New role…").click();
    h.run();
    h.get_by_label_contains("New role for \"Data Scientist\"");
    h.get_by_label("Product roadmap: Stop-gap").click();
    h.run();
    h.get_by_label("Create role").click();
    h.run();
    assert!(
        h.query_by_label_contains("New role for").is_none(),
        "the editor closes"
    );
    h.get_by_label("Import as a new org").click();
    h.run();
    let org = h.state().doc.org().clone();
    assert_eq!(org.people.len(), 67);
    assert!(!org.people.iter().any(|p| p.name == "Sven Eze"), "skipped");
    let ds = org
        .roles
        .iter()
        .find(|r| r.id.as_str() == "DataScientist")
        .unwrap();
    assert_eq!(ds.name, "Data Scientist");
    assert_eq!(
        ds.provides.get(&orgplan::model::Capability::Roadmap),
        Some(&orgplan::model::Provision::StopGap)
    );
    let scientist = org
        .people
        .iter()
        .find(|p| p.role.as_str() == "DataScientist")
        .unwrap();
    let rec = org.imported.as_deref().unwrap();
    assert!(rec.skipped.contains("Solutions Architect"));
    // Next month's re-import into the open org: both choices come back
    // as they were, without choosing again.
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::ImportPeople),
        &export,
        "Open",
    );
    h.run();
    h.get_by_label_contains("Update the open org").click();
    h.run();
    let shown = |h: &Harness<'_, OrgApp>, l: &str| {
        let n = h.get_by_label(l);
        let node = n.accesskit_node();
        node.value()
            .map(|v| v.to_string())
            .or_else(|| {
                node.children()
                    .find_map(|c| c.label().map(|x| x.to_string()))
            })
            .unwrap_or_default()
    };
    assert_eq!(
        shown(&h, "Role for Solutions Architect"),
        "Skip these people"
    );
    assert_eq!(
        shown(&h, "Role for Data Scientist"),
        "DataScientist — Data Scientist"
    );
    let s = h.state();
    let Some(Modal::Import(d)) = &s.modal else {
        panic!("no import dialog")
    };
    let merged = d.result().unwrap().unwrap();
    assert_eq!(merged.people.len(), 67);
    assert_eq!(
        merged.person(&scientist.id).unwrap().role.as_str(),
        "DataScientist"
    );
}

// Issue 21.5: the coverage matrix shows only the rows with gaps when asked,
// worst first when asked, and full names in its cells.
#[test]
fn the_matrix_filters_to_gaps_sorts_by_worst_and_shows_full_names() {
    let mut h = harness();
    h.state_mut().tab = Tab::Matrix;
    h.run();
    let m = h.state().doc.derived().matrix.clone();
    let total = m.rows.len();
    let with_gaps: Vec<String> = m
        .rows
        .iter()
        .filter(|r| r.worst().is_some())
        .map(|r| r.name.clone())
        .collect();
    let without: Vec<String> = m
        .rows
        .iter()
        .filter(|r| r.worst().is_none())
        .map(|r| r.name.clone())
        .collect();
    assert!(!with_gaps.is_empty() && !without.is_empty());
    h.get_by_label_contains(&format!("{total} of {total} rows"));
    h.get_by_label("Only rows with gaps").click();
    h.run();
    h.get_by_label_contains(&format!("{} of {total} rows", with_gaps.len()));
    for name in &without {
        assert!(h.query_by_label(name).is_none(), "{name} has no gaps");
    }
    // Worst first: the first row shown is one with an error.
    h.get_by_label("Row order").click();
    h.run();
    h.get_by_label("Worst first").click();
    h.run();
    let worst = m
        .rows
        .iter()
        .filter(|r| r.worst() == Some(orgplan::catalog::Severity::Error))
        .map(|r| r.name.clone())
        .next()
        .unwrap();
    let top = |h: &Harness<'_, OrgApp>, name: &str| h.get_by_label(name).rect().top();
    for name in &with_gaps {
        assert!(top(&h, &worst) <= top(&h, name), "{worst} above {name}");
    }
    // Back to every row, in the file's order.
    h.get_by_label("Only rows with gaps").click();
    h.run();
    h.get_by_label_contains(&format!("{total} of {total} rows"));
}

// Issue 21.6: Org → Roles… lists the org's roles, makes, changes and
// deletes them (never one in use), each one undoable edit.
#[test]
fn org_roles_makes_changes_and_deletes_roles_but_never_one_in_use() {
    let mut h = harness();
    let roles_before = h.state().doc.org().roles.clone();
    h.state_mut().modal = None;
    h.run();
    orgplan_ui_tests::org_menu(&mut h, "Roles…");
    assert!(matches!(h.state().modal, Some(Modal::Roles(_))));
    // The sample's ProductLead is in use: it cannot be deleted.
    assert!(h.get_by_label("Delete").accesskit_node().is_disabled());
    h.get_by_label("New role…").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Role name")
        .type_text("Data scientist");
    h.run();
    h.get_by_label("Product roadmap: Stop-gap").click();
    h.run();
    h.get_by_label("Create role").click();
    h.run();
    let org = h.state().doc.org().clone();
    let ds = org
        .roles
        .iter()
        .find(|r| r.id.as_str() == "DataScientist")
        .unwrap();
    assert_eq!(ds.name, "Data scientist");
    // Change it: it covers risk too.
    let edits: Vec<_> = h.get_all_by_label("Edit…").collect();
    edits.last().unwrap().click();
    h.run();
    h.get_by_label("Risk management: Primary").click();
    h.run();
    h.get_by_label("Save role").click();
    h.run();
    let ds = h
        .state()
        .doc
        .org()
        .roles
        .iter()
        .find(|r| r.id.as_str() == "DataScientist")
        .unwrap()
        .clone();
    assert_eq!(
        ds.provides.get(&orgplan::model::Capability::Risk),
        Some(&orgplan::model::Provision::Primary)
    );
    // Unused: it can be deleted.
    let deletes: Vec<_> = h.get_all_by_label("Delete").collect();
    assert!(!deletes.last().unwrap().accesskit_node().is_disabled());
    deletes.last().unwrap().click();
    h.run();
    assert_eq!(h.state().doc.org().roles, roles_before);
    // Each change was one undo step: undo the delete, the change, the
    // new role.
    h.get_by_label("Close").click();
    h.run();
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert!(
        h.state()
            .doc
            .org()
            .roles
            .iter()
            .any(|r| r.id.as_str() == "DataScientist")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.org().roles, roles_before);
}

// Issue 21.3: a minimap once the org does not fit at reading zoom; a click
// on it goes there.
#[test]
fn a_big_org_has_a_minimap_that_takes_the_view_where_it_is_clicked() {
    // The sample fits: no minimap.
    let h = harness();
    assert!(h.query_by_label("Minimap").is_none());
    drop(h);
    let org = orgplan::support::generate::generate(3000, 7);
    let mut h = orgplan_ui_tests::harness_on(org, egui::vec2(1440.0, 900.0));
    for _ in 0..20 {
        h.step();
    }
    // At fit the canvas shows all of it: no minimap yet.
    assert!(h.query_by_label("Minimap").is_none());
    h.state_mut().canvas.state.zoom_to(1.0);
    for _ in 0..6 {
        h.step();
    }
    let map = h.get_by_label("Minimap").rect();
    assert!(map.width() <= 220.0 && map.height() <= 150.0);
    let before = h.state().canvas.state.scene_rect.center();
    // Its top-left corner: the view goes to the org's top-left.
    let target = map.left_top() + egui::vec2(3.0, 3.0);
    h.hover_at(target);
    h.step();
    h.drag_at(target);
    h.step();
    h.drop_at(target);
    for _ in 0..6 {
        h.step();
    }
    let after = h.state().canvas.state.scene_rect.center();
    assert_ne!(before, after, "the view moved");
    let bounds =
        orgplan::layout::Rect::union(h.state().doc.layout().cards.iter().map(|c| c.rect)).unwrap();
    assert!(
        (after.x - bounds.x).abs() < 200.0 && (after.y - bounds.y).abs() < 200.0,
        "centred near the org's top-left {bounds:?}: {after:?}"
    );
}

// Another org opened after the first: the reporting tree opens folded
// again, not with the first org's folds.
#[test]
fn another_org_opens_with_the_reporting_tree_folded_again() {
    let mut h = harness();
    h.state_mut().tab = Tab::Reporting;
    h.run();
    h.get_by_label("Marcus Bell in reporting tree").focus();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(h.query_by_label("Alice Chen in reporting tree").is_some());
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("again.org.ron");
    std::fs::write(&copy, orgplan::samples::BUILTIN).unwrap();
    choose_file(
        &mut h,
        Action::Run(orgplan::app::Command::Open),
        &copy,
        "Open",
    );
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(copy.as_path()));
    h.state_mut().tab = Tab::Reporting;
    h.run();
    assert!(
        h.query_by_label("Alice Chen in reporting tree").is_none(),
        "the first org's folds were kept"
    );
}

// Issue 21.1: View → Arrange by group lays every card out in one undoable
// step; the groups get labelled frames, and a click on a label shows that
// group whole.
#[test]
fn arrange_by_group_frames_each_directors_teams_in_one_undo_step() {
    let mut h = harness();
    h.state_mut().modal = None;
    h.run();
    let before = h.state().doc.org().clone();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Arrange by group").click();
    for _ in 0..4 {
        h.step();
    }
    let org = h.state().doc.org().clone();
    let want = orgplan::groups::arrange_org(&org);
    for (card, p) in &want {
        let got = match card {
            orgplan::model::CardId::Team(t) => org.team(t).unwrap().position,
            orgplan::model::CardId::Initiative(i) => org.initiative(i).unwrap().position,
        };
        assert_eq!(got, Some(*p), "{card:?}");
    }
    assert_ne!(
        org.teams, before.teams,
        "the sample was not arranged by group before"
    );
    let layout = h.state().doc.layout();
    assert!(layout.framed, "arranged groups are framed");
    let names: Vec<String> = layout.groups.iter().map(|g| g.name.clone()).collect();
    assert!(names.len() >= 2, "{names:?}");
    // Each group's label is on the canvas; a click shows that group whole.
    let first = layout.groups[0].name.clone();
    let frame = layout.frames[0];
    let label = h
        .get_all_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with(&format!("{first} group:")))
        })
        .next()
        .expect("a label for the first group");
    label.click_accesskit();
    for _ in 0..4 {
        h.step();
    }
    let view = h.state().canvas.scene_rect;
    assert!(
        view.contains_rect(egui::Rect::from_min_size(
            egui::pos2(frame.x, frame.y),
            egui::vec2(frame.w, frame.h)
        )),
        "{view:?} shows {frame:?}"
    );
    // One undo puts every card back.
    h.state_mut().act(Action::Run(orgplan::app::Command::Undo));
    h.step();
    assert_eq!(h.state().doc.org().teams, before.teams);
    assert_eq!(h.state().doc.org().initiatives, before.initiatives);
}

// Issue 21.6: a role's editor says which built-in role it behaves like;
// saved, the role counts as that role and messages say so; one undo step.
#[test]
fn a_role_made_to_behave_like_a_director_is_one_undoable_edit() {
    let mut h = harness();
    let before = h.state().doc.org().clone();
    h.state_mut().modal = None;
    h.run();
    orgplan_ui_tests::org_menu(&mut h, "Roles…");
    h.get_by_label("Edit…").click();
    h.run();
    h.get_by_role_and_label(egui::Role::ComboBox, "Behaves like")
        .click();
    h.run();
    h.get_by_label("Director (Engineering Director)").click();
    h.run();
    h.get_by_label("Save role").click();
    h.run();
    let org = h.state().doc.org().clone();
    let lead = org
        .roles
        .iter()
        .find(|r| r.id.as_str() == "ProductLead")
        .unwrap();
    assert_eq!(lead.like.as_ref().map(|l| l.as_str()), Some("Director"));
    // The list says so (a missing label fails the test).
    h.get_by_label_contains("like Director");
    h.get_by_label("Close").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.org().roles, before.roles);
}
