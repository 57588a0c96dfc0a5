//! The open file's lifecycle around the document: the unsaved-changes
//! check, what follows a save, closing the window, and autosave to the
//! recovery file. One struct, so the rules live together (as Rerun keeps
//! its app state apart from its UI).

use super::command::Action;
use super::files::Recovery;
use crate::document::Document;
use crate::model::Org;
use std::path::PathBuf;

pub struct Lifecycle {
    recovery: Option<Recovery>,
    /// Autosave interval while dirty (seconds).
    pub autosave_secs: f64,
    /// When and at which revision the recovery file was last written.
    last_autosave: f64,
    recovery_revision: Option<u64>,
    /// Quit was confirmed: the window may close.
    allow_close: bool,
    /// "Discard" was chosen: the next unsaved-changes check passes.
    skip_unsaved_check: bool,
    /// What to do once a save asked for by the unsaved-changes prompt is done.
    after_save: Option<Action>,
}

/// What to do about a request to close the window.
#[derive(Debug, PartialEq, Eq)]
pub enum Close {
    Let,
    /// Unsaved changes: cancel the close and ask.
    Ask,
}

impl Lifecycle {
    /// `recovery`: where unsaved work is autosaved (`None` disables it).
    pub fn new(recovery: Option<Recovery>) -> Self {
        Lifecycle {
            recovery,
            autosave_secs: 30.0,
            last_autosave: 0.0,
            recovery_revision: None,
            allow_close: false,
            skip_unsaved_check: false,
            after_save: None,
        }
    }

    /// Work autosaved by a session that did not close cleanly.
    pub fn recovered(&self) -> Option<(Org, Option<PathBuf>, String)> {
        self.recovery.as_ref().and_then(Recovery::load)
    }

    /// The recovery file goes (the work was saved or discarded).
    pub fn clear_recovery(&mut self) {
        if let Some(r) = &self.recovery {
            r.clear();
        }
        self.recovery_revision = None;
    }

    /// Whether an action that replaces the document may go ahead without
    /// asking: nothing unsaved, or "Discard" was just chosen.
    pub fn may_replace(&mut self, doc: &Document) -> bool {
        std::mem::take(&mut self.skip_unsaved_check) || !doc.is_dirty()
    }

    /// "Discard" was chosen: the next check passes.
    pub fn discard_chosen(&mut self) {
        self.skip_unsaved_check = true;
    }

    /// `then` runs once the save under way succeeds.
    pub fn after_save(&mut self, then: Action) {
        self.after_save = Some(then);
    }

    /// A save succeeded: the recovery file goes; what was to follow it.
    pub fn saved(&mut self) -> Option<Action> {
        self.clear_recovery();
        self.after_save.take()
    }

    /// A save failed or was cancelled: what was to follow it is forgotten.
    pub fn save_abandoned(&mut self) {
        self.after_save = None;
    }

    /// Quit confirmed: the window closes and the recovery file goes.
    pub fn quit(&mut self) {
        self.allow_close = true;
        self.clear_recovery();
    }

    /// The window asked to close.
    pub fn close_requested(&mut self, doc: &Document) -> Close {
        if self.allow_close {
            return Close::Let;
        }
        if doc.is_dirty() {
            Close::Ask
        } else {
            self.clear_recovery();
            Close::Let
        }
    }

    /// Keeps the recovery file in step with the unsaved state at time
    /// `now`: written every `autosave_secs` while dirty, removed as soon as
    /// the document is clean again (saved, or undone back to what is on
    /// disk). An error says why a write failed.
    pub fn autosave(&mut self, now: f64, doc: &Document) -> Result<(), String> {
        if !doc.is_dirty() {
            self.last_autosave = now;
            if self.recovery_revision.is_some() {
                self.clear_recovery();
            }
            return Ok(());
        }
        if now - self.last_autosave >= self.autosave_secs
            && self.recovery_revision != Some(doc.revision())
        {
            self.last_autosave = now;
            if let Some(r) = &self.recovery {
                r.save(doc.org(), doc.path.as_deref())?;
                self.recovery_revision = Some(doc.revision());
            }
        }
        Ok(())
    }
}
