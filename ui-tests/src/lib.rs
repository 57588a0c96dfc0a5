//! Holds no code: the package exists for its `tests/` (the app driven by
//! egui_kittest), which need the GUI stack. Keeping them out of the `orgplan`
//! package lets `cargo test --no-default-features` build no GUI at all, while
//! `cargo test` in the repository root runs both packages.
