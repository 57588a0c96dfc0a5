//! What every rule file needs.

pub(crate) use super::declare_rule;
pub(crate) use super::{Analysis, Coverage, DefaultSeverity, Emitter, Scope, join_and};
pub(crate) use crate::catalog::{Capability, Provision, Severity, or_list};
pub(crate) use crate::model::Subject;
