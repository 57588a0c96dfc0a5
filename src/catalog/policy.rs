//! The coverage policy: which capabilities each scope requires, and how
//! severe a missing or stop-gap-only capability is.

use super::{Capability, Severity};
use crate::model::{RequirementOverride, RequirementScope, TeamKind};

/// What kind of scope a requirement applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Team(TeamKind),
    /// A cross-team initiative (two or more teams).
    Initiative,
}

/// One cell of the policy: the severity when missing, and when stop-gap only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub missing: Severity,
    pub stopgap: Severity,
}

impl Requirement {
    pub const NONE: Requirement = Requirement {
        missing: Severity::Off,
        stopgap: Severity::Off,
    };

    /// A capability is required when its `missing` severity is not `Off`.
    pub fn is_required(&self) -> bool {
        self.missing != Severity::Off
    }
}

const fn req(missing: Severity, stopgap: Severity) -> Requirement {
    Requirement { missing, stopgap }
}

/// docs/domain.md "What each scope needs".
pub fn default_requirement(scope: ScopeKind, cap: Capability) -> Requirement {
    use Capability as C;
    use Severity::{Error, Info, Off, Warning};
    match scope {
        ScopeKind::Team(kind) => match (cap, kind) {
            (C::People, _) => req(Error, Off),
            (C::Build, TeamKind::Enabling) => req(Warning, Off),
            (C::Build, _) => req(Error, Off),
            (C::TechDirection, _) => req(Warning, Info),
            (C::Roadmap, TeamKind::Stream) => req(Error, Warning),
            (C::Roadmap, TeamKind::Platform) => req(Warning, Warning),
            (C::Delivery, TeamKind::Enabling) => Requirement::NONE,
            (C::Delivery, _) => req(Warning, Info),
            _ => Requirement::NONE,
        },
        ScopeKind::Initiative => match cap {
            C::Coordination => req(Error, Warning),
            C::Stakeholders | C::Risk => req(Warning, Info),
            _ => Requirement::NONE,
        },
    }
}

const SCOPES: [ScopeKind; 5] = [
    ScopeKind::Team(TeamKind::Stream),
    ScopeKind::Team(TeamKind::Platform),
    ScopeKind::Team(TeamKind::Enabling),
    ScopeKind::Team(TeamKind::Subsystem),
    ScopeKind::Initiative,
];

fn scope_index(s: ScopeKind) -> usize {
    match s {
        ScopeKind::Team(TeamKind::Stream) => 0,
        ScopeKind::Team(TeamKind::Platform) => 1,
        ScopeKind::Team(TeamKind::Enabling) => 2,
        ScopeKind::Team(TeamKind::Subsystem) => 3,
        ScopeKind::Initiative => 4,
    }
}

/// The effective policy for one file: defaults with the file's overrides.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    cells: [[Requirement; 8]; 5],
}

impl Default for Policy {
    fn default() -> Self {
        let mut cells = [[Requirement::NONE; 8]; 5];
        for s in SCOPES {
            for c in Capability::ALL {
                cells[scope_index(s)][c.index()] = default_requirement(s, c);
            }
        }
        Policy { cells }
    }
}

impl Policy {
    pub fn new(overrides: &[RequirementOverride]) -> Policy {
        let mut p = Policy::default();
        for o in overrides {
            let s = match o.scope {
                RequirementScope::Team(k) => ScopeKind::Team(k),
                RequirementScope::Initiative => ScopeKind::Initiative,
            };
            let cell = &mut p.cells[scope_index(s)][o.capability.index()];
            if let Some(m) = o.missing {
                cell.missing = m;
            }
            if let Some(g) = o.stopgap {
                cell.stopgap = g;
            }
        }
        p
    }

    pub fn get(&self, scope: ScopeKind, cap: Capability) -> Requirement {
        self.cells[scope_index(scope)][cap.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_domain_table() {
        let p = Policy::default();
        let stream = ScopeKind::Team(TeamKind::Stream);
        assert_eq!(
            p.get(stream, Capability::Roadmap),
            req(Severity::Error, Severity::Warning)
        );
        assert!(
            !p.get(ScopeKind::Team(TeamKind::Enabling), Capability::Roadmap)
                .is_required()
        );
        assert_eq!(
            p.get(ScopeKind::Team(TeamKind::Enabling), Capability::Build)
                .missing,
            Severity::Warning
        );
        assert!(
            !p.get(ScopeKind::Initiative, Capability::Build)
                .is_required()
        );
        assert_eq!(
            p.get(ScopeKind::Initiative, Capability::Coordination),
            req(Severity::Error, Severity::Warning)
        );
    }

    #[test]
    fn overrides_apply_per_cell() {
        let p = Policy::new(&[RequirementOverride {
            scope: RequirementScope::Team(TeamKind::Platform),
            capability: Capability::Roadmap,
            missing: Some(Severity::Info),
            stopgap: Some(Severity::Off),
        }]);
        assert_eq!(
            p.get(ScopeKind::Team(TeamKind::Platform), Capability::Roadmap),
            req(Severity::Info, Severity::Off)
        );
        assert_eq!(
            p.get(ScopeKind::Team(TeamKind::Stream), Capability::Roadmap),
            req(Severity::Error, Severity::Warning)
        );
    }
}
