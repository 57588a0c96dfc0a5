//! The desktop app driven like a user: drags, clicks, keys (egui_kittest,
//! no display needed).
#![cfg(feature = "gui")]
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use orgplan::app::{Modal, OrgApp, Selection, Tab};
use orgplan::model::{PersonId, Subject, TeamId};

fn harness() -> Harness<'static, OrgApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(|_cc| OrgApp::with_sample());
    h.run();
    h
}

/// A node's rect on screen; nodes inside the canvas are in scene coordinates.
fn screen_rect(h: &Harness<'_, OrgApp>, label: &str, in_canvas: bool) -> Rect {
    let r = h.get_by_label(label).rect();
    if in_canvas {
        h.state().canvas.to_global * r
    } else {
        r
    }
}

fn drag(h: &mut Harness<'_, OrgApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for k in 1..=8 {
        let p = from + (to - from) * (k as f32 / 8.0);
        h.event_modifiers(egui::Event::PointerMoved(p), modifiers);
        h.step();
    }
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.step();
    h.remove_cursor();
    h.run();
}

fn click_at(h: &mut Harness<'_, OrgApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    h.drag_at(pos);
    h.step();
    h.drop_at(pos);
    h.run();
}

/// Runs `action`, which opens the in-app file dialog, and saves there as
/// `name` in `dir`.
fn save_via_dialog(
    h: &mut Harness<'_, OrgApp>,
    action: orgplan::app::Action,
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

fn has_finding(h: &Harness<'_, OrgApp>, code: &str, subject: &str, cap: Option<&str>) -> bool {
    h.state().doc.derived().report.findings.iter().any(|f| {
        f.rule.code == code
            && f.subject.to_string() == subject
            && f.capability.map(|c| c.id()) == cap
            && !f.waived()
    })
}

fn pid(s: &str) -> PersonId {
    PersonId::new(s)
}

#[test]
fn dragging_a_role_chip_onto_a_team_adds_an_open_seat() {
    let mut h = harness();
    let seats = |h: &Harness<'_, OrgApp>| {
        h.state()
            .doc
            .org()
            .team(&TeamId::new("search"))
            .unwrap()
            .open_seats
            .clone()
    };
    assert!(seats(&h).is_empty());
    let from = screen_rect(&h, "PM-T role chip", false).center();
    let to = screen_rect(&h, "Search & Discovery team card", true).center();
    drag(&mut h, from, to, Modifiers::NONE);
    let s = seats(&h);
    assert_eq!(s.len(), 1, "no seat added");
    assert_eq!(s[0].role.as_str(), "PMT");
    // The open seat shows on the card and is offered in the hiring plan.
    h.get_by_label("Open PM-T seat in Search & Discovery");
    assert!(h.state().doc.is_dirty());
}

#[test]
fn moving_a_person_changes_the_gaps_and_undo_redo_follow() {
    let mut h = harness();
    // Checkout's roadmap is held by its EM as a stop-gap; Search has a PM.
    assert!(has_finding(&h, "C002", "team:checkout", Some("roadmap")));
    assert!(!has_finding(&h, "C002", "team:search", Some("roadmap")));
    let from = screen_rect(&h, "Nadia Rahman (PM) in Search & Discovery", true).center();
    let to = screen_rect(&h, "Checkout team card", true).center();
    drag(&mut h, from, to, Modifiers::NONE);
    let org = &h.state().doc.org();
    assert!(
        org.team(&TeamId::new("checkout"))
            .unwrap()
            .member(&pid("nadia"))
            .is_some(),
        "not moved"
    );
    assert!(
        org.team(&TeamId::new("search"))
            .unwrap()
            .member(&pid("nadia"))
            .is_none(),
        "copied, not moved"
    );
    // The finding moved with her, in the same update.
    assert!(!has_finding(&h, "C002", "team:checkout", Some("roadmap")));
    assert!(has_finding(&h, "C002", "team:search", Some("roadmap")));

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        has_finding(&h, "C002", "team:checkout", Some("roadmap")),
        "undo did not restore"
    );
    assert!(
        h.state()
            .doc
            .org()
            .team(&TeamId::new("search"))
            .unwrap()
            .member(&pid("nadia"))
            .is_some()
    );
    assert!(
        !h.state().doc.is_dirty(),
        "undo back to the saved state is clean"
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(
        has_finding(&h, "C002", "team:search", Some("roadmap")),
        "redo did not reapply"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert!(
        h.state()
            .doc
            .org()
            .team(&TeamId::new("checkout"))
            .unwrap()
            .member(&pid("nadia"))
            .is_some(),
        "Ctrl+Y did not redo"
    );
}

#[test]
fn ctrl_drop_adds_a_second_membership() {
    let mut h = harness();
    let from = screen_rect(&h, "Nadia Rahman (PM) in Search & Discovery", true).center();
    let to = screen_rect(&h, "Checkout team card", true).center();
    drag(&mut h, from, to, Modifiers::COMMAND);
    let org = &h.state().doc.org();
    assert!(
        org.team(&TeamId::new("checkout"))
            .unwrap()
            .member(&pid("nadia"))
            .is_some()
    );
    assert!(
        org.team(&TeamId::new("search"))
            .unwrap()
            .member(&pid("nadia"))
            .is_some()
    );
}

#[test]
fn dropping_on_the_background_changes_nothing() {
    let mut h = harness();
    let before = h.state().doc.org().clone();
    let from = screen_rect(&h, "Alice Chen (EM) in Checkout", true).center();
    let view = h.state().canvas.view_rect;
    drag(
        &mut h,
        from,
        Pos2::new(view.center().x, view.bottom() - 8.0),
        Modifiers::NONE,
    );
    assert_eq!(*h.state().doc.org(), before);
}

#[test]
fn a_person_onto_an_open_seat_fills_it() {
    let mut h = harness();
    let from = screen_rect(&h, "Tomás Herrera in roster", false).center();
    let to = screen_rect(&h, "Open Senior seat in Growth", true).center();
    drag(&mut h, from, to, Modifiers::NONE);
    let growth = h
        .state()
        .doc
        .org()
        .team(&TeamId::new("growth"))
        .unwrap()
        .clone();
    assert!(growth.open_seats.is_empty());
    assert!(growth.member(&pid("tomas")).is_some());
    assert!(
        !has_finding(&h, "S010", "person:tomas", None),
        "still unassigned"
    );
}

#[test]
fn a_tpm_dropped_on_an_initiative_without_lead_becomes_lead() {
    let mut h = harness();
    assert!(has_finding(
        &h,
        "C003",
        "initiative:eu-expansion",
        Some("coordination")
    ));
    let from = screen_rect(&h, "Erin Walsh in roster", false).center();
    let to = screen_rect(&h, "EU expansion initiative card", true).center();
    drag(&mut h, from, to, Modifiers::NONE);
    let ini = h
        .state()
        .doc
        .org()
        .initiatives
        .iter()
        .find(|i| i.id.as_str() == "eu-expansion")
        .unwrap()
        .clone();
    assert_eq!(ini.lead, Some(pid("erin")));
    assert!(!has_finding(
        &h,
        "C003",
        "initiative:eu-expansion",
        Some("coordination")
    ));
}

#[test]
fn inspector_edits_are_one_undo_step_and_bad_values_are_refused() {
    let mut h = harness();
    let chip = screen_rect(&h, "Alice Chen (EM) in Checkout", true).center();
    click_at(&mut h, chip);
    assert_eq!(
        h.state().selection,
        Some(Selection::Person(
            pid("alice"),
            Some(orgplan::model::CardId::Team(TeamId::new("checkout")))
        ))
    );
    let name = h.get_by_role_and_label(egui::Role::TextInput, "Name");
    name.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Name")
        .type_text("Alice Wong");
    h.run();
    // Nothing is applied while typing...
    assert_eq!(
        h.state().doc.org().person(&pid("alice")).unwrap().name,
        "Alice Chen"
    );
    h.key_press(Key::Enter);
    h.run();
    // ...and the completed edit is one step.
    assert_eq!(
        h.state().doc.org().person(&pid("alice")).unwrap().name,
        "Alice Wong"
    );
    assert_eq!(h.state().doc.undo_label(), Some("edit person"));

    // An allocation outside 1..=100 is refused with a visible reason.
    let before = h.state().doc.org().clone();
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Allocation in Checkout");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Allocation in Checkout")
        .type_text("150");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        *h.state().doc.org(),
        before,
        "a bad allocation changed the document"
    );
    let err = h.state().inspector_error().unwrap_or_default().to_string();
    assert!(err.contains("1 to 100"), "{err}");
    h.get_by_label_contains("Not applied:");

    // A duplicate id is refused too.
    let id = h.get_by_role_and_label(egui::Role::TextInput, "Person id");
    id.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Person id")
        .type_text("bo");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(*h.state().doc.org(), before);
    assert!(
        h.state()
            .inspector_error()
            .unwrap_or_default()
            .contains("already has the id")
    );
}

#[test]
fn clicking_a_finding_selects_and_pans_to_its_subject() {
    let mut h = harness();
    let msg = h
        .state()
        .doc
        .derived()
        .report
        .findings
        .iter()
        .find(|f| f.rule.code == "C003" && f.capability.map(|c| c.id()) == Some("coordination"))
        .unwrap()
        .message
        .clone();
    let before = h.state().canvas.scene_rect.center();
    h.get_by_label(&msg).click();
    h.run();
    assert_eq!(
        h.state().selection,
        Some(Selection::Initiative(orgplan::model::InitiativeId::new(
            "eu-expansion"
        )))
    );
    let after = h.state().canvas.scene_rect.center();
    let card = h.state().doc.layout().cards.iter().find(|c| matches!(&c.card, orgplan::model::CardId::Initiative(i) if i.as_str() == "eu-expansion")).unwrap().rect;
    let (cx, cy) = card.center();
    assert!(before.distance(after) > 1.0, "did not pan");
    assert!(
        (after.x - cx).abs() < 1.0 && (after.y - cy).abs() < 1.0,
        "not centred on the card"
    );
}

#[test]
fn new_asks_about_unsaved_changes() {
    let mut h = harness();
    h.state_mut()
        .edit(orgplan::edit::Edit::SetOrgName("Changed".into()));
    h.run();
    assert!(h.state().doc.is_dirty());
    assert!(
        h.state().window_title().starts_with("• "),
        "no dirty marker in the title"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(matches!(
        h.state().modal,
        Some(Modal::Unsaved(orgplan::app::modals::Unsaved { .. }))
    ));
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().doc.org().name, "Changed", "Cancel lost the work");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().doc.org().name, "New org");
    assert!(h.state().doc.org().people.is_empty());
}

#[test]
fn opening_a_bad_file_keeps_the_document() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.org.ron");
    std::fs::write(
        &bad,
        "(format: 1, name: \"x\", people: [(id: \"a\", name: \"A\", role: \"Wizard\")])",
    )
    .unwrap();
    let before = h.state().doc.org().clone();
    h.state_mut().act(orgplan::app::Action::OpenPath(bad));
    h.run();
    assert_eq!(*h.state().doc.org(), before);
    match &h.state().modal {
        Some(Modal::Error(orgplan::app::modals::ErrorDialog { message, .. })) => {
            assert!(message.contains("bad.org.ron:1:"), "{message}")
        }
        _ => panic!("no error shown"),
    }
}

#[test]
fn save_as_through_the_in_app_dialog_writes_a_canonical_file() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    save_via_dialog(
        &mut h,
        orgplan::app::Action::Run(orgplan::app::Command::SaveAs),
        dir.path(),
        "mine",
    );
    let path = dir.path().join("mine.org.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, orgplan::io::to_canonical_string(h.state().doc.org()));
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().settings.recent.first(), Some(&path));
}

#[test]
fn reporting_tab_sets_managers_and_refuses_loops() {
    let mut h = harness();
    h.state_mut().tab = Tab::Reporting;
    h.run();
    // The tree opens two levels deep: show Bo and Henrik (their chains
    // unfold).
    for who in ["bo", "henrik"] {
        h.state_mut()
            .act(orgplan::app::Action::Reveal(Subject::Person(pid(who))));
        h.run();
    }
    h.state_mut().tab = Tab::Reporting;
    h.run();
    // Bo moves under Henrik.
    let from = screen_rect(&h, "Bo Park in reporting tree", false).center();
    let to = screen_rect(&h, "Henrik Dahl in reporting tree", false).center();
    drag(&mut h, from, to, Modifiers::NONE);
    assert_eq!(
        h.state().doc.org().person(&pid("bo")).unwrap().manager,
        Some(pid("henrik"))
    );
    // Marcus cannot report to Alice, who reports to him.
    let before = h.state().doc.org().clone();
    let from = screen_rect(&h, "Marcus Bell in reporting tree", false).center();
    let to = screen_rect(&h, "Alice Chen in reporting tree", false).center();
    drag(&mut h, from, to, Modifiers::NONE);
    assert_eq!(*h.state().doc.org(), before, "a loop was created");
    let toast = h
        .state()
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(toast.contains("cannot report to"), "{toast}");
}

#[test]
fn matrix_tab_lists_teams_and_cross_team_initiatives() {
    let mut h = harness();
    h.state_mut().tab = Tab::Matrix;
    h.run();
    h.get_by_label("Checkout");
    h.get_by_label("EU expansion");
    h.get_by_label("EU expansion").click();
    h.run();
    assert_eq!(h.state().tab, Tab::Canvas);
    assert_eq!(
        h.state().selection.as_ref().map(|s| s.subject()),
        Some(Subject::Initiative(orgplan::model::InitiativeId::new(
            "eu-expansion"
        )))
    );
}

#[test]
fn waive_and_unwaive_from_the_gaps_list() {
    let mut h = harness();
    assert!(has_finding(&h, "C002", "team:checkout", Some("roadmap")));
    h.state_mut().modal = Some(Modal::Waive(orgplan::app::modals::Waive {
        rule: "C002",
        subject: Subject::Team(TeamId::new("checkout")),
        capability: Some(orgplan::catalog::Capability::Roadmap),
        message: "x".into(),
        reason: String::new(),
        until: "2027-13-01".into(),
        error: None,
        focus_reason: false,
    }));
    h.run();
    h.get_by_label("Waive").click();
    h.run();
    // No reason: refused with a reason.
    assert!(matches!(
        &h.state().modal,
        Some(Modal::Waive(orgplan::app::modals::Waive {
            error: Some(_),
            ..
        }))
    ));
    h.get_by_label("Reason (required)").focus();
    h.get_by_label("Reason (required)")
        .type_text("PM-T starts in January");
    h.run();
    h.get_by_label("Waive").click();
    h.run();
    assert!(
        matches!(&h.state().modal, Some(Modal::Waive(orgplan::app::modals::Waive { error: Some(e), .. })) if e.contains("malformed date"))
    );
    h.get_by_label("Until (optional, YYYY-MM-DD)").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Until (optional, YYYY-MM-DD)")
        .type_text("2099-01-31");
    h.run();
    h.get_by_label("Waive").click();
    h.run();
    assert!(h.state().modal.is_none());
    assert!(
        !has_finding(&h, "C002", "team:checkout", Some("roadmap")),
        "not waived"
    );
    let last = h.state().doc.org().waivers.len() - 1;
    h.state_mut().edit(orgplan::edit::Edit::RemoveWaiver(last));
    h.run();
    assert!(
        has_finding(&h, "C002", "team:checkout", Some("roadmap")),
        "unwaive did not bring it back"
    );
}

// Issue 20.9: the Waive dialog takes the keyboard in Reason, Enter waives,
// and "Give a reason" goes once a reason is typed.
#[test]
fn the_waive_dialog_focuses_reason_and_enter_waives() {
    let mut h = harness();
    assert!(has_finding(&h, "C002", "team:checkout", Some("roadmap")));
    h.state_mut().modal = Some(Modal::Waive(orgplan::app::modals::Waive {
        rule: "C002",
        subject: Subject::Team(TeamId::new("checkout")),
        capability: Some(orgplan::catalog::Capability::Roadmap),
        message: "x".into(),
        reason: String::new(),
        until: String::new(),
        error: None,
        focus_reason: true,
    }));
    h.run();
    assert!(
        h.get_by_label("Reason (required)")
            .accesskit_node()
            .is_focused(),
        "Reason does not have the keyboard"
    );
    h.get_by_label("Waive").click();
    h.run();
    let error = |h: &Harness<'_, OrgApp>| match &h.state().modal {
        Some(Modal::Waive(w)) => w.error.clone(),
        _ => None,
    };
    assert!(error(&h).is_some_and(|e| e.starts_with("Give a reason")));
    h.get_by_label("Reason (required)").focus();
    h.run();
    h.get_by_label("Reason (required)")
        .type_text("PM-T starts in January");
    h.run();
    assert_eq!(error(&h), None, "the error stays after a reason is typed");
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().modal.is_none(), "Enter did not waive");
    assert!(!has_finding(&h, "C002", "team:checkout", Some("roadmap")));
}

#[test]
fn every_symbol_the_app_draws_is_in_the_fonts() {
    // Text in the app sources beyond ASCII must render: a missing glyph is a
    // box on screen (and a panic under the test harness).
    let h = harness();
    let mut missing = Vec::new();
    let mut files = Vec::new();
    // The app's own words, and the change list's (made in src/diff).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut dirs = vec![root.join("src/app"), root.join("src/diff")];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(d).unwrap().flatten() {
            if entry.path().is_dir() {
                dirs.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for c in line.chars().filter(|c| !c.is_ascii()) {
                let ok = h
                    .ctx
                    .fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(13.0), c));
                if !ok && !missing.contains(&c) {
                    missing.push(c);
                }
            }
        }
    }
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

#[test]
fn select_all_then_drag_moves_every_card_as_one_step() {
    let mut h = harness();
    let before: Vec<_> = h
        .state()
        .doc
        .layout()
        .cards
        .iter()
        .map(|c| c.rect)
        .collect();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert_eq!(h.state().multi.len(), before.len());
    h.get_by_label_contains("cards selected");
    let header = screen_rect(&h, "Checkout team card", true);
    let from = egui::pos2(header.center().x, header.top() + 10.0);
    let zoom = h.state().canvas.zoom();
    drag(&mut h, from, from + egui::vec2(60.0, 30.0), Modifiers::NONE);
    let after: Vec<_> = h
        .state()
        .doc
        .layout()
        .cards
        .iter()
        .map(|c| c.rect)
        .collect();
    for (a, b) in before.iter().zip(&after) {
        assert!(
            (b.x - a.x - 60.0 / zoom).abs() < 2.0 && (b.y - a.y - 30.0 / zoom).abs() < 2.0,
            "{a:?} -> {b:?}"
        );
    }
    assert_eq!(h.state().doc.undo_label(), Some("move cards"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let undone: Vec<_> = h
        .state()
        .doc
        .layout()
        .cards
        .iter()
        .map(|c| c.rect)
        .collect();
    assert_eq!(undone, before);
    // Escape clears the group; shift-click builds one.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().multi.is_empty());
}

#[test]
fn moving_one_card_by_its_header_saves_its_position() {
    let mut h = harness();
    let header = screen_rect(&h, "Growth team card", true);
    let from = egui::pos2(header.center().x, header.top() + 10.0);
    let old = h
        .state()
        .doc
        .org()
        .team(&TeamId::new("growth"))
        .unwrap()
        .position
        .unwrap();
    drag(
        &mut h,
        from,
        from + egui::vec2(-40.0, 80.0),
        Modifiers::NONE,
    );
    let new = h
        .state()
        .doc
        .org()
        .team(&TeamId::new("growth"))
        .unwrap()
        .position
        .unwrap();
    let zoom = h.state().canvas.zoom();
    assert!((new.x - old.x + 40.0 / zoom).abs() < 2.0 && (new.y - old.y - 80.0 / zoom).abs() < 2.0);
    // Only that card moved.
    assert_eq!(
        h.state()
            .doc
            .org()
            .team(&TeamId::new("checkout"))
            .unwrap()
            .position,
        orgplan::io::load_str(orgplan::samples::BUILTIN, "x")
            .unwrap()
            .team(&TeamId::new("checkout"))
            .unwrap()
            .position
    );
}

#[test]
fn export_canvas_as_png_writes_the_whole_canvas() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    // As save_via_dialog, but stepping once Save is clicked: the export
    // wakes the app as it goes, so `run` would see repaints it cannot settle.
    h.state_mut()
        .act(orgplan::app::Action::Run(orgplan::app::Command::ExportPng));
    h.run();
    orgplan_ui_tests::fill_file_dialog(&mut h, dir.path(), "canvas");
    h.run();
    h.get_by_label("Save").click();
    h.step();
    let path = dir.path().join("canvas.png");
    let start = std::time::Instant::now();
    while !path.exists() && start.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let bytes = std::fs::read(&path).expect("no PNG written");
    assert_eq!(&bytes[1..4], b"PNG");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    assert!(width >= 2000, "only {width} px wide: not the full canvas");
    let start = std::time::Instant::now();
    while h.state().canvas.export.progress().is_some() && start.elapsed().as_secs() < 30 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.step();
    let toast = h
        .state()
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(toast.contains("Exported"), "{toast}");
}

#[derive(Debug)]
struct TestFile(std::path::PathBuf);

impl egui::DroppedFile for TestFile {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_an_org_file_on_the_window_opens_it_after_the_unsaved_check() {
    let mut h = harness();
    h.state_mut()
        .edit(orgplan::edit::Edit::SetOrgName("Unsaved work".into()));
    h.run();
    let file = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../samples/startup.org.ron"
    ));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(TestFile(file.clone())));
    h.run();
    assert!(
        matches!(
            h.state().modal,
            Some(Modal::Unsaved(orgplan::app::modals::Unsaved { .. }))
        ),
        "no unsaved-changes prompt"
    );
    assert_eq!(h.state().doc.org().name, "Unsaved work");
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().doc.org().name, "Tiny Startup");
    assert_eq!(h.state().doc.path.as_deref(), Some(file.as_path()));
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn export_report_writes_the_chosen_format() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    save_via_dialog(
        &mut h,
        orgplan::app::Action::ExportReport(orgplan::report::Format::Html),
        dir.path(),
        "gaps",
    );
    let html = std::fs::read_to_string(dir.path().join("gaps.html")).expect("no report written");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Northwind Commerce"));
    assert!(html.contains("Coverage matrix") && html.contains("Hiring plan"));
}

#[test]
fn context_menu_moves_a_person_without_dragging() {
    let mut h = harness();
    let chip = screen_rect(&h, "Bo Park (Engineer) in Checkout", true).center();
    h.hover_at(chip);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: chip,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    h.get_by_label("Move to team").click();
    h.run();
    // Issue 20.9: the submenu is as wide as its filter, not some 600 px.
    let row = h.get_by_role_and_label(egui::Role::Button, "Growth").rect();
    assert!(row.width() <= 300.0, "a {} px wide menu", row.width());
    h.get_by_role_and_label(egui::Role::Button, "Growth")
        .click();
    h.run();
    let org = &h.state().doc.org();
    assert!(
        org.team(&TeamId::new("growth"))
            .unwrap()
            .member(&pid("bo"))
            .is_some(),
        "not moved"
    );
    assert!(
        org.team(&TeamId::new("checkout"))
            .unwrap()
            .member(&pid("bo"))
            .is_none()
    );
    assert_eq!(h.state().doc.undo_label(), Some("move to team"));
}

#[test]
fn a_role_dropped_on_an_initiative_opens_a_seat_that_counts_when_planned() {
    let mut h = harness();
    // EU expansion has nobody assigned: no program coordination (C003).
    assert!(has_finding(
        &h,
        "C003",
        "initiative:eu-expansion",
        Some("coordination")
    ));
    let from = screen_rect(&h, "PgM role chip", false).center();
    let to = screen_rect(&h, "EU expansion initiative card", true).center();
    drag(&mut h, from, to, Modifiers::NONE);
    let ini = h
        .state()
        .doc
        .org()
        .initiative(&orgplan::model::InitiativeId::new("eu-expansion"))
        .unwrap()
        .clone();
    assert_eq!(ini.open_seats.len(), 1, "no seat opened");
    assert_eq!(ini.open_seats[0].role.as_str(), "PgM");
    // The seat shows on the card; it covers nothing yet, and its H001 says
    // what filling it would close.
    h.get_by_label("Open PgM seat in EU expansion");
    assert!(has_finding(
        &h,
        "C003",
        "initiative:eu-expansion",
        Some("coordination")
    ));
    assert!(has_finding(&h, "H001", "initiative:eu-expansion", None));
    // View → Count open seats as filled: the gap closes, the status bar says so.
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Count open seats as filled").click();
    h.run();
    assert!(h.state().doc.as_planned());
    h.get_by_label("as planned");
    assert!(!has_finding(
        &h,
        "C003",
        "initiative:eu-expansion",
        Some("coordination")
    ));
    assert!(!has_finding(&h, "H001", "initiative:eu-expansion", None));
    // Undo takes the seat back (the toggle is a view, not an edit).
    h.state_mut()
        .act(orgplan::app::Action::Run(orgplan::app::Command::Undo));
    h.run();
    assert!(h.state().doc.as_planned());
    assert!(has_finding(
        &h,
        "C003",
        "initiative:eu-expansion",
        Some("coordination")
    ));
}

/// Runs frames until the Suggest panel's worker is done (or 60 s pass).
fn wait_for_suggest(h: &mut Harness<'_, OrgApp>) {
    let started = std::time::Instant::now();
    while h.state().suggest.running() {
        assert!(started.elapsed().as_secs() < 60, "suggest never finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

#[test]
fn suggest_fixes_runs_and_opens_the_checked_changes_as_a_proposal() {
    let mut h = harness();
    let before = h.state().doc.org().clone();
    h.get_by_label("Plan").click();
    h.run();
    h.get_by_label("Suggest fixes…").click();
    h.run();
    h.get_by_label("Run").click();
    h.step();
    wait_for_suggest(&mut h);
    // The headline and one checkbox per action, each saying what it closes.
    h.get_by_label_contains("optimal");
    let actions = h.get_all_by_label_contains("(cost ").count();
    assert!(actions >= 2, "{actions} actions");
    // Uncheck the first; the proposal has the others.
    h.get_all_by_label_contains("(cost ")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label_contains(&format!("{} of {actions} checked", actions - 1));
    h.get_by_label("Open as proposal").click();
    h.run();
    h.run();
    // Compared with the org as it was, the Changes tab open.
    assert_eq!(h.state().tab, Tab::Changes);
    assert!(h.state().doc.comparing().is_some());
    assert_ne!(h.state().doc.org(), &before);
    h.get_by_label_contains(&format!("Applied {} suggested change", actions - 1));
    // One undo step takes it all back.
    h.state_mut()
        .act(orgplan::app::Action::Run(orgplan::app::Command::Undo));
    h.run();
    assert_eq!(h.state().doc.org(), &before);
}

/// A suggestion is for the org it was run on: after New, the panel has
/// no result to open.
#[test]
fn suggest_fixes_forgets_its_result_when_another_org_opens() {
    let mut h = harness();
    h.state_mut().act(orgplan::app::Action::Run(
        orgplan::app::Command::SuggestFixes,
    ));
    h.run();
    h.get_by_label("Run").click();
    h.step();
    wait_for_suggest(&mut h);
    assert!(h.get_all_by_label_contains("(cost ").count() >= 2);
    h.state_mut()
        .act(orgplan::app::Action::Run(orgplan::app::Command::New));
    h.run();
    assert_eq!(h.query_all_by_label_contains("(cost ").count(), 0);
    h.get_by_label_contains("Run to see the changes");
}

#[test]
fn suggest_fixes_cancel_keeps_the_best_plan_so_far() {
    let org = orgplan::support::generate::generate(3000, 7);
    let mut h = orgplan_ui_tests::harness_on(org, egui::vec2(1440.0, 900.0));
    // A big org is analysed on a worker while frames go on.
    h.step();
    h.state_mut().doc.wait_until_current();
    h.run();
    h.state_mut().suggest.time_limit = 120.0;
    h.state_mut().act(orgplan::app::Action::Run(
        orgplan::app::Command::SuggestFixes,
    ));
    h.run();
    h.get_by_label("Run").click();
    h.step();
    assert!(h.state().suggest.running());
    std::thread::sleep(std::time::Duration::from_millis(1500));
    h.step();
    let t = std::time::Instant::now();
    h.get_by_label("Cancel").click();
    h.step();
    wait_for_suggest(&mut h);
    assert!(t.elapsed().as_secs() < 20, "Cancel took {:?}", t.elapsed());
    h.get_by_label_contains("Cancelled");
    // The plan found before Cancel is there, and opens.
    h.get_by_label_contains("best found");
    h.get_by_label("Open as proposal").click();
    h.step();
    h.step();
    for _ in 0..3000 {
        if h.state().doc.is_current() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(h.state().doc.comparing().is_some());
    assert_eq!(h.state().tab, Tab::Changes);
}

fn wait_for_risk(h: &mut Harness<'_, OrgApp>) {
    let started = std::time::Instant::now();
    while !(h.state().doc.is_current() && h.state().doc.risk_is_current()) {
        assert!(started.elapsed().as_secs() < 60, "risk never arrived");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
}

#[test]
fn key_person_risk_colours_people_sorts_the_roster_and_lists_a_departure() {
    let mut h = harness();
    let org = h.state().doc.org().clone();
    let want = orgplan::risk::analyse(&org, h.state().doc.today);
    let top = want.people[0].clone();
    let tally = orgplan::risk::render::tally(&top);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Key-person risk").click();
    h.step();
    wait_for_risk(&mut h);
    assert!(h.state().settings.show_risk);
    // Every chip on the canvas says what leaving opens; the top person's
    // says exactly what the analysis does.
    let chips = h.get_all_by_label_contains(") in ").count();
    let said = h.get_all_by_label_contains(", leaving opens ").count();
    assert!(chips > 20 && said >= chips, "{said} of {chips}");
    h.get_all_by_label_contains(&format!("{} (", top.name))
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.ends_with(&format!("leaving opens {tally}")))
        })
        .expect("the top person's chip says what leaving opens");
    // Sorted by risk, the roster starts with the top person.
    h.get_by_label("Sort").click();
    h.run();
    h.get_by_label("Key-person risk").click();
    h.run();
    let first = h
        .get_all_by_label_contains(" in roster, leaving opens ")
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap()
        .to_string();
    assert_eq!(
        first,
        format!("{} in roster, leaving opens {tally}", top.name)
    );
    // Selected, the inspector lists what would open.
    h.get_by_label(&first).click();
    h.run();
    assert!(matches!(
        &h.state().selection,
        Some(Selection::Person(p, _)) if p == &top.person
    ));
    h.get_by_label(&format!("If {} left", top.name));
    h.get_by_label_contains(&format!("Their departure would open {tally}"));
    for f in &top.opened {
        h.get_by_label(&f.message);
    }
    // It follows the as-planned toggle (the org judged with open seats filled).
    h.state_mut().act(orgplan::app::Action::Run(
        orgplan::app::Command::ToggleAsPlanned,
    ));
    h.step();
    wait_for_risk(&mut h);
    let planned = orgplan::risk::analyse(&orgplan::rules::as_planned(&org), h.state().doc.today);
    assert_eq!(
        h.state().doc.risk().unwrap().risk.people.len(),
        planned.people.len()
    );
    // Off: no colours, no inspector section.
    h.state_mut()
        .act(orgplan::app::Action::Run(orgplan::app::Command::ToggleRisk));
    h.run();
    assert_eq!(h.query_all_by_label_contains(", leaving opens ").count(), 0);
    assert!(h.query_by_label(&format!("If {} left", top.name)).is_none());
}

#[test]
fn the_window_icon_is_the_installed_icon_and_the_app_id_the_desktop_entry() {
    let icon = orgplan::app::window_icon();
    assert_eq!((icon.width, icon.height), (128, 128));
    assert_eq!(icon.rgba.len(), 128 * 128 * 4);
    // Not blank: the card colours are there, the corners transparent.
    assert!(icon.rgba.chunks(4).any(|px| px[3] == 255 && px[2] > px[0]));
    assert_eq!(icon.rgba[3], 0);
    let desktop = include_str!("../../assets/linux/orgplan.desktop");
    assert!(
        desktop
            .lines()
            .any(|l| l == format!("StartupWMClass={}", orgplan::app::APP_ID))
    );
    assert!(
        desktop
            .lines()
            .any(|l| l == format!("Icon={}", orgplan::app::APP_ID))
    );
}

#[test]
fn a_png_export_shows_progress_in_the_status_bar_and_cancel_writes_nothing() {
    // Large enough that the export is still drawing when Cancel is clicked.
    let org = orgplan::support::generate::generate(3000, 1);
    let mut h = orgplan_ui_tests::harness_on(org, egui::vec2(1440.0, 900.0));
    h.step();
    let dir = tempfile::tempdir().unwrap();
    h.state_mut()
        .act(orgplan::app::Action::Run(orgplan::app::Command::ExportPng));
    for _ in 0..10 {
        if h.state().modal.is_some() {
            break;
        }
        h.step();
    }
    orgplan_ui_tests::fill_file_dialog(&mut h, dir.path(), "canvas");
    h.step();
    h.get_by_label("Save").click();
    for _ in 0..10 {
        if h.state().canvas.export.progress().is_some() {
            break;
        }
        h.step();
    }
    h.step();
    assert!(
        h.state().canvas.export.progress().is_some(),
        "not exporting"
    );
    h.get_by_label("Exporting canvas.png");
    h.get_by_label("Cancel").click();
    let start = std::time::Instant::now();
    while h.state().canvas.export.progress().is_some() && start.elapsed().as_secs() < 120 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.step();
    let toast = h
        .state()
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert_eq!(toast, "Export cancelled: nothing was written");
    assert!(!dir.path().join("canvas.png").exists());
    assert!(h.query_by_label("Exporting canvas.png").is_none());
}

// ---------------------------------------------------------------------------
// Issue 20.5: the canvas from the keyboard.

/// Tabs until the canvas has the keyboard; how many Tabs it took.
fn tab_to_canvas(h: &mut Harness<'_, OrgApp>) -> usize {
    for k in 1..=400 {
        h.key_press(Key::Tab);
        h.run();
        let scene = h.state().canvas.state.scene_id;
        if scene.is_some() && h.ctx.memory(|m| m.focused()) == scene {
            return k;
        }
    }
    panic!("Tab never reached the canvas");
}

#[test]
fn the_canvas_is_one_tab_stop_and_the_arrow_keys_move_between_cards_and_chips() {
    let mut h = harness();
    let tabs = tab_to_canvas(&mut h);
    // Every Tab stop before it shows where it is: egui's focus plus our
    // ring, drawn while the keyboard is in use.
    assert!(orgplan::app::widgets::keyboard_in_use(&h.ctx));
    // The canvas took the keyboard on the top-left card, and selected it.
    let first = h.state().selection.clone();
    let Some(Selection::Team(first_team)) = first.clone() else {
        panic!("the canvas selects a card when it takes the keyboard: {first:?}")
    };
    h.get_by_label_contains("Org canvas: ");
    // The cards and chips are not Tab stops of their own: one more Tab
    // leaves the canvas.
    h.key_press(Key::Tab);
    h.run();
    assert_ne!(
        h.ctx.memory(|m| m.focused()),
        h.state().canvas.state.scene_id,
        "{tabs} Tabs in, one Tab out"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(
        h.ctx.memory(|m| m.focused()),
        h.state().canvas.state.scene_id
    );
    // Right: the nearest card to the right.
    let rect_of = |h: &Harness<'_, OrgApp>, t: &TeamId| {
        let doc = &h.state().doc;
        doc.layout()
            .card(&orgplan::model::CardId::Team(t.clone()))
            .unwrap()
            .rect
    };
    h.key_press(Key::ArrowRight);
    h.run();
    let Some(Selection::Team(second)) = h.state().selection.clone() else {
        panic!("Right selects a card")
    };
    assert_ne!(second, first_team);
    assert!(rect_of(&h, &second).x > rect_of(&h, &first_team).x);
    // The keyboard stayed on the canvas (egui did not move focus away).
    assert_eq!(
        h.ctx.memory(|m| m.focused()),
        h.state().canvas.state.scene_id
    );
    // Left comes back.
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(
        h.state().selection,
        Some(Selection::Team(first_team.clone()))
    );
    // Enter goes into the card: its first person; Down the next one.
    let team = h.state().doc.org().team(&first_team).unwrap().clone();
    let card = orgplan::model::CardId::Team(first_team.clone());
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().selection,
        Some(Selection::Person(
            team.members[0].person.clone(),
            Some(card.clone())
        ))
    );
    h.key_press(Key::ArrowDown);
    h.run();
    let second_member = team.members[1].person.clone();
    assert_eq!(
        h.state().selection,
        Some(Selection::Person(second_member.clone(), Some(card.clone())))
    );
    // The context-menu key opens the chip's menu, below it.
    h.key_press_modifiers(Modifiers::SHIFT, Key::F10);
    h.run();
    h.get_by_label_contains("Move to team");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label_contains("Move to team").is_none());
    // Delete removes the person from the card, as one undo step.
    h.ctx
        .memory_mut(|m| m.request_focus(h.state().canvas.state.scene_id.unwrap()));
    h.run();
    h.key_press(Key::Delete);
    h.run();
    let now = h.state().doc.org().team(&first_team).unwrap().clone();
    assert!(
        !now.members.iter().any(|m| m.person == second_member),
        "removed"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let back = h.state().doc.org().team(&first_team).unwrap().clone();
    assert!(
        back.members.iter().any(|m| m.person == second_member),
        "undone"
    );
    // Escape from a chip goes back to its card; Escape on a card lets go.
    h.ctx
        .memory_mut(|m| m.request_focus(h.state().canvas.state.scene_id.unwrap()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(matches!(h.state().selection, Some(Selection::Person(..))));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().selection, Some(Selection::Team(first_team)));
    assert_eq!(
        h.ctx.memory(|m| m.focused()),
        h.state().canvas.state.scene_id
    );
}

// Issue 20.9: Ctrl+A in a dialog never selects the dialog's own text (its
// title, its message); it selects all of the dialog's main field.
#[test]
fn ctrl_a_in_a_dialog_selects_its_field_not_its_title() {
    let mut h = harness();
    h.state_mut().modal = Some(Modal::Waive(orgplan::app::modals::Waive {
        rule: "C002",
        subject: Subject::Team(TeamId::new("checkout")),
        capability: Some(orgplan::catalog::Capability::Roadmap),
        message: "Checkout has no PM-T".into(),
        reason: "PM-T starts in January".into(),
        until: String::new(),
        error: None,
        focus_reason: false,
    }));
    h.run();
    // A click on the dialog's text puts a label cursor there (as a user
    // clicking the title does), and the keyboard leaves the field.
    let title = h
        .get_by_label_contains("Checkout has no PM-T")
        .rect()
        .center();
    h.hover_at(title);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: title,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.event(egui::Event::PointerButton {
        pos: title,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert!(!h.ctx.text_edit_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    assert!(
        !h.ctx
            .with_plugin(|s: &mut egui::text_selection::LabelSelectionState| s.has_selection())
            .unwrap_or(false),
        "Ctrl+A selected the dialog's text"
    );
    assert!(
        h.get_by_label("Reason (required)")
            .accesskit_node()
            .is_focused(),
        "Ctrl+A did not go to Reason"
    );
    // Typing replaces the whole reason: it was all selected.
    h.get_by_label("Reason (required)")
        .type_text("Hiring in Q1");
    h.run();
    let Some(Modal::Waive(w)) = &h.state().modal else {
        panic!("the dialog closed")
    };
    assert_eq!(w.reason, "Hiring in Q1");
}

// Issue 20.6: Find in the reporting tree shows each match with its
// management chain above it, and nobody else.
#[test]
fn find_in_the_reporting_tree_shows_matches_with_their_chain() {
    let mut h = harness();
    h.state_mut().tab = Tab::Reporting;
    h.run();
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Find in tree");
    field.focus();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Find in tree")
        .type_text("bo park");
    h.run();
    // Bo, and the chain above: Alice, Marcus, Priya (and whoever is above).
    let org = h.state().doc.org().clone();
    let mut chain = vec![];
    let mut cur = Some(pid("bo"));
    while let Some(p) = cur {
        let person = org.person(&p).unwrap();
        chain.push(person.name.clone());
        cur = person.manager.clone();
    }
    assert!(chain.len() >= 3, "{chain:?}");
    for name in &chain {
        h.get_by_label(&format!("{name} in reporting tree"));
    }
    // Nobody off the chain: Alice's other reports are not shown.
    assert!(h.query_by_label("Cy Adeyemi in reporting tree").is_none());
    let shown = h
        .query_all_by(|n| n.label().is_some_and(|l| l.ends_with(" in reporting tree")))
        .count();
    assert_eq!(shown, chain.len());
}

// Issue 21.4: the reporting tree opens with two levels showing, folds and
// unfolds by click and by keyboard, and counts direct and total reports.
#[test]
fn the_reporting_tree_opens_two_levels_deep_and_folds_by_click_and_key() {
    let mut h = harness();
    h.state_mut().tab = Tab::Reporting;
    h.run();
    let org = h.state().doc.org().clone();
    let depth = |id: &PersonId| {
        let mut d = 0;
        let mut cur = org.person(id).unwrap().manager.clone();
        while let Some(m) = cur {
            d += 1;
            cur = org.person(&m).unwrap().manager.clone();
        }
        d
    };
    let shown = |h: &Harness<'_, OrgApp>, name: &str| {
        h.query_by_label(&format!("{name} in reporting tree"))
            .is_some()
    };
    for p in &org.people {
        assert_eq!(
            shown(&h, &p.name),
            depth(&p.id) <= 1,
            "{} at depth {}",
            p.name,
            depth(&p.id)
        );
    }
    // Marcus (at depth 1) manages managers: his direct and total reports.
    let marcus = org.person(&pid("marcus")).unwrap();
    assert_eq!(depth(&marcus.id), 1);
    let direct = org
        .people
        .iter()
        .filter(|p| p.manager.as_ref() == Some(&marcus.id))
        .count();
    let mut all = 0;
    for p in &org.people {
        let mut cur = p.manager.clone();
        while let Some(m) = cur {
            if m == marcus.id {
                all += 1;
                break;
            }
            cur = org.person(&m).unwrap().manager.clone();
        }
    }
    assert!(all > direct);
    // Unfold Marcus from the keyboard: his reports appear, Alice's do not.
    h.get_by_label("Marcus Bell in reporting tree").focus();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(shown(&h, "Alice Chen"));
    assert!(!shown(&h, "Bo Park"), "Alice's reports stay folded");
    // Left folds him again.
    h.get_by_label("Marcus Bell in reporting tree").focus();
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    assert!(!shown(&h, "Alice Chen"));
    // Marcus's row says both counts; the tree computes them alike.
    assert!(all > direct, "{all} in all, {direct} direct");
}

// Issue 21.4: a wide span is compact: past 8 reports who manage nobody,
// they stand in columns (balanced, read down each column), each one still
// a person of its own (select by click), the managers' subtrees after.
#[test]
fn a_wide_span_stacks_its_reports_in_columns_past_eight() {
    use orgplan::model::{Org, Person};
    let mut org = Org {
        name: "Wide".into(),
        ..Org::default()
    };
    org.people.push(Person::new("mia", "Mia Root", "EM"));
    for i in 0..20 {
        let mut p = Person::new(format!("e{i}"), format!("Engineer Número {i}"), "Engineer");
        p.manager = Some(pid("mia"));
        org.people.push(p);
    }
    let mut lead = Person::new("lea", "Lea Lead", "EM");
    lead.manager = Some(pid("mia"));
    org.people.push(lead);
    let mut under = Person::new("ulf", "Ulf Under", "Engineer");
    under.manager = Some(pid("lea"));
    org.people.push(under);
    let mut h = orgplan_ui_tests::harness_on(org, egui::vec2(1440.0, 900.0));
    h.state_mut().tab = Tab::Reporting;
    for _ in 0..4 {
        h.step();
    }
    let at = |h: &Harness<'_, OrgApp>, i: usize| {
        h.get_by_label(&format!("Engineer Número {i} in reporting tree"))
            .rect()
    };
    // 20 reports: 3 columns of 7, 7 and 6.
    let mut rows: Vec<f32> = (0..20).map(|i| at(&h, i).top()).collect();
    rows.sort_by(f32::total_cmp);
    rows.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    assert_eq!(rows.len(), 7, "{rows:?}");
    assert!((at(&h, 0).top() - at(&h, 7).top()).abs() < 1.0, "same row");
    assert!(at(&h, 7).left() > at(&h, 0).right(), "next column");
    assert!(at(&h, 1).top() > at(&h, 0).top(), "down the column");
    assert!((at(&h, 14).top() - at(&h, 0).top()).abs() < 1.0);
    // The manager among them comes after the compact rows.
    let lea = h.get_by_label("Lea Lead in reporting tree").rect();
    assert!(lea.top() > rows[6], "{lea:?} after {rows:?}");
    // Each is a person of their own: a click selects them.
    let c = at(&h, 9).center();
    click_at(&mut h, c);
    assert_eq!(
        h.state().selection,
        Some(Selection::Person(pid("e9"), None))
    );
}

// Issue 21.6: Org → Rules… changes a rule's severity and what a kind of
// team needs; Apply is one undoable edit, saved in the file, and the gaps
// follow at once.
#[test]
fn org_rules_changes_severities_and_requirements_as_one_undoable_edit() {
    let mut h = harness();
    assert!(has_finding(&h, "S004", "team:mobile", None));
    let roadmap_on_streams = |h: &Harness<'_, OrgApp>| {
        let org = h.state().doc.org().clone();
        h.state().doc.derived().report.findings.iter().any(|f| {
            f.capability.map(|c| c.id()) == Some("roadmap")
                && org.teams.iter().any(|t| {
                    t.kind == orgplan::model::TeamKind::Stream
                        && f.subject.to_string() == format!("team:{}", t.id)
                })
        })
    };
    assert!(roadmap_on_streams(&h));
    orgplan_ui_tests::org_menu(&mut h, "Rules…");
    // S004 (team too large) off.
    h.get_by_label("Severity of S004").scroll_to_me();
    h.run_steps(30);
    h.get_by_label("Severity of S004").click();
    h.run();
    h.get_by_label("Off").click();
    h.run();
    // Stream teams need no roadmap, missing or stop-gap.
    for which in ["missing", "stop-gap"] {
        let label = format!("Stream team: Product roadmap {which}");
        h.get_by_label(&label).scroll_to_me();
        h.run_steps(30);
        h.get_by_label(&label).click();
        h.run();
        h.get_all_by_label("Off").last().unwrap().click();
        h.run();
    }
    // Nothing changes before Apply.
    assert!(has_finding(&h, "S004", "team:mobile", None));
    h.get_by_label("Apply").click();
    h.run();
    assert!(!has_finding(&h, "S004", "team:mobile", None));
    assert!(!roadmap_on_streams(&h));
    let settings = h.state().doc.org().settings.clone();
    assert_eq!(
        settings.rules.get("S004").and_then(|o| o.severity),
        Some(orgplan::catalog::Severity::Off)
    );
    // In the file, as FILE-FORMAT.md writes settings.
    let text = orgplan::io::to_canonical_string(h.state().doc.org());
    assert!(text.contains("\"S004\": (severity: Off)"), "{text}");
    h.get_by_label("Close").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        has_finding(&h, "S004", "team:mobile", None),
        "one undo brings it all back"
    );
    assert!(roadmap_on_streams(&h));
}
