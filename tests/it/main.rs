//! The one integration-test binary: fixtures against a real PostgreSQL, CLI behaviour, connections.

mod cli;
mod cli_sqlite;
mod codegen;
mod connect;
mod cross;
mod files;
mod fixtures;
mod harness;
mod inspect;
mod json_shape;
mod layers;
mod never_silent;
mod online;
mod owners;
mod random;
mod random_sqlite;
mod roles;
mod sqlite;
mod supabase;
