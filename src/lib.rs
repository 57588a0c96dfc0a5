//! orgplan: an org-design planner for engineering leaders.
//!
//! Everything but `app` is free of any GUI code; the desktop app lives in
//! `app` behind the default `gui` feature. A map of the modules and how an
//! edit travels to the screen: docs/architecture.md.

pub mod cards;
pub mod catalog;
pub mod chart;
pub mod cli;
pub mod diff;
pub mod document;
pub mod edit;
pub mod groups;
pub mod import;
pub mod index;
pub mod io;
pub mod layout;
pub mod memory;
pub mod model;
pub mod report;
pub mod risk;
pub mod rules;
pub mod samples;
pub mod sanitize;
pub mod suggest;
#[doc(hidden)]
pub mod support;
pub mod text;

#[cfg(feature = "gui")]
pub mod app;
