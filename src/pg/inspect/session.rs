//! Where catalog queries go: a transaction the caller owns (apply verifies inside its own), or the
//! inspector's own connection, whose rows are taken from the connection in batches: one runtime entry per
//! batch of already-received rows instead of one per row (~12% of the inspector's CPU at 5,000 tables).

use crate::error::{describe_pg_error, Error, Result};
use crate::source::{ConnInfo, Side};
use postgres::types::ToSql;
use postgres::{Row, Transaction};
use std::collections::VecDeque;
use std::pin::Pin;
use std::task::Poll;
use tokio::runtime::Runtime;
use tokio_postgres::RowStream;

/// Rows at most taken per runtime entry (bounds what is held: the result itself is never held whole).
const BATCH: usize = 1024;

/// A connection (inside a transaction) that catalog queries can be sent on.
pub(super) trait Session {
    /// Statements without results (settings).
    fn batch(&mut self, sql: &str) -> Result<(), postgres::Error>;
    /// Start a query; its rows stream in.
    fn rows<'s>(&'s mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Rows<'s>, postgres::Error>;
    /// A whole (small) result.
    fn all(&mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, postgres::Error> {
        self.rows(sql, params)?.collect()
    }
}

impl Session for Transaction<'_> {
    fn batch(&mut self, sql: &str) -> Result<(), postgres::Error> {
        self.batch_execute(sql)
    }
    fn rows<'s>(&'s mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Rows<'s>, postgres::Error> {
        Ok(Rows::Sync(self.query_raw(sql, params.iter().copied())?))
    }
}

/// The inspector's own connection: a single-threaded runtime driving a `tokio_postgres` client.
pub struct Owned {
    rt: Runtime,
    client: tokio_postgres::Client,
    connection: tokio::task::JoinHandle<()>,
}

impl Owned {
    pub fn new(rt: Runtime, client: tokio_postgres::Client, connection: tokio::task::JoinHandle<()>) -> Self {
        Owned { rt, client, connection }
    }

    /// Close the connection cleanly (Terminate sent) once every request is answered.
    pub fn close(self) {
        let Owned { rt, client, connection } = self;
        drop(client);
        let _ = rt.block_on(connection);
    }
}

impl Session for Owned {
    fn batch(&mut self, sql: &str) -> Result<(), postgres::Error> {
        self.rt.block_on(self.client.batch_execute(sql))
    }
    fn rows<'s>(&'s mut self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Rows<'s>, postgres::Error> {
        let stream = self.rt.block_on(self.client.query_raw(sql, params.iter().copied()))?;
        Ok(Rows::Batched { rt: &self.rt, stream: Box::pin(stream), buf: VecDeque::new(), done: false })
    }
}

/// The rows of one query, in order; a transport error is the last item.
pub(super) enum Rows<'s> {
    Sync(postgres::RowIter<'s>),
    Batched { rt: &'s Runtime, stream: Pin<Box<RowStream>>, buf: VecDeque<Result<Row, postgres::Error>>, done: bool },
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, postgres::Error>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Sync(it) => fallible_iterator::FallibleIterator::next(it).transpose(),
            Rows::Batched { rt, stream, buf, done } => {
                if buf.is_empty() && !*done {
                    rt.block_on(fill(stream.as_mut(), buf, done));
                }
                buf.pop_front()
            }
        }
    }
}

/// Wait for at least one row (or the end), then take every row already received, up to `BATCH`.
async fn fill(mut stream: Pin<&mut RowStream>, buf: &mut VecDeque<Result<Row, postgres::Error>>, done: &mut bool) {
    use futures_util::Stream;
    std::future::poll_fn(|cx| loop {
        if buf.len() >= BATCH {
            return Poll::Ready(());
        }
        match stream.as_mut().poll_next(cx) {
            Poll::Ready(Some(item)) => {
                let failed = item.is_err();
                buf.push_back(item);
                if failed {
                    *done = true;
                    return Poll::Ready(());
                }
            }
            Poll::Ready(None) => {
                *done = true;
                return Poll::Ready(());
            }
            Poll::Pending if buf.is_empty() => return Poll::Pending,
            Poll::Pending => return Poll::Ready(()),
        }
    })
    .await
}

/// Open a connection for the inspector: a `tokio_postgres` client on a single-threaded runtime of its own,
/// with the same sslmode semantics and errors as `connect`.
pub fn connect_inspector(info: &ConnInfo, side: Side) -> Result<Owned> {
    let fail = |cause: String| Error::Connect { side: side.to_string(), target: info.display(), cause };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(format!("cannot start the I/O runtime: {e}")))?;
    let config = info.config.clone();
    let (client, connection) = if info.sslmode == crate::source::SslMode::Disable {
        let (client, conn) =
            rt.block_on(config.connect(tokio_postgres::NoTls)).map_err(|e| fail(describe_pg_error(&e)))?;
        (client, rt.spawn(async move { drop(conn.await) }))
    } else {
        let tls = crate::source::tls_connector(info).map_err(|e| fail(format!("TLS setup failed: {e}")))?;
        let (client, conn) = rt.block_on(config.connect(tls)).map_err(|e| fail(describe_pg_error(&e)))?;
        (client, rt.spawn(async move { drop(conn.await) }))
    };
    Ok(Owned::new(rt, client, connection))
}
