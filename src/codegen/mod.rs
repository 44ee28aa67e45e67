//! Code generation from the model (pure functions: a catalog in, source text out).

pub mod python;
mod pytypes;
