//! The open document: the org, its file, snapshot history for undo/redo, and
//! the analysis, recomputed only when the org changes.

use crate::catalog::Severity;
use crate::edit::{Edit, apply};
use crate::layout::{CardRect, layout};
use crate::model::{Date, Org, Subject};
use crate::report::{HiringLine, MatrixRow, hiring_plan, matrix};
use crate::rules::{Analysis, Report, run};
use std::collections::HashMap;
use std::path::PathBuf;

/// Undo keeps this many steps.
const HISTORY_LIMIT: usize = 200;

/// Counts of unwaived findings about one subject.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Badge {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Badge {
    pub fn worst(&self) -> Option<Severity> {
        if self.error > 0 {
            Some(Severity::Error)
        } else if self.warning > 0 {
            Some(Severity::Warning)
        } else if self.info > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// Everything computed from the org, refreshed after each change.
pub struct Derived {
    pub report: Report,
    pub matrix: Vec<MatrixRow>,
    pub hiring: Vec<HiringLine>,
    pub badges: HashMap<Subject, Badge>,
    pub cards: Vec<CardRect>,
    /// Total allocation per person id.
    pub allocation: HashMap<String, u32>,
    /// People in no team or initiative, sponsoring nothing, managing nobody (S010).
    pub unassigned: std::collections::HashSet<String>,
    /// The file's roles (built-in and custom).
    pub catalog: crate::catalog::RoleCatalog,
    /// Index in `cards` of each team's card, by team id.
    pub team_card: HashMap<String, usize>,
    pub summary: crate::rules::Summary,
}

impl Derived {
    fn new(org: &Org, today: Date) -> Derived {
        let a = Analysis::new(org);
        let report = run(&a, today);
        let mut badges: HashMap<Subject, Badge> = HashMap::new();
        for f in report.findings.iter().filter(|f| !f.waived()) {
            let b = badges.entry(f.subject.clone()).or_default();
            match f.severity {
                Severity::Error => b.error += 1,
                Severity::Warning => b.warning += 1,
                _ => b.info += 1,
            }
        }
        let allocation = org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.to_string(), a.allocation[i]))
            .collect();
        let unassigned = org
            .people
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                a.memberships[*i].is_empty()
                    && a.leads[*i].is_empty()
                    && a.sponsors[*i].is_empty()
                    && a.reports[*i].is_empty()
            })
            .map(|(_, p)| p.id.to_string())
            .collect();
        let cards = layout(org);
        let team_card = cards
            .iter()
            .enumerate()
            .filter_map(|(k, c)| match &c.card {
                crate::edit::CardId::Team(t) => Some((t.to_string(), k)),
                _ => None,
            })
            .collect();
        Derived {
            summary: report.summary(),
            catalog: crate::catalog::RoleCatalog::new(&org.roles),
            team_card,
            matrix: matrix(&a),
            hiring: hiring_plan(&a),
            report,
            badges,
            cards,
            allocation,
            unassigned,
        }
    }

    pub fn badge(&self, s: &Subject) -> Badge {
        self.badges.get(s).copied().unwrap_or_default()
    }

    /// What a drop or "Add to" gives a person: the rest of their time, or
    /// 100% if they have none left ([`crate::edit::default_allocation`],
    /// from the totals the analysis already has).
    pub fn default_allocation(&self, p: &crate::model::PersonId) -> crate::model::Allocation {
        let used = self.allocation.get(p.as_str()).copied().unwrap_or(0);
        crate::model::Allocation::new(100u32.saturating_sub(used))
            .unwrap_or(crate::model::Allocation::FULL)
    }
}

/// A number never handed out before in this process.
fn next_version() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub struct Document {
    pub org: Org,
    /// Where it is saved; `None` for the built-in sample or a new org.
    pub path: Option<PathBuf>,
    /// What to call it while it has no path ("scaleup.org.ron (built-in sample)").
    pub label: Option<String>,
    generation: u64,
    saved_gen: u64,
    next_gen: u64,
    undo: Vec<(Org, u64, &'static str)>,
    redo: Vec<(Org, u64, &'static str)>,
    pub today: Date,
    /// What the file held when it was opened or last saved here: Save
    /// refuses to overwrite a file someone else changed since.
    pub disk: Option<crate::io::FileStamp>,
    derived: Derived,
    /// Which state of which document `derived` describes: a number taken
    /// from one process-wide counter, so it never repeats across documents
    /// (views key their caches on it).
    pub analysis_version: u64,
}

impl Document {
    pub fn new(org: Org, path: Option<PathBuf>) -> Document {
        let today = Date::today();
        let derived = Derived::new(&org, today);
        Document {
            org,
            path,
            label: None,
            generation: 0,
            saved_gen: 0,
            next_gen: 1,
            undo: Vec::new(),
            redo: Vec::new(),
            today,
            disk: None,
            derived,
            analysis_version: next_version(),
        }
    }

    /// A document that starts out unsaved (restored from recovery).
    pub fn new_dirty(org: Org, path: Option<PathBuf>) -> Document {
        let mut d = Document::new(org, path);
        d.saved_gen = u64::MAX;
        d
    }

    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    pub fn file_name(&self) -> String {
        match &self.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            ),
            None => self
                .label
                .clone()
                .unwrap_or_else(|| "untitled.org.ron".into()),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.generation != self.saved_gen
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.label = None;
        self.saved_gen = self.generation;
    }

    /// Applies an edit as one undo step; the analysis is refreshed at once.
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        let before = self.org.clone();
        apply(&mut self.org, &edit)?;
        self.undo.push((before, self.generation, edit.label()));
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.generation = self.next_gen;
        self.next_gen += 1;
        self.refresh();
        Ok(())
    }

    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|(_, _, l)| *l)
    }

    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|(_, _, l)| *l)
    }

    pub fn undo(&mut self) -> bool {
        let Some((org, generation, label)) = self.undo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.org, org);
        self.redo.push((current, self.generation, label));
        self.generation = generation;
        self.refresh();
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some((org, generation, label)) = self.redo.pop() else {
            return false;
        };
        let current = std::mem::replace(&mut self.org, org);
        self.undo.push((current, self.generation, label));
        self.generation = generation;
        self.refresh();
        true
    }

    fn refresh(&mut self) {
        self.derived = Derived::new(&self.org, self.today);
        self.analysis_version = next_version();
    }
}
