//! Desired state as SQL files: collect them (a file, or a directory searched recursively in lexicographic
//! order), split them into statements with pg_query, and run them so that an error names file and line.

use crate::error::{describe_pg_error, Error, Result};
use std::path::{Path, PathBuf};

/// The `.sql` files a path stands for, in the order they are applied.
pub fn collect(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !path.is_dir() {
        return Err(format!("{}: no such file or directory", path.display()));
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let p = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "sql") {
                out.push(p);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(format!("{}: no .sql files found", path.display()));
    }
    Ok(out)
}

/// 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// Split a file into statements with their byte offsets. The parser is exact; if the file does not
/// parse, the scanner still splits it so the server reports the error at its position.
pub(crate) fn statements(text: &str) -> Vec<(usize, &str)> {
    let parts = pg_query::split_with_parser(text)
        .or_else(|_| pg_query::split_with_scanner(text))
        .unwrap_or_else(|_| vec![text]);
    let base = text.as_ptr() as usize;
    parts.into_iter().map(|s| (s.as_ptr() as usize - base, s)).filter(|(_, s)| !s.trim().is_empty()).collect()
}

/// Run every file against `client`, statement by statement, with function bodies unchecked (they may
/// refer to objects created later). The first error stops the load and names `file:line`.
pub fn load(client: &mut postgres::Client, files: &[PathBuf]) -> Result<()> {
    let fail =
        |file: &Path, line: usize, cause: String| Error::SqlFile { file: file.display().to_string(), line, cause };
    client
        .batch_execute("SET check_function_bodies = off")
        .map_err(|e| fail(Path::new("(session)"), 0, describe_pg_error(&e)))?;
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| fail(file, 0, e.to_string()))?;
        if let Some((n, _)) = text.lines().enumerate().find(|(_, l)| l.trim_start().starts_with('\\')) {
            return Err(fail(file, n + 1, "psql meta-commands (\\...) are not supported in schema files".into()));
        }
        for (offset, stmt) in statements(&text) {
            if let Err(e) = client.batch_execute(stmt) {
                // The server's error position counts characters within the statement.
                let within = match e.as_db_error().and_then(|d| d.position()) {
                    Some(postgres::error::ErrorPosition::Original(p)) => {
                        stmt.char_indices().nth((*p as usize).saturating_sub(1)).map(|(i, _)| i).unwrap_or(0)
                    }
                    _ => stmt.len() - stmt.trim_start().len(),
                };
                return Err(fail(file, line_at(&text, offset + within), describe_pg_error(&e)));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_keep_their_offsets() {
        let text = "create table a (id int);\n-- c\ncreate table b (x text default ';');\n";
        let got = statements(text);
        assert_eq!(got.len(), 2);
        assert_eq!(line_at(text, got[1].0 + got[1].1.find("create").unwrap()), 3);
    }
}
