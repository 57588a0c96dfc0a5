//! Holds only what the tests share: the package exists for its `tests/` (the app driven by
//! egui_kittest), which need the GUI stack. Keeping them out of the `orgplan`
//! package lets `cargo test --no-default-features` build no GUI at all, while
//! `cargo test` in the repository root runs both packages.

/// The app at `size` on `org`, as an unsaved document, with default
/// settings, no recovery file and the in-app file dialogs: how the tests
/// open an org of their own.
#[cfg(feature = "gui")]
pub fn harness_on(
    org: orgplan::model::Org,
    size: egui::Vec2,
) -> egui_kittest::Harness<'static, orgplan::app::OrgApp> {
    egui_kittest::Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| {
            orgplan::app::OrgApp::new(
                orgplan::document::Document::new(org.clone(), None),
                Default::default(),
                None,
                false,
            )
        })
}

/// Points the open file dialog at `dir` and `name` (as typing them would);
/// its purpose. Panics when no file dialog is open.
#[cfg(feature = "gui")]
pub fn fill_file_dialog(
    h: &mut egui_kittest::Harness<'_, orgplan::app::OrgApp>,
    dir: &std::path::Path,
    name: &str,
) -> orgplan::app::DialogPurpose {
    let Some(orgplan::app::Modal::File(d)) = &mut h.state_mut().modal else {
        panic!("no file dialog for {name}")
    };
    d.dir = dir.to_path_buf();
    d.name = name.into();
    d.purpose
}

/// Opens the menu bar's Org menu (the inspector's heading is "Org" too)
/// and its `item` ("Roles…", "Rules…"), and lets the dialog open.
#[cfg(feature = "gui")]
pub fn org_menu(h: &mut egui_kittest::Harness<'_, orgplan::app::OrgApp>, item: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_all_by_label("Org")
        .next()
        .expect("the Org menu")
        .click();
    h.run();
    h.get_by_label(item).click();
    h.run();
    h.run();
}
