//! What a proposal changes, as data: every change names the entities it is
//! about (with their display names taken at comparison time) and the values
//! before and after. English, Markdown, HTML and JSON are made from it only
//! in rendering (`display.rs`, `render.rs`).

use crate::model::{
    Capability, Date, InitiativeId, InitiativeKind, PersonId, Point, RoleId, Subject, TeamId,
    TeamKind,
};

/// An entity and the name it goes by (the proposal's, else the base's, else
/// its id).
#[derive(Clone, Debug, PartialEq)]
pub struct Named<I> {
    pub id: I,
    pub name: String,
}

/// A card on the canvas (a team or an initiative), or any subject, named.
pub type NamedSubject = Named<Subject>;

/// One change, as data (docs/diff.md's change kinds).
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    PersonJoined {
        person: Named<PersonId>,
        role: RoleId,
        /// The teams and initiatives they joined, in file order.
        cards: Vec<NamedSubject>,
    },
    PersonLeft {
        person: Named<PersonId>,
        role: RoleId,
        /// The teams and initiatives they were on.
        cards: Vec<NamedSubject>,
    },
    PersonMoved {
        person: Named<PersonId>,
        from: NamedSubject,
        to: NamedSubject,
        /// Allocation on `from` and on `to`, in percent.
        allocation: (u32, u32),
    },
    MembershipAdded {
        person: Named<PersonId>,
        card: NamedSubject,
        allocation: u32,
    },
    MembershipRemoved {
        person: Named<PersonId>,
        card: NamedSubject,
    },
    AllocationChanged {
        person: Named<PersonId>,
        card: NamedSubject,
        from: u32,
        to: u32,
    },
    RoleChanged {
        person: Named<PersonId>,
        from: RoleId,
        to: RoleId,
    },
    HatsChanged {
        person: Named<PersonId>,
        from: Vec<RoleId>,
        to: Vec<RoleId>,
    },
    ManagerChanged {
        person: Named<PersonId>,
        from: Option<Named<PersonId>>,
        to: Option<Named<PersonId>>,
    },
    DottedChanged {
        person: Named<PersonId>,
        from: Vec<Named<PersonId>>,
        to: Vec<Named<PersonId>>,
    },
    LevelChanged {
        person: Named<PersonId>,
        from: Option<String>,
        to: Option<String>,
    },
    PersonRenamed {
        person: PersonId,
        from: String,
        to: String,
    },
    /// A person's, team's or initiative's note.
    NoteChanged {
        of: NamedSubject,
        from: String,
        to: String,
    },
    TeamCreated {
        team: Named<TeamId>,
        kind: TeamKind,
        members: usize,
    },
    TeamRemoved {
        team: Named<TeamId>,
        members: usize,
    },
    TeamRenamed {
        team: TeamId,
        from: String,
        to: String,
    },
    TeamKindChanged {
        team: Named<TeamId>,
        from: TeamKind,
        to: TeamKind,
    },
    /// The team's department or cost centre (`group`).
    TeamGroupChanged {
        team: Named<TeamId>,
        from: Option<String>,
        to: Option<String>,
    },
    /// An open seat in a team or an initiative.
    SeatOpened {
        scope: NamedSubject,
        role: RoleId,
        note: String,
    },
    SeatClosed {
        scope: NamedSubject,
        role: RoleId,
    },
    SeatFilled {
        team: Named<TeamId>,
        role: RoleId,
        by: Named<PersonId>,
    },
    DependencyAdded {
        team: Named<TeamId>,
        on: Named<TeamId>,
    },
    DependencyRemoved {
        team: Named<TeamId>,
        on: Named<TeamId>,
    },
    InitiativeCreated {
        initiative: Named<InitiativeId>,
        teams: usize,
    },
    InitiativeRemoved {
        initiative: Named<InitiativeId>,
    },
    InitiativeRenamed {
        initiative: InitiativeId,
        from: String,
        to: String,
    },
    InitiativeKindChanged {
        initiative: Named<InitiativeId>,
        from: InitiativeKind,
        to: InitiativeKind,
    },
    InitiativeTeamAdded {
        initiative: Named<InitiativeId>,
        team: Named<TeamId>,
    },
    InitiativeTeamRemoved {
        initiative: Named<InitiativeId>,
        team: Named<TeamId>,
    },
    LeadChanged {
        initiative: Named<InitiativeId>,
        from: Option<Named<PersonId>>,
        to: Option<Named<PersonId>>,
    },
    SponsorChanged {
        initiative: Named<InitiativeId>,
        from: Option<Named<PersonId>>,
        to: Option<Named<PersonId>>,
    },
    OutcomeChanged {
        initiative: Named<InitiativeId>,
        from: Option<String>,
        to: Option<String>,
    },
    CustomRoleAdded {
        role: RoleId,
        name: String,
    },
    CustomRoleRemoved {
        role: RoleId,
    },
    CustomRoleChanged {
        role: RoleId,
    },
    SettingsChanged,
    WaiverAdded {
        waiver: WaiverRef,
        reason: String,
    },
    WaiverRemoved {
        waiver: WaiverRef,
    },
    WaiverChanged {
        waiver: WaiverRef,
        from: Option<Date>,
        to: Option<Date>,
    },
    OrgRenamed {
        from: String,
        to: String,
    },
    /// A card moved on the canvas (`--positions`).
    PositionChanged {
        card: NamedSubject,
        from: Option<Point>,
        to: Option<Point>,
    },
}

/// Which waiver: rule, subject and capability (a waiver's identity).
#[derive(Clone, Debug, PartialEq)]
pub struct WaiverRef {
    pub rule: String,
    pub on: NamedSubject,
    pub capability: Option<Capability>,
}

/// The group a change is listed under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    People,
    Teams,
    Initiatives,
    Other,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::People => "People",
            Group::Teams => "Teams",
            Group::Initiatives => "Initiatives",
            Group::Other => "Roles, settings and waivers",
        }
    }

    /// People and team memberships under People, initiative memberships
    /// under Initiatives; a note under its entity's group.
    fn of_card(s: &Subject) -> Group {
        match s {
            Subject::Person(_) | Subject::Team(_) => Group::People,
            Subject::Initiative(_) => Group::Initiatives,
            Subject::Org => Group::Other,
        }
    }
}

/// One line of the change list.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The entity changed (`person:bo`), or `org`.
    pub subject: Subject,
    /// Entities the change touches (for linking gaps to their cause and for
    /// marks on the canvas).
    pub touches: Vec<Subject>,
}

impl Change {
    /// A change no rule looks at (a name, a note, an outcome, a place):
    /// never listed as what caused or closed a gap.
    pub fn is_cosmetic(&self) -> bool {
        use ChangeKind as K;
        matches!(
            self.kind,
            K::PersonRenamed { .. }
                | K::NoteChanged { .. }
                | K::TeamRenamed { .. }
                | K::InitiativeRenamed { .. }
                | K::OutcomeChanged { .. }
                | K::OrgRenamed { .. }
                | K::PositionChanged { .. }
        )
    }

    /// The group it is listed under.
    pub fn group(&self) -> Group {
        use ChangeKind as K;
        match &self.kind {
            K::PersonJoined { .. }
            | K::PersonLeft { .. }
            | K::PersonMoved { .. }
            | K::AllocationChanged { .. }
            | K::RoleChanged { .. }
            | K::HatsChanged { .. }
            | K::ManagerChanged { .. }
            | K::DottedChanged { .. }
            | K::LevelChanged { .. }
            | K::PersonRenamed { .. } => Group::People,
            K::MembershipAdded { card, .. } | K::MembershipRemoved { card, .. } => {
                Group::of_card(&card.id)
            }
            K::NoteChanged { of: scope, .. }
            | K::SeatOpened { scope, .. }
            | K::SeatClosed { scope, .. } => match scope.id {
                Subject::Team(_) => Group::Teams,
                _ => Group::of_card(&scope.id),
            },
            K::TeamCreated { .. }
            | K::TeamRemoved { .. }
            | K::TeamRenamed { .. }
            | K::TeamKindChanged { .. }
            | K::TeamGroupChanged { .. }
            | K::SeatFilled { .. }
            | K::DependencyAdded { .. }
            | K::DependencyRemoved { .. } => Group::Teams,
            K::InitiativeCreated { .. }
            | K::InitiativeRemoved { .. }
            | K::InitiativeRenamed { .. }
            | K::InitiativeKindChanged { .. }
            | K::InitiativeTeamAdded { .. }
            | K::InitiativeTeamRemoved { .. }
            | K::LeadChanged { .. }
            | K::SponsorChanged { .. }
            | K::OutcomeChanged { .. } => Group::Initiatives,
            K::CustomRoleAdded { .. }
            | K::CustomRoleRemoved { .. }
            | K::CustomRoleChanged { .. }
            | K::SettingsChanged
            | K::WaiverAdded { .. }
            | K::WaiverRemoved { .. }
            | K::WaiverChanged { .. }
            | K::OrgRenamed { .. }
            | K::PositionChanged { .. } => Group::Other,
        }
    }

    /// The person the change is about: its subject, or else the person it
    /// sets or unsets (a seat's filler, an initiative's lead or sponsor).
    pub fn person(&self) -> Option<&PersonId> {
        use ChangeKind as K;
        if let Subject::Person(p) = &self.subject {
            return Some(p);
        }
        match &self.kind {
            K::SeatFilled { by, .. } => Some(&by.id),
            K::LeadChanged { from, to, .. } | K::SponsorChanged { from, to, .. } => {
                from.as_ref().or(to.as_ref()).map(|p| &p.id)
            }
            _ => None,
        }
    }

    /// Whether it creates its subject (a new team or initiative).
    pub fn creates(&self, s: &Subject) -> bool {
        matches!(
            self.kind,
            ChangeKind::TeamCreated { .. } | ChangeKind::InitiativeCreated { .. }
        ) && &self.subject == s
    }
}

impl ChangeKind {
    /// docs/diff.md's kebab-case name.
    pub fn id(&self) -> &'static str {
        use ChangeKind as K;
        match self {
            K::PersonJoined { .. } => "person-joined",
            K::PersonLeft { .. } => "person-left",
            K::PersonMoved { .. } => "person-moved",
            K::MembershipAdded { .. } => "membership-added",
            K::MembershipRemoved { .. } => "membership-removed",
            K::AllocationChanged { .. } => "allocation-changed",
            K::RoleChanged { .. } => "role-changed",
            K::HatsChanged { .. } => "hats-changed",
            K::ManagerChanged { .. } => "manager-changed",
            K::DottedChanged { .. } => "dotted-changed",
            K::LevelChanged { .. } => "level-changed",
            K::PersonRenamed { .. } => "person-renamed",
            K::NoteChanged { .. } => "note-changed",
            K::TeamCreated { .. } => "team-created",
            K::TeamRemoved { .. } => "team-removed",
            K::TeamRenamed { .. } => "team-renamed",
            K::TeamKindChanged { .. } => "team-kind-changed",
            K::TeamGroupChanged { .. } => "team-group-changed",
            K::SeatOpened { .. } => "seat-opened",
            K::SeatClosed { .. } => "seat-closed",
            K::SeatFilled { .. } => "seat-filled",
            K::DependencyAdded { .. } => "dependency-added",
            K::DependencyRemoved { .. } => "dependency-removed",
            K::InitiativeCreated { .. } => "initiative-created",
            K::InitiativeRemoved { .. } => "initiative-removed",
            K::InitiativeRenamed { .. } => "initiative-renamed",
            K::InitiativeKindChanged { .. } => "initiative-kind-changed",
            K::InitiativeTeamAdded { .. } => "initiative-team-added",
            K::InitiativeTeamRemoved { .. } => "initiative-team-removed",
            K::LeadChanged { .. } => "lead-changed",
            K::SponsorChanged { .. } => "sponsor-changed",
            K::OutcomeChanged { .. } => "outcome-changed",
            K::CustomRoleAdded { .. } => "custom-role-added",
            K::CustomRoleRemoved { .. } => "custom-role-removed",
            K::CustomRoleChanged { .. } => "custom-role-changed",
            K::SettingsChanged => "settings-changed",
            K::WaiverAdded { .. } => "waiver-added",
            K::WaiverRemoved { .. } => "waiver-removed",
            K::WaiverChanged { .. } => "waiver-changed",
            K::OrgRenamed { .. } => "org-renamed",
            K::PositionChanged { .. } => "position-changed",
        }
    }
}
