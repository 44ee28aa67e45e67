//! Standard output for the CLI's commands: scripts, reports and JSON written whole, errors named.

use anyhow::Context;
use std::io::Write;

/// Write `text` to stdout and flush it (a closed pipe is an error naming what failed).
pub(crate) fn write_out(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).context("writing output")?;
    out.flush().context("writing output")
}
