//! The built-in knowledge of orgplan: capabilities, roles and the default
//! coverage policy (docs/domain.md as data, in one place).

mod policy;
mod roles;

pub use policy::{Policy, Requirement, ScopeKind, default_requirement};
pub use roles::{BUILTIN_ROLES, BuiltinRole, RoleCatalog, RoleDef, builtin_id, join_or, or_list};

// The vocabulary of the file format lives in the model; the catalog gives
// it meaning. (The model does not depend on the catalog.)
pub use crate::model::{Bucket, Capability, Provision, Severity};

/// The colour of a role (design token shared by the app and the charts);
/// custom roles get a stable hue from their id.
pub fn role_rgb(role: &str) -> [u8; 3] {
    match role {
        "EM" => [66, 133, 244],
        "TLM" => [0, 150, 170],
        "Staff" => [36, 110, 42],
        "Senior" => [102, 160, 60],
        "Engineer" => [120, 144, 156],
        "TPM" => [142, 68, 173],
        "PgM" => [183, 28, 140],
        "ProjM" => [121, 85, 72],
        "PM" => [230, 120, 0],
        "PMT" => [196, 66, 20],
        "Director" => [40, 53, 147],
        other => {
            let h = other.bytes().fold(2166136261u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(16777619)
            });
            hsv_to_rgb((h % 360) as f32 / 360.0, 0.6, 0.62)
        }
    }
}

fn hsv_to_rgb(h: f32, s: f32, v: f32) -> [u8; 3] {
    let i = (h * 6.0).floor();
    let f = h * 6.0 - i;
    let (p, q, t) = (v * (1.0 - s), v * (1.0 - f * s), v * (1.0 - (1.0 - f) * s));
    let (r, g, b) = match i as i32 % 6 {
        0 => (v, t, p),
        1 => (q, v, p),
        2 => (p, v, t),
        3 => (p, q, v),
        4 => (t, p, v),
        _ => (v, p, q),
    };
    [(r * 255.0) as u8, (g * 255.0) as u8, (b * 255.0) as u8]
}

/// Black or white text, whichever reads better on `rgb`.
pub fn ink_on(rgb: [u8; 3]) -> [u8; 3] {
    let l = 0.299 * f32::from(rgb[0]) + 0.587 * f32::from(rgb[1]) + 0.114 * f32::from(rgb[2]);
    if l > 160.0 {
        [20, 24, 32]
    } else {
        [255, 255, 255]
    }
}
