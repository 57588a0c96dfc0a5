//! Key-person risk as the app shows it (View → Key-person risk): every
//! person's departure judged for one revision of the org, off the caller's
//! thread, and given up as soon as the org changes again. No GUI code.

use crate::catalog::Severity;
use crate::model::{Date, Org, PersonId};
use crate::risk::{Departure, Risk};
use crate::rules::Report;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What one person's departure opens, as the overlay colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskLevel {
    /// At least one error.
    Error,
    /// Warnings, no error.
    Warning,
    /// Nothing at or above warning.
    Nothing,
}

impl RiskLevel {
    /// The severity it is drawn in (`None`: nothing opens).
    pub fn severity(self) -> Option<Severity> {
        match self {
            RiskLevel::Error => Some(Severity::Error),
            RiskLevel::Warning => Some(Severity::Warning),
            RiskLevel::Nothing => None,
        }
    }
}

/// Every departure of one revision of the org.
pub struct RiskView {
    /// The document revision this describes.
    pub revision: u64,
    pub risk: Risk,
    /// Index in `risk.people` by person (people whose departure opens
    /// something; everyone else opens nothing).
    by_person: HashMap<PersonId, usize>,
}

impl RiskView {
    /// Every departure from `org` (as planned when `planned`). `report`,
    /// when given, is the rules' report on that org (the analysis made it
    /// already). `None` when `stop` said to give up.
    pub fn compute(
        org: &Org,
        today: Date,
        revision: u64,
        planned: bool,
        report: Option<&Report>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<RiskView> {
        let planned_org = planned.then(|| crate::rules::as_planned(org));
        let judged = planned_org.as_ref().unwrap_or(org);
        let own;
        let report = match report {
            Some(r) => r,
            None => {
                own = crate::rules::check(judged, today);
                &own
            }
        };
        let two = judged.people.len() >= crate::risk::PARALLEL_FROM;
        let risk = crate::risk::analyse_with(judged, today, report, two, stop)?;
        let by_person = risk
            .people
            .iter()
            .enumerate()
            .map(|(i, d)| (d.person.clone(), i))
            .collect();
        Some(RiskView {
            revision,
            risk,
            by_person,
        })
    }

    /// What `p`'s departure opens, when it opens anything.
    pub fn departure(&self, p: &PersonId) -> Option<&Departure> {
        self.by_person.get(p).map(|&i| &self.risk.people[i])
    }

    pub fn level(&self, p: &PersonId) -> RiskLevel {
        match self.departure(p) {
            Some(d) if d.errors() > 0 => RiskLevel::Error,
            Some(d) if d.warnings() > 0 => RiskLevel::Warning,
            _ => RiskLevel::Nothing,
        }
    }

    /// Where `p` ranks (0 first), for sorting: people whose departure opens
    /// nothing come after everyone ranked.
    pub fn rank(&self, p: &PersonId) -> usize {
        self.by_person.get(p).copied().unwrap_or(usize::MAX)
    }
}

/// A risk analysis of one revision on its own thread (documents analysed
/// in the caller's thread; a worker document's worker does its own).
/// Dropping it gives the work up.
pub(super) struct RiskJob {
    pub revision: u64,
    stop: Arc<AtomicBool>,
    rx: Receiver<RiskView>,
}

impl RiskJob {
    pub fn start(
        org: Org,
        today: Date,
        revision: u64,
        planned: bool,
        waker: Option<super::Waker>,
    ) -> RiskJob {
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let flag = stop.clone();
        std::thread::Builder::new()
            .name("orgplan-risk".into())
            .spawn(move || {
                let halt = || flag.load(Ordering::Relaxed);
                if let Some(v) = RiskView::compute(&org, today, revision, planned, None, &halt)
                    && tx.send(v).is_ok()
                    && let Some(w) = &waker
                {
                    w();
                }
            })
            .ok();
        RiskJob { revision, stop, rx }
    }

    /// The result, if it arrived (`Err(())`: the thread is gone without one).
    pub fn try_take(&self) -> Result<Option<RiskView>, ()> {
        match self.rx.try_recv() {
            Ok(v) => Ok(Some(v)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        }
    }

    /// Waits for the result (`None`: the thread ended without one).
    pub fn wait(&self) -> Option<RiskView> {
        self.rx.recv().ok()
    }
}

impl Drop for RiskJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
