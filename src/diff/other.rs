//! The org's own changes: its name, custom roles, rule settings, waivers.

use super::Changes;
use super::change::{ChangeKind as K, WaiverRef};
use crate::model::{Org, Subject, Waiver};

pub(super) fn org_name(c: &mut Changes, base: &Org, proposal: &Org) {
    if base.name != proposal.name {
        let kind = K::OrgRenamed {
            from: base.name.clone(),
            to: proposal.name.clone(),
        };
        c.push(Subject::Org, kind, Vec::new());
    }
}

pub(super) fn others(c: &mut Changes, base: &Org, proposal: &Org) {
    for r in &proposal.roles {
        match base.roles.iter().find(|x| x.id == r.id) {
            None => {
                let kind = K::CustomRoleAdded {
                    role: r.id.clone(),
                    name: r.name.clone(),
                };
                c.push(Subject::Org, kind, Vec::new());
            }
            Some(o) if o != r => {
                let kind = K::CustomRoleChanged { role: r.id.clone() };
                c.push(Subject::Org, kind, Vec::new());
            }
            Some(_) => {}
        }
    }
    for o in &base.roles {
        if !proposal.roles.iter().any(|x| x.id == o.id) {
            let kind = K::CustomRoleRemoved { role: o.id.clone() };
            c.push(Subject::Org, kind, Vec::new());
        }
    }
    if base.settings != proposal.settings {
        c.push(Subject::Org, K::SettingsChanged, Vec::new());
    }
    waivers(c, base, proposal);
}

fn waivers(c: &mut Changes, base: &Org, proposal: &Org) {
    let key = |w: &Waiver| (w.rule.clone(), w.subject.clone(), w.capability);
    let named = |c: &Changes, w: &Waiver| WaiverRef {
        rule: w.rule.clone(),
        on: c.names.subject(&w.subject),
        capability: w.capability,
    };
    for w in &proposal.waivers {
        let touches = vec![w.subject.clone()];
        match base.waivers.iter().find(|x| key(x) == key(w)) {
            None => {
                let kind = K::WaiverAdded {
                    waiver: named(c, w),
                    reason: w.reason.clone(),
                };
                c.push(w.subject.clone(), kind, touches);
            }
            Some(o) if o != w => {
                let kind = K::WaiverChanged {
                    waiver: named(c, w),
                    from: o.until,
                    to: w.until,
                };
                c.push(w.subject.clone(), kind, touches);
            }
            Some(_) => {}
        }
    }
    for o in &base.waivers {
        if !proposal.waivers.iter().any(|x| key(x) == key(o)) {
            let kind = K::WaiverRemoved {
                waiver: named(c, o),
            };
            c.push(o.subject.clone(), kind, vec![o.subject.clone()]);
        }
    }
}
