//! Why an edit was refused, as data; `Display` gives the user's words.

use crate::model::{PersonId, RoleId, TeamId};

/// The kinds of entity an edit names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Person,
    Team,
    Initiative,
}

impl Entity {
    pub fn noun(self) -> &'static str {
        match self {
            Entity::Person => "person",
            Entity::Team => "team",
            Entity::Initiative => "initiative",
        }
    }

    /// "a person", "an initiative".
    fn a(self) -> &'static str {
        match self {
            Entity::Initiative => "an",
            _ => "a",
        }
    }
}

/// A part of a list an edit points into by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Seat,
    SeatPosition,
    MembershipPosition,
    Waiver,
    WaiverPosition,
}

impl Slot {
    fn words(self) -> &'static str {
        match self {
            Slot::Seat => "open seat",
            Slot::SeatPosition => "open seat position",
            Slot::MembershipPosition => "membership position",
            Slot::Waiver => "waiver",
            Slot::WaiverPosition => "waiver position",
        }
    }
}

/// Where a membership is (or is not): a named card, or "there".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// In a team, by name.
    InTeam(String),
    /// On an initiative, by name.
    OnInitiative(String),
    /// "in that team".
    ThatTeam,
    /// "a member there".
    There,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::InTeam(name) => write!(f, "in {name}"),
            Place::OnInitiative(name) => write!(f, "on {name}"),
            Place::ThatTeam => f.write_str("in that team"),
            Place::There => f.write_str("a member there"),
        }
    }
}

/// An edit refused: the document is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{} \"{id}\" no longer exists", .kind.noun())]
    Gone { kind: Entity, id: String },
    #[error("that {} no longer exists", .0.words())]
    NoSlot(Slot),
    #[error("\"{0}\" is not a known role")]
    UnknownRole(RoleId),
    #[error("{} id: {problem}", .kind.noun())]
    BadId { kind: Entity, problem: String },
    #[error("{} {} with id \"{id}\" already exists", .kind.a(), .kind.noun())]
    Exists { kind: Entity, id: String },
    #[error("another {} already has the id \"{id}\"", .kind.noun())]
    IdTaken { kind: Entity, id: String },
    #[error("{} needs a name", match .0 { Some(k) => format!("{} {}", k.a(), k.noun()), None => "the org".into() })]
    NoName(Option<Entity>),
    #[error("a waiver needs a reason")]
    NoReason,
    #[error("{person} is already {place}")]
    AlreadyMember { person: PersonId, place: Place },
    #[error("already in that team")]
    SameTeam,
    #[error("{person} is not {place}")]
    NotMember { person: PersonId, place: Place },
    #[error("{0} is listed twice")]
    ListedTwice(PersonId),
    #[error("invalid position")]
    BadPosition,
    /// Names, not ids: "Priya cannot report to Bo: Bo is already in
    /// Priya's reporting chain".
    #[error(
        "{person} cannot report to {manager}: {manager} is already in {person}'s reporting chain"
    )]
    Cycle { person: String, manager: String },
    #[error("a team cannot depend on itself")]
    SelfDependency,
    #[error("team \"{0}\" does not exist")]
    NoSuchTeam(TeamId),
    #[error(
        "the role \"{0}\" is still in use (a person, a hat or an open seat): give them another role first"
    )]
    RoleInUse(RoleId),
    #[error("two roles have the id \"{0}\"")]
    RoleTwice(RoleId),
    #[error("the role \"{0}\" needs a name")]
    RoleNoName(RoleId),
    #[error("the role \"{0}\" cannot behave like \"{1}\": that is not a built-in role")]
    RoleLike(RoleId, RoleId),
    #[error("cannot restore {} \"{id}\"", .kind.noun())]
    CannotRestore { kind: Entity, id: String },
}
