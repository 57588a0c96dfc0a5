//! orgplan: an org-design planner for engineering leaders.
//!
//! `model`, `catalog`, `io`, `rules` and `report` are free of any GUI code;
//! the desktop app lives in `app` behind the default `gui` feature.

pub mod cards;
pub mod catalog;
pub mod chart;
pub mod cli;
pub mod diff;
pub mod document;
pub mod edit;
pub mod generate;
pub mod import;
pub mod index;
pub mod io;
pub mod latency;
pub mod layout;
pub mod model;
pub mod report;
pub mod rules;
pub mod samples;
pub mod sanitize;
pub mod text;

#[cfg(feature = "gui")]
pub mod app;
