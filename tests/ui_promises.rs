//! The app keeps its promises (issues 8 and 9): files are never silently
//! overwritten, caches never outlive their document, edits are visible.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use orgplan::app::{Action, Modal, OrgApp};

fn harness() -> Harness<'static, OrgApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(|_cc| OrgApp::with_sample());
    h.run();
    h
}

fn open(h: &mut Harness<'_, OrgApp>, path: &std::path::Path) {
    let ctx = h.ctx.clone();
    h.state_mut().load_document(&ctx, path.to_path_buf());
    h.run();
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
    let Some(Modal::File(d)) = &mut h.state_mut().modal else {
        panic!("no file dialog")
    };
    d.dir = dir.to_path_buf();
    d.name = name.into();
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
    choose_in_dialog(&mut h, Action::SaveAs, dir.path(), "theirs.org.ron");
    assert!(
        matches!(h.state().modal, Some(Modal::ConfirmReplace { .. })),
        "no confirmation asked"
    );
    h.get_by_label("Replace theirs.org.ron?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");
    assert!(h.state().doc.path.is_none());
    // Again, and Replace.
    choose_in_dialog(&mut h, Action::SaveAs, dir.path(), "theirs.org.ron");
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
        Some(Modal::ConfirmReplace { .. })
    ));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
}

// Issue 9.4: Save never overwrites what another program saved meanwhile.
#[test]
fn save_asks_when_the_file_changed_on_disk_since_it_was_opened() {
    let mut h = harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.org.ron");
    std::fs::copy("samples/startup.org.ron", &path).unwrap();
    open(&mut h, &path);
    rename_org(&mut h, "My edit");
    // Another program saves the file.
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Tiny Startup", "Their edit");
    std::fs::write(&path, &theirs).unwrap();
    h.state_mut().act(Action::Save);
    h.run();
    assert!(
        matches!(h.state().modal, Some(Modal::ChangedOnDisk { .. })),
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
    h.state_mut().act(Action::Save);
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
    h.state_mut().act(Action::Save);
    h.run();
    assert!(h.state().modal.is_none());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("name: \"Second edit\"")
    );
}
