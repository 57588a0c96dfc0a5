//! The open document: the org, its file, an undo history of inverse edits,
//! and what is derived from it. No GUI code: the app, the benchmarks and
//! the tests all edit through [`Document::apply`].
//!
//! An edit changes the org in place and costs what it changes: the history
//! keeps the inverse edit, never a copy of the org. What the canvas needs at
//! once (card layout, the role catalogue) is refreshed in the same call.
//! The analysis (findings, badges, matrix, hiring plan) of a large org runs
//! on a worker thread that keeps its own copy of the org and replays the
//! same edits, so nothing is copied per edit; several edits queued while it
//! works are coalesced into one analysis. Until its result for the current
//! revision arrives, [`Document::is_current`] is false and views show the
//! previous result as stale ("checking…"). Small orgs are analysed in the
//! same call.

use crate::catalog::{RoleCatalog, Severity};
use crate::edit::{Edit, EditError, apply};
use crate::io::FileStamp;
use crate::layout::{CardRect, layout};
use crate::model::CardId;
use crate::model::{Allocation, Date, Org, PersonId, Subject};
use crate::rules::{Analysis, Report, Summary, run};
use crate::rules::{HiringLine, Matrix, hiring_plan, matrix};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

mod risk_view;
use risk_view::RiskJob;
pub use risk_view::{RiskLevel, RiskView};

/// Undo keeps this many steps (each an inverse edit, not a copy).
pub const HISTORY_LIMIT: usize = 1000;

/// Orgs with at least this many people are analysed off the caller's thread.
pub const ASYNC_FROM: usize = 2_000;

/// A number never handed out before in this process: documents and their
/// states are told apart by it, so caches keyed on it can never show one
/// document's data for another.
pub fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

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

/// What the analysis derives from one revision of the org.
pub struct Derived {
    /// The revision of the org this describes.
    pub revision: u64,
    pub report: Report,
    pub matrix: Matrix,
    pub hiring: Vec<HiringLine>,
    pub badges: HashMap<Subject, Badge>,
    /// Total allocation per person id.
    pub allocation: HashMap<String, u32>,
    /// People in no team or initiative, sponsoring nothing, managing nobody (S010).
    pub unassigned: HashSet<String>,
    pub summary: Summary,
    /// The comparison with the base the document is compared with, if any.
    pub diff: Option<Arc<crate::diff::Diff>>,
}

impl Derived {
    /// Runs the analysis and the rules on `org` (and compares it with
    /// `compare`, when comparing); `planned`: on the org as planned, open
    /// seats counted as filled (docs/domain.md). The hypothetical hires come
    /// after the org's people, so per-person figures of `org` keep their
    /// indices.
    pub fn compute(
        org: &Org,
        today: Date,
        revision: u64,
        compare: Option<&CompareBase>,
        planned: bool,
    ) -> Derived {
        let as_planned = planned.then(|| crate::rules::as_planned(org));
        let a = Analysis::new(as_planned.as_ref().unwrap_or(org));
        let report = run(&a, today);
        let diff = compare.map(|base| {
            Arc::new(crate::diff::Diff::from_parts(
                crate::diff::Side {
                    org: &base.org,
                    report: &base.report,
                    metrics: base.metrics,
                },
                crate::diff::Side {
                    org,
                    report: &report,
                    metrics: crate::diff::Metrics::new(&a, &report),
                },
                today,
                false,
            ))
        });
        let mut badges: HashMap<Subject, Badge> = HashMap::default();
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
        Derived {
            revision,
            summary: report.summary(),
            matrix: matrix(&a),
            hiring: hiring_plan(&a),
            report,
            badges,
            allocation,
            unassigned,
            diff,
        }
    }

    pub fn badge(&self, s: &Subject) -> Badge {
        self.badges.get(s).copied().unwrap_or_default()
    }

    /// What a drop or "Add to" gives a person: the rest of their time, or
    /// 100% if they have none left ([`crate::edit::default_allocation`],
    /// from the totals the analysis already has).
    pub fn default_allocation(&self, p: &PersonId) -> Allocation {
        let used = self.allocation.get(p.as_str()).copied().unwrap_or(0);
        Allocation::new(100u32.saturating_sub(used)).unwrap_or(Allocation::FULL)
    }
}

/// The org a document is compared with, analysed once.
pub struct CompareBase {
    pub org: Org,
    pub report: Report,
    pub metrics: crate::diff::Metrics,
}

impl CompareBase {
    /// The base analysed (as planned when `planned`).
    pub fn new(org: Org, today: Date, planned: bool) -> CompareBase {
        let (metrics, report) = if planned {
            crate::diff::analyse(&crate::rules::as_planned(&org), today)
        } else {
            crate::diff::analyse(&org, today)
        };
        CompareBase {
            org,
            report,
            metrics,
        }
    }
}

/// What the app shows of the base while comparing: its name and where its
/// cards were (removed ones are drawn as ghosts there).
#[derive(Clone, Debug)]
pub struct Comparing {
    /// "scaleup.org.ron (saved)".
    pub label: String,
    pub cards: Vec<(CardId, crate::layout::Rect, String)>,
}

/// What the canvas needs in the same frame as an edit: card places and the
/// roles. Cheap (linear in the number of cards), refreshed on every change.
pub struct Layout {
    pub revision: u64,
    pub cards: Vec<CardRect>,
    /// Index in `cards` of each team's card, by team id.
    pub team_card: HashMap<String, usize>,
    /// The file's roles (built-in and custom).
    pub catalog: RoleCatalog,
    /// Index in `org.people` of each person, by id; rebuilt only when an
    /// edit adds, removes or renames people.
    people: Arc<HashMap<String, u32>>,
    /// The cards' groups (see [`crate::groups`]); kept when an edit only
    /// moves cards.
    pub groups: Arc<Vec<crate::groups::Group>>,
    /// Each group's frame where its cards are now (parallel to `groups`).
    pub frames: Vec<crate::layout::Rect>,
    /// Whether the frames are drawn ([`crate::groups::framed`]).
    pub framed: bool,
}

/// Whether an edit only moves cards (so the groups stay as they are).
fn only_moves(edit: &Edit) -> bool {
    match edit {
        Edit::MoveCard { .. } | Edit::SetPosition { .. } | Edit::SetPositions(_) => true,
        Edit::Batch(edits) => edits.iter().all(only_moves),
        _ => false,
    }
}

/// Whether an edit can change which people exist or their ids.
fn touches_people(edit: &Edit) -> bool {
    match edit {
        Edit::AddPerson(_)
        | Edit::DeletePerson(_)
        | Edit::RestorePerson(_)
        | Edit::ReplaceOrg(_) => true,
        Edit::UpdatePerson { id, person } => id != &person.id,
        Edit::Batch(edits) => edits.iter().any(touches_people),
        _ => false,
    }
}

impl Layout {
    /// The person with `id`, found through the index.
    pub fn person<'o>(&self, org: &'o Org, id: &PersonId) -> Option<&'o crate::model::Person> {
        match self.people.get(id.as_str()) {
            Some(&i) => org.people.get(i as usize).filter(|p| &p.id == id),
            None => None,
        }
    }

    /// The layout after `edit`, reusing what it cannot have changed.
    fn after(&self, org: &Org, revision: u64, edit: &Edit) -> Layout {
        let people = if touches_people(edit) {
            Arc::new(people_index(org))
        } else {
            self.people.clone()
        };
        let groups = if only_moves(edit) {
            self.groups.clone()
        } else {
            Arc::new(crate::groups::groups(org))
        };
        Layout::with_people(org, revision, people, groups)
    }

    fn new(org: &Org, revision: u64) -> Layout {
        Layout::with_people(
            org,
            revision,
            Arc::new(people_index(org)),
            Arc::new(crate::groups::groups(org)),
        )
    }

    fn with_people(
        org: &Org,
        revision: u64,
        people: Arc<HashMap<String, u32>>,
        groups: Arc<Vec<crate::groups::Group>>,
    ) -> Layout {
        let cards = layout(org);
        let team_card = cards
            .iter()
            .enumerate()
            .filter_map(|(k, c)| match &c.card {
                CardId::Team(t) => Some((t.to_string(), k)),
                _ => None,
            })
            .collect::<HashMap<String, usize>>();
        let at: HashMap<&CardId, usize> = cards
            .iter()
            .enumerate()
            .map(|(k, c)| (&c.card, k))
            .collect();
        let frames = groups
            .iter()
            .map(|g| {
                crate::groups::frame(
                    g.cards
                        .iter()
                        .filter_map(|c| at.get(c).map(|&k| cards[k].rect)),
                )
                .unwrap_or(crate::layout::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: 0.0,
                    h: 0.0,
                })
            })
            .collect::<Vec<_>>();
        Layout {
            revision,
            framed: crate::groups::framed(&frames),
            cards,
            team_card,
            catalog: RoleCatalog::new(&org.roles),
            people,
            groups,
            frames,
        }
    }

    pub fn card(&self, card: &CardId) -> Option<&CardRect> {
        match card {
            CardId::Team(t) => self.team_card.get(t.as_str()).map(|&k| &self.cards[k]),
            CardId::Initiative(_) => self.cards.iter().find(|c| &c.card == card),
        }
    }
}

fn people_index(org: &Org) -> HashMap<String, u32> {
    org.people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.to_string(), i as u32))
        .collect()
}

/// One undo or redo step: the edit that goes there, and the revision it
/// leads to.
struct Step {
    edit: Edit,
    label: &'static str,
    revision: u64,
}

/// Messages to the analysis worker.
enum ToWorker {
    /// Start over on this org.
    Load(Box<Org>, u64, Date),
    /// Replay this edit; the org is then at this revision.
    Edit(Box<Edit>, u64),
    /// Compare with this base from now on (or stop comparing).
    Compare(Option<Box<Org>>),
    /// Judge the org as planned (open seats filled), or not.
    Planned(bool),
    /// Key-person risk was turned on: send it (again) for this revision.
    Wake,
}

/// Messages from the analysis worker.
enum FromWorker {
    Done(Arc<Derived>),
    /// Key-person risk, after the analysis of the same revision.
    Risk(Arc<RiskView>),
    /// Replaying an edit failed: the worker needs the org again.
    Diverged,
}

/// Wakes the UI when a result arrives (the app passes a repaint request).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// What the document tells its worker without waiting in its queue: the
/// latest revision (work for an older one is given up) and whether
/// key-person risk is wanted.
struct Shared {
    latest: AtomicU64,
    risk: AtomicBool,
}

struct Worker {
    tx: Sender<ToWorker>,
    rx: Receiver<FromWorker>,
    shared: Arc<Shared>,
}

impl Worker {
    fn spawn(org: Org, revision: u64, today: Date, waker: Option<Waker>, risk: bool) -> Worker {
        let (tx, worker_rx) = channel::<ToWorker>();
        let (worker_tx, rx) = channel::<FromWorker>();
        let shared = Arc::new(Shared {
            latest: AtomicU64::new(revision),
            risk: AtomicBool::new(risk),
        });
        let _ = tx.send(ToWorker::Load(Box::new(org), revision, today));
        let theirs = shared.clone();
        std::thread::Builder::new()
            .name("orgplan-analysis".into())
            .spawn(move || worker_loop(worker_rx, worker_tx, waker, &theirs))
            .ok();
        Worker { tx, rx, shared }
    }

    /// Sends `msg`, which leads to `revision`; false when the worker is gone.
    fn send(&self, msg: ToWorker, revision: u64) -> bool {
        self.shared.latest.store(revision, Ordering::Relaxed);
        self.tx.send(msg).is_ok()
    }
}

fn worker_loop(
    rx: Receiver<ToWorker>,
    tx: Sender<FromWorker>,
    waker: Option<Waker>,
    shared: &Shared,
) {
    let mut org: Option<Org> = None;
    let mut today = Date::today();
    let mut revision = 0;
    let mut compare: Option<CompareBase> = None;
    let mut planned = false;
    // What was last sent: the analysis and the risk of which revision.
    let mut analysed: Option<Arc<Derived>> = None;
    let mut risk_sent: Option<u64> = None;
    // Block for the next message, then take everything queued meanwhile:
    // several edits become one analysis.
    while let Ok(first) = rx.recv() {
        let mut diverged = false;
        let mut handle = |msg: ToWorker, org: &mut Option<Org>| match msg {
            ToWorker::Load(o, rev, d) => {
                *org = Some(*o);
                revision = rev;
                today = d;
                diverged = false;
            }
            ToWorker::Edit(e, rev) => {
                if let Some(o) = org.as_mut()
                    && !diverged
                {
                    if apply(o, &e).is_ok() {
                        revision = rev;
                    } else {
                        diverged = true;
                    }
                }
            }
            ToWorker::Compare(base) => {
                compare = base.map(|b| CompareBase::new(*b, today, planned));
            }
            ToWorker::Planned(on) => {
                planned = on;
                compare = compare
                    .take()
                    .map(|base| CompareBase::new(base.org, today, planned));
            }
            // Key-person risk was turned (back) on: the document has none.
            ToWorker::Wake => risk_sent = None,
        };
        handle(first, &mut org);
        loop {
            match rx.try_recv() {
                Ok(msg) => handle(msg, &mut org),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        if diverged {
            org = None;
            if tx.send(FromWorker::Diverged).is_err() {
                return;
            }
            continue;
        }
        let Some(o) = org.as_ref() else { continue };
        let derived = match &analysed {
            Some(d) if d.revision == revision => d.clone(),
            _ => {
                let d = Arc::new(Derived::compute(
                    o,
                    today,
                    revision,
                    compare.as_ref(),
                    planned,
                ));
                if tx.send(FromWorker::Done(d.clone())).is_err() {
                    return;
                }
                analysed = Some(d.clone());
                crate::memory::release_free_memory();
                if let Some(w) = &waker {
                    w();
                }
                d
            }
        };
        if shared.risk.load(Ordering::Relaxed) && risk_sent != Some(revision) {
            // Given up as soon as the document moves on or stops wanting it.
            let stale = || {
                shared.latest.load(Ordering::Relaxed) != revision
                    || !shared.risk.load(Ordering::Relaxed)
            };
            let report = Some(&derived.report);
            if let Some(v) = RiskView::compute(o, today, revision, planned, report, &stale) {
                risk_sent = Some(revision);
                if tx.send(FromWorker::Risk(Arc::new(v))).is_err() {
                    return;
                }
                if let Some(w) = &waker {
                    w();
                }
            }
        }
    }
}

pub struct Document {
    org: Org,
    /// Where it is saved; `None` for the built-in sample or a new org.
    pub path: Option<PathBuf>,
    /// What to call it while it has no path ("scaleup.org.ron (built-in sample)").
    pub label: Option<String>,
    /// What the file held when it was opened or last saved here: Save
    /// refuses to overwrite a file someone else changed since.
    pub disk: Option<FileStamp>,
    pub today: Date,
    revision: u64,
    saved_revision: Option<u64>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    layout: Layout,
    derived: Arc<Derived>,
    worker: Option<Worker>,
    waker: Option<Waker>,
    /// The base being compared with (inline analysis keeps it here; the
    /// worker keeps its own).
    compare: Option<Arc<CompareBase>>,
    comparing: Option<Comparing>,
    /// Open seats counted as filled in the analysis (View → Count open
    /// seats as filled); the org itself is unchanged.
    planned: bool,
    /// Key-person risk is wanted (View → Key-person risk).
    risk_on: bool,
    /// The latest key-person risk (maybe of an earlier revision).
    risk: Option<Arc<RiskView>>,
    /// The risk being worked out, for a document analysed in place.
    risk_job: Option<RiskJob>,
}

impl Document {
    /// A document on `org`, saved as it is (not dirty).
    pub fn new(org: Org, path: Option<PathBuf>) -> Document {
        Document::with_options(org, path, org_is_large, None)
    }

    /// [`Document::new`]: `asynchronous` decides from the org whether the
    /// analysis runs on a worker; `waker` is called when a result arrives.
    pub fn with_options(
        org: Org,
        path: Option<PathBuf>,
        asynchronous: impl Fn(&Org) -> bool,
        waker: Option<Waker>,
    ) -> Document {
        let today = Date::today();
        let revision = next_revision();
        let layout = Layout::new(&org, revision);
        let (derived, worker) = if asynchronous(&org) {
            let worker = Worker::spawn(org.clone(), revision, today, waker.clone(), false);
            // Until the first result: an empty analysis, marked stale.
            let empty = Derived::compute(&Org::default(), today, 0, None, false);
            (Arc::new(empty), Some(worker))
        } else {
            (
                Arc::new(Derived::compute(&org, today, revision, None, false)),
                None,
            )
        };
        Document {
            org,
            path,
            label: None,
            disk: None,
            today,
            revision,
            saved_revision: Some(revision),
            undo: Vec::new(),
            redo: Vec::new(),
            layout,
            derived,
            worker,
            waker,
            compare: None,
            comparing: None,
            planned: false,
            risk_on: false,
            risk: None,
            risk_job: None,
        }
    }

    /// A document that starts out unsaved (restored from recovery).
    pub fn new_dirty(org: Org, path: Option<PathBuf>) -> Document {
        let mut d = Document::new(org, path);
        d.saved_revision = None;
        d
    }

    /// The org. It changes only through [`Document::apply`], undo and redo.
    pub fn org(&self) -> &Org {
        &self.org
    }

    /// Identifies this state of this document; never repeats across
    /// documents. Caches key on it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Card places and roles, always for the current revision.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The latest analysis result; it may describe an earlier revision
    /// while the worker catches up (see [`Document::is_current`]).
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// A shared handle on the latest analysis result.
    pub fn derived_arc(&self) -> Arc<Derived> {
        self.derived.clone()
    }

    /// Whether the analysis describes the org as it is now.
    pub fn is_current(&self) -> bool {
        self.derived.revision == self.revision
    }

    /// Whether the analysis runs on a worker thread.
    pub fn is_async(&self) -> bool {
        self.worker.is_some()
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
        self.saved_revision != Some(self.revision)
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.label = None;
        self.saved_revision = Some(self.revision);
    }

    /// Applies an edit as one undo step. The layout is refreshed at once;
    /// the analysis at once for a small org, on the worker for a large one.
    /// An edit that changes nothing leaves no step and no new revision.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let Some(inverse) = apply(&mut self.org, &edit)? else {
            return Ok(());
        };
        let before = self.revision;
        self.undo.push(Step {
            edit: inverse,
            label: edit.label(),
            revision: before,
        });
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.changed(edit, next_revision());
        Ok(())
    }

    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }

    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        self.step_history(true)
    }

    pub fn redo(&mut self) -> bool {
        self.step_history(false)
    }

    fn step_history(&mut self, undo: bool) -> bool {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(step) = from.pop() else {
            return false;
        };
        match apply(&mut self.org, &step.edit) {
            Ok(back) => {
                to.push(Step {
                    // An undo that changed nothing (it cannot: an inverse
                    // undoes a change) redoes nothing.
                    edit: back.unwrap_or(Edit::Batch(Vec::new())),
                    label: step.label,
                    revision: self.revision,
                });
                self.changed(step.edit, step.revision);
                true
            }
            Err(_) => {
                // History no longer fits the org (cannot happen through
                // `apply`); drop it rather than corrupt the document.
                self.undo.clear();
                self.redo.clear();
                false
            }
        }
    }

    /// After the org changed by `edit`: new revision, layout, analysis.
    fn changed(&mut self, edit: Edit, revision: u64) {
        self.revision = revision;
        self.layout = self.layout.after(&self.org, revision, &edit);
        self.reanalyse(edit, revision);
    }

    /// The analysis follows `edit` (already applied) at `revision`: on the
    /// worker, which replays it on its copy (restarted on the current org
    /// if it died), or here for small orgs.
    fn reanalyse(&mut self, edit: Edit, revision: u64) {
        match &self.worker {
            Some(w) => {
                if !w.send(ToWorker::Edit(Box::new(edit), revision), revision) {
                    self.restart_worker();
                }
            }
            None => {
                self.derived = Arc::new(Derived::compute(
                    &self.org,
                    self.today,
                    revision,
                    self.compare.as_deref(),
                    self.planned,
                ));
                self.start_risk_job();
            }
        }
    }

    /// For a document analysed in place: works out the risk of the
    /// current revision on a thread of its own (giving up the one of an
    /// earlier revision), when it is wanted and not there yet.
    fn start_risk_job(&mut self) {
        let wanted = self.risk_on
            && self
                .risk
                .as_ref()
                .is_none_or(|r| r.revision != self.revision)
            && self
                .risk_job
                .as_ref()
                .is_none_or(|j| j.revision != self.revision);
        if wanted {
            self.risk_job = Some(RiskJob::start(
                self.org.clone(),
                self.today,
                self.revision,
                self.planned,
                self.waker.clone(),
            ));
        }
    }

    /// Works out key-person risk from now on (or stops): every departure,
    /// following every edit and the as-planned toggle, off this thread.
    pub fn set_risk(&mut self, on: bool) {
        if self.risk_on == on {
            return;
        }
        self.risk_on = on;
        if !on {
            self.risk = None;
            self.risk_job = None;
        }
        match &self.worker {
            Some(w) => {
                w.shared.risk.store(on, Ordering::Relaxed);
                if on && !w.send(ToWorker::Wake, self.revision) {
                    self.restart_worker();
                }
            }
            None => self.start_risk_job(),
        }
    }

    /// Whether key-person risk is worked out (View → Key-person risk).
    pub fn risk_on(&self) -> bool {
        self.risk_on
    }

    /// The latest key-person risk while it is on; it may describe an
    /// earlier revision (see [`Document::risk_is_current`]).
    pub fn risk(&self) -> Option<&RiskView> {
        self.risk.as_deref().filter(|_| self.risk_on)
    }

    /// Whether the key-person risk describes the org as it is now.
    pub fn risk_is_current(&self) -> bool {
        self.risk().is_some_and(|r| r.revision == self.revision)
    }

    fn restart_worker(&mut self) {
        let w = Worker::spawn(
            self.org.clone(),
            self.revision,
            self.today,
            self.waker.clone(),
            self.risk_on,
        );
        if self.planned {
            let _ = w.tx.send(ToWorker::Planned(true));
        }
        if let Some(base) = &self.compare {
            let _ =
                w.tx.send(ToWorker::Compare(Some(Box::new(base.org.clone()))));
        }
        self.worker = Some(w);
    }

    /// Compares the document with `base` from now on (`None` stops). The
    /// comparison follows every edit, like the findings.
    pub fn compare_with(&mut self, base: Option<(String, Org)>) {
        match base {
            Some((label, org)) => {
                let cards = layout(&org)
                    .into_iter()
                    .map(|c| {
                        let title = match &c.card {
                            CardId::Team(_) => org.teams[c.index].name.clone(),
                            CardId::Initiative(_) => org.initiatives[c.index].name.clone(),
                        };
                        (c.card, c.rect, title)
                    })
                    .collect();
                self.comparing = Some(Comparing { label, cards });
                match &self.worker {
                    Some(w) => {
                        // The worker analyses the base; keep a copy for restarts.
                        self.compare = Some(Arc::new(CompareBase {
                            org: org.clone(),
                            report: Report {
                                findings: Vec::new(),
                                today: self.today,
                            },
                            metrics: Default::default(),
                        }));
                        let _ = w.tx.send(ToWorker::Compare(Some(Box::new(org))));
                    }
                    None => {
                        self.compare =
                            Some(Arc::new(CompareBase::new(org, self.today, self.planned)))
                    }
                }
            }
            None => {
                self.comparing = None;
                self.compare = None;
                if let Some(w) = &self.worker {
                    let _ = w.tx.send(ToWorker::Compare(None));
                }
            }
        }
        // A new revision: the analysis (and comparison) follow.
        let revision = next_revision();
        self.revision_bump(revision);
    }

    /// Whether open seats count as filled in the analysis.
    pub fn as_planned(&self) -> bool {
        self.planned
    }

    /// Counts open seats as filled (or not) from now on: the findings,
    /// matrix, badges and comparison follow, as after an edit. The org and
    /// its history are unchanged.
    pub fn set_as_planned(&mut self, on: bool) {
        if self.planned == on {
            return;
        }
        self.planned = on;
        match &self.worker {
            Some(w) => {
                let _ = w.tx.send(ToWorker::Planned(on));
            }
            None => {
                if let Some(base) = self.compare.take() {
                    let org = Arc::try_unwrap(base).map_or_else(|b| b.org.clone(), |b| b.org);
                    self.compare = Some(Arc::new(CompareBase::new(org, self.today, on)));
                }
            }
        }
        let revision = next_revision();
        self.revision_bump(revision);
    }

    /// What is being compared with, if anything.
    pub fn comparing(&self) -> Option<&Comparing> {
        self.comparing.as_ref()
    }

    /// Re-derives everything for an unchanged org under a new revision.
    fn revision_bump(&mut self, revision: u64) {
        let was_dirty = self.is_dirty();
        self.revision = revision;
        self.layout.revision = revision;
        // Undo/redo steps keep their revisions; the saved state moves with
        // this one when it was clean.
        if !was_dirty {
            self.saved_revision = Some(revision);
        }
        // An empty batch: nothing to replay, only the new revision.
        self.reanalyse(Edit::Batch(Vec::new()), revision);
    }

    /// Takes any analysis result that arrived (call once a frame). Returns
    /// whether the shown analysis changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        let mut diverged = false;
        if let Some(w) = &self.worker {
            loop {
                match w.rx.try_recv() {
                    Ok(FromWorker::Done(d)) => {
                        self.derived = d;
                        changed = true;
                    }
                    Ok(FromWorker::Risk(r)) => {
                        self.risk = Some(r);
                        changed = true;
                    }
                    Ok(FromWorker::Diverged) => diverged = true,
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        diverged = true;
                        break;
                    }
                }
            }
        }
        if diverged {
            self.restart_worker();
        }
        if let Some(job) = &self.risk_job {
            match job.try_take() {
                Ok(Some(v)) => {
                    self.risk = Some(Arc::new(v));
                    self.risk_job = None;
                    changed = true;
                }
                Ok(None) => {}
                // The thread ended without a result (it was given up).
                Err(()) => self.risk_job = None,
            }
            self.start_risk_job();
        }
        changed
    }

    /// Waits until the analysis describes the current revision (tests,
    /// benchmarks, exports that need findings now).
    /// Key-person risk too, while it is on.
    pub fn wait_until_current(&mut self) {
        while !self.is_current() || (self.risk_on && !self.risk_is_current()) {
            if let Some(w) = &self.worker {
                match w.rx.recv() {
                    Ok(FromWorker::Done(d)) => self.derived = d,
                    Ok(FromWorker::Risk(r)) => self.risk = Some(r),
                    Ok(FromWorker::Diverged) | Err(_) => self.restart_worker(),
                }
            } else {
                self.start_risk_job();
                let Some(job) = &self.risk_job else { return };
                match job.wait() {
                    Some(v) => self.risk = Some(Arc::new(v)),
                    None => return,
                }
                self.risk_job = None;
            }
        }
    }
}

/// The default choice of [`Document::new`]: large orgs go to a worker.
pub fn org_is_large(org: &Org) -> bool {
    org.people.len() >= ASYNC_FROM
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonId, TeamId};

    fn sample() -> Org {
        crate::samples::builtin()
    }

    fn move_nadia() -> Edit {
        Edit::MoveToTeam {
            person: PersonId::new("nadia"),
            from: TeamId::new("search"),
            to: TeamId::new("checkout"),
        }
    }

    #[test]
    fn undo_back_to_the_saved_state_is_clean_and_revisions_never_repeat() {
        let mut d = Document::new(sample(), None);
        let r0 = d.revision();
        assert!(!d.is_dirty());
        d.apply(move_nadia()).unwrap();
        assert!(d.is_dirty());
        assert_ne!(d.revision(), r0);
        d.undo();
        assert_eq!(d.revision(), r0);
        assert!(!d.is_dirty());
        let other = Document::new(sample(), None);
        assert_ne!(other.revision(), r0, "two documents share a revision");
    }

    #[test]
    fn as_planned_is_followed_inline_and_on_the_worker_and_changes_no_file() {
        let org = sample();
        let base = org.clone();
        let has = |d: &Document, rule: &str, subject: &str| {
            d.derived()
                .report
                .findings
                .iter()
                .any(|f| f.rule.code == rule && f.subject.to_string() == subject && !f.waived())
        };
        for asynchronous in [false, true] {
            let mut d = Document::with_options(org.clone(), None, |_| asynchronous, None);
            d.compare_with(Some(("base".into(), base.clone())));
            d.wait_until_current();
            assert!(has(&d, "H001", "team:checkout"));
            assert!(has(&d, "C002", "team:checkout"));
            let revision = d.revision();
            d.set_as_planned(true);
            d.wait_until_current();
            assert!(d.as_planned() && d.revision() != revision);
            assert!(!has(&d, "H001", "team:checkout"), "async {asynchronous}");
            assert!(!has(&d, "C002", "team:checkout"), "async {asynchronous}");
            // The comparison judges both sides as planned: no gap changes.
            let diff = d.derived().diff.clone().unwrap();
            assert!(diff.gaps.opened.is_empty() && diff.gaps.closed.is_empty());
            // Edits keep being judged as planned.
            d.apply(move_nadia()).unwrap();
            d.wait_until_current();
            assert!(!has(&d, "H001", "team:checkout"));
            d.set_as_planned(false);
            d.wait_until_current();
            assert!(has(&d, "H001", "team:checkout"));
            // The org (and so the file) never held a hypothetical hire, and
            // the toggle is no edit: nothing to undo but the move.
            assert!(
                !d.org()
                    .people
                    .iter()
                    .any(|p| p.id.as_str().starts_with("seat:"))
            );
            assert!(d.undo() && !d.can_undo());
        }
    }

    #[test]
    fn worker_and_inline_analysis_agree_after_edits_and_undo() {
        let org = crate::support::generate::generate(300, 5);
        let mut inline = Document::with_options(org.clone(), None, |_| false, None);
        let mut worker = Document::with_options(org.clone(), None, |_| true, None);
        assert!(worker.is_async() && !inline.is_async());
        let t0 = org.teams[0].id.clone();
        let t1 = org.teams[1].id.clone();
        let p = org.teams[0].members[0].person.clone();
        let edits = [
            Edit::MoveToTeam {
                person: p.clone(),
                from: t0.clone(),
                to: t1.clone(),
            },
            Edit::DeleteTeam(t0),
            Edit::SetOrgName("x".into()),
        ];
        for e in edits {
            inline.apply(e.clone()).unwrap();
            worker.apply(e).unwrap();
        }
        inline.undo();
        worker.undo();
        worker.wait_until_current();
        assert!(worker.is_current() && inline.is_current());
        assert_eq!(worker.org(), inline.org());
        let a: Vec<String> = inline
            .derived()
            .report
            .findings
            .iter()
            .map(|f| format!("{} {} {}", f.rule.code, f.subject, f.message))
            .collect();
        let b: Vec<String> = worker
            .derived()
            .report
            .findings
            .iter()
            .map(|f| format!("{} {} {}", f.rule.code, f.subject, f.message))
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn the_layout_follows_every_edit_at_once() {
        let org = crate::support::generate::generate(300, 5);
        let mut d = Document::with_options(org.clone(), None, |_| true, None);
        let t = org.teams[0].id.clone();
        d.apply(Edit::MoveCard {
            card: CardId::Team(t.clone()),
            to: crate::model::Point { x: -999.0, y: 5.0 },
        })
        .unwrap();
        let c = d.layout().card(&CardId::Team(t)).unwrap();
        assert_eq!(c.rect.x, -999.0);
        assert_eq!(d.layout().revision, d.revision());
    }
}
