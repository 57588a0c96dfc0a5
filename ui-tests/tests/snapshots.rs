//! Image snapshots of the layouts that broke in issue 20's walk: the
//! default window, the inspector after selecting a card (it used to grow
//! at every selection), a small window (the canvas kept 190 px), and the
//! light theme. Rendered by wgpu on the CPU (Mesa's lavapipe, which
//! `.ci/run` installs), compared with `tests/snapshots/*.png` with a
//! tolerance that survives font hinting. `UPDATE_SNAPSHOTS=1 cargo test -p
//! orgplan-ui-tests --features snapshots --test snapshots` rewrites them after a change that is
//! meant (look at the `.new.png` first).
//!
//! They need the `snapshots` feature (wgpu): `cargo test -p
//! orgplan-ui-tests --features snapshots --test snapshots`, as `.ci/run`
//! does. A machine with no wgpu adapter at all skips them with a message,
//! unless `ORGPLAN_REQUIRE_SNAPSHOTS` is set (CI sets it: there they must
//! run).
#![cfg(feature = "snapshots")]
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use egui_kittest::{Harness, SnapshotOptions};
use orgplan::app::{OrgApp, Selection};
use orgplan::model::TeamId;

/// Whether wgpu finds an adapter to render with.
fn renderer_available() -> bool {
    let ok = std::panic::catch_unwind(|| {
        drop(egui_kittest::wgpu::WgpuTestRenderer::new());
    })
    .is_ok();
    if !ok {
        assert!(
            std::env::var_os("ORGPLAN_REQUIRE_SNAPSHOTS").is_none(),
            "ORGPLAN_REQUIRE_SNAPSHOTS is set and wgpu has no adapter: install Mesa's lavapipe (Debian: mesa-vulkan-drivers)"
        );
        eprintln!(
            "skipped: no wgpu adapter to render image snapshots with (Debian: apt-get install mesa-vulkan-drivers)"
        );
    }
    ok
}

fn app(w: f32, h: f32, dark: bool) -> Harness<'static, OrgApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(w, h))
        .with_max_steps(12)
        .wgpu()
        .build_eframe(move |_cc| {
            let mut app = OrgApp::with_sample();
            app.settings.dark = dark;
            app
        });
    h.run();
    h
}

/// Font hinting and lavapipe's rounding move a few edge pixels between
/// machines; a layout that broke moves thousands.
fn options(h: &Harness<'_, OrgApp>) -> SnapshotOptions {
    let size = h.ctx.content_rect().size();
    let pixels = (size.x * size.y) as usize;
    SnapshotOptions::new()
        .threshold(2.0)
        .max_failed_pixels(pixels / 200)
}

#[test]
fn the_layouts_that_broke_look_as_they_should() {
    // SAFETY: this test binary has this one test, which sets the variable
    // before it starts any thread of its own; nothing else reads or writes
    // the environment meanwhile.
    unsafe { std::env::set_var("ORGPLAN_TODAY", "2026-12-01") };
    if !renderer_available() {
        return;
    }
    let mut results = egui_kittest::SnapshotResults::new();

    // The window as it opens, dark.
    let mut h = app(1440.0, 900.0, true);
    let o = options(&h);
    results.add(h.try_snapshot_options("default_window", &o));

    // The inspector after selecting a card five times: the same width.
    for _ in 0..5 {
        h.state_mut().selection = Some(Selection::Team(TeamId::new("checkout")));
        h.run();
        h.state_mut().selection = None;
        h.run();
    }
    h.state_mut().selection = Some(Selection::Team(TeamId::new("checkout")));
    h.run();
    results.add(h.try_snapshot_options("inspector_after_selecting", &o));
    drop(h);

    // A small window: the canvas keeps most of it.
    let mut h = app(800.0, 560.0, true);
    let o = options(&h);
    results.add(h.try_snapshot_options("small_window", &o));
    drop(h);

    // The light theme.
    let mut h = app(1440.0, 900.0, false);
    let o = options(&h);
    results.add(h.try_snapshot_options("light_theme", &o));
    drop(h);

    results.unwrap();
}
