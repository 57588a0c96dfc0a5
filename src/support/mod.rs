//! Support for tests, benchmarks and examples: a generator of realistic
//! orgs of any size and a measure of edit latency. Not part of orgplan's
//! API (hidden from its docs, free to change); public only because
//! benchmarks, examples and the UI tests are separate crates.

pub mod generate;
pub mod latency;
