//! The vocabulary org files use: capabilities, how strongly a role provides
//! one, and severities. Plain data; what they mean lives in `catalog`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A duty that some role must carry for a scope (team or initiative) to work.
/// The ids are stable: they appear in files and JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Capability {
    People,
    TechDirection,
    Build,
    Roadmap,
    Delivery,
    Coordination,
    Stakeholders,
    Risk,
}

/// Gergely Orosz's buckets of work (seed 001), used by the burnout rule and
/// the time-split view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bucket {
    StrategyAndAlignment,
    People,
    Building,
}

impl Capability {
    pub const ALL: [Capability; 8] = [
        Capability::People,
        Capability::TechDirection,
        Capability::Build,
        Capability::Roadmap,
        Capability::Delivery,
        Capability::Coordination,
        Capability::Stakeholders,
        Capability::Risk,
    ];

    pub const fn index(self) -> usize {
        self as usize
    }

    /// The stable id used in files and JSON.
    pub const fn id(self) -> &'static str {
        match self {
            Capability::People => "people",
            Capability::TechDirection => "tech_direction",
            Capability::Build => "build",
            Capability::Roadmap => "roadmap",
            Capability::Delivery => "delivery",
            Capability::Coordination => "coordination",
            Capability::Stakeholders => "stakeholders",
            Capability::Risk => "risk",
        }
    }

    /// Title-case display name ("Product roadmap").
    pub const fn name(self) -> &'static str {
        match self {
            Capability::People => "People management",
            Capability::TechDirection => "Technical direction",
            Capability::Build => "Building software",
            Capability::Roadmap => "Product roadmap",
            Capability::Delivery => "Project delivery",
            Capability::Coordination => "Program coordination",
            Capability::Stakeholders => "Stakeholder management",
            Capability::Risk => "Risk management",
        }
    }

    /// Lower-case name for use inside sentences ("product roadmap").
    pub fn words(self) -> String {
        let name = self.name();
        let mut out = String::with_capacity(name.len());
        let mut chars = name.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
        }
        out.extend(chars);
        out
    }

    /// A short column header for matrices.
    pub const fn short(self) -> &'static str {
        match self {
            Capability::People => "People",
            Capability::TechDirection => "Tech dir.",
            Capability::Build => "Build",
            Capability::Roadmap => "Roadmap",
            Capability::Delivery => "Delivery",
            Capability::Coordination => "Coord.",
            Capability::Stakeholders => "Stakeh.",
            Capability::Risk => "Risk",
        }
    }

    pub const fn description(self) -> &'static str {
        match self {
            Capability::People => "hiring, growth, performance, team health",
            Capability::TechDirection => "architecture, technical strategy, standards",
            Capability::Build => "writing, reviewing and shipping code",
            Capability::Roadmap => "what to build and why; prioritisation against user needs",
            Capability::Delivery => "planning, scheduling, tracking one team's projects",
            Capability::Coordination => "cross-team dependencies, conflicts, shared resources",
            Capability::Stakeholders => {
                "informing and aligning executives, sponsors, other departments"
            }
            Capability::Risk => "spotting and mitigating risks, especially between projects",
        }
    }

    pub const fn bucket(self) -> Option<Bucket> {
        match self {
            Capability::Roadmap
            | Capability::Coordination
            | Capability::Stakeholders
            | Capability::Risk => Some(Bucket::StrategyAndAlignment),
            Capability::People => Some(Bucket::People),
            Capability::Build | Capability::TechDirection => Some(Bucket::Building),
            Capability::Delivery => None,
        }
    }

    pub fn from_id(id: &str) -> Option<Capability> {
        Capability::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The list of valid ids, for error messages.
    pub fn id_list() -> String {
        Capability::ALL.map(Capability::id).join(", ")
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Capability {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Capability {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Capability::from_id(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown capability \"{s}\" (expected one of: {})",
                Capability::id_list()
            ))
        })
    }
}

/// How strongly a role provides a capability. `Primary` beats `StopGap`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Provision {
    /// The role can cover it "at a pinch", ideally only short-term.
    StopGap,
    /// The role exists to do this.
    Primary,
}

impl Provision {
    pub const fn letter(self) -> &'static str {
        match self {
            Provision::Primary => "P",
            Provision::StopGap => "S",
        }
    }
}

/// Finding severity. `Off` only appears in configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Off,
}

impl Severity {
    pub const fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Off => "off",
        }
    }

    pub const fn title(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
            Severity::Off => "Off",
        }
    }

    /// Error, Warning, Info: the severities a finding can have.
    pub const REPORTED: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
