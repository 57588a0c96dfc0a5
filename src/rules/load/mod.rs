//! Load rules (L): allocations, leads, burnout-prone combinations of duties.

pub mod l001;
pub mod l002;
pub mod l003;
pub mod l004;
pub mod l005;
