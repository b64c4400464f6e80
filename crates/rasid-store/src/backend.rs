//! One narrow interface over both databases: statements with `?` placeholders, rows of
//! plain [`Value`]s, explicit transactions. Everything above it (ingest, merge, export,
//! queries) is written once; only the schema's types, the search index and locking differ.

use crate::error::{Result, StoreError};

/// A column value as both backends see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    pub fn text(&self, column: &str) -> Result<String> {
        match self {
            Value::Text(s) => Ok(s.clone()),
            other => Err(decode(column, other)),
        }
    }
    /// The text without copying it.
    pub fn as_str(&self, column: &str) -> Result<&str> {
        match self {
            Value::Text(s) => Ok(s),
            other => Err(decode(column, other)),
        }
    }
    pub fn opt_text(&self, column: &str) -> Result<Option<String>> {
        match self {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s.clone())),
            other => Err(decode(column, other)),
        }
    }
    pub fn int(&self, column: &str) -> Result<i64> {
        match self {
            Value::Int(i) => Ok(*i),
            other => Err(decode(column, other)),
        }
    }
    pub fn opt_int(&self, column: &str) -> Result<Option<i64>> {
        match self {
            Value::Null => Ok(None),
            Value::Int(i) => Ok(Some(*i)),
            other => Err(decode(column, other)),
        }
    }
    pub fn real(&self, column: &str) -> Result<f64> {
        match self {
            Value::Real(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            other => Err(decode(column, other)),
        }
    }
    pub fn opt_real(&self, column: &str) -> Result<Option<f64>> {
        match self {
            Value::Null => Ok(None),
            v => v.real(column).map(Some),
        }
    }
    pub fn blob(&self, column: &str) -> Result<Option<Vec<u8>>> {
        match self {
            Value::Null => Ok(None),
            Value::Blob(b) => Ok(Some(b.clone())),
            other => Err(decode(column, other)),
        }
    }
}

fn decode(column: &str, v: &Value) -> StoreError {
    StoreError::Decode {
        column: column.to_string(),
        detail: format!("{v:?}"),
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::Text(s.clone())
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<usize> for Value {
    fn from(i: usize) -> Self {
        Value::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}
impl From<u32> for Value {
    fn from(i: u32) -> Self {
        Value::Int(i64::from(i))
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Int(i64::from(b))
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Real(f)
    }
}
impl From<Vec<u8>> for Value {
    fn from(b: Vec<u8>) -> Self {
        Value::Blob(b)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::Null, Into::into)
    }
}

/// Ids per batched query (`… IN (?, ?, …)`).
pub(crate) const CHUNK: usize = 200;

/// `ids` in chunks of [`CHUNK`]: for each, the placeholders `?, ?, …` and the parameters.
pub(crate) fn in_chunks<T: Clone + Into<Value>>(
    ids: &[T],
) -> impl Iterator<Item = (String, Vec<Value>)> + '_ {
    ids.chunks(CHUNK).map(|chunk| {
        (
            vec!["?"; chunk.len()].join(", "),
            chunk.iter().cloned().map(Into::into).collect(),
        )
    })
}

/// The rows of `sql` for all of `ids`, `{ids}` standing in `sql` for the placeholders of a
/// chunk of them (one statement per [`CHUNK`] ids; nothing is run for no ids).
pub(crate) fn query_in<T: Clone + Into<Value>>(
    db: &mut dyn Backend,
    sql: &str,
    ids: &[T],
) -> Result<Vec<Vec<Value>>> {
    let mut rows = Vec::new();
    for (marks, params) in in_chunks(ids) {
        rows.extend(db.query(&sql.replace("{ids}", &marks), &params)?);
    }
    Ok(rows)
}

/// Run `sql` for all of `ids`, as [`query_in`]; the number of rows changed.
pub(crate) fn exec_in<T: Clone + Into<Value>>(
    db: &mut dyn Backend,
    sql: &str,
    ids: &[T],
) -> Result<u64> {
    let mut n = 0;
    for (marks, params) in in_chunks(ids) {
        n += db.exec(&sql.replace("{ids}", &marks), &params)?;
    }
    Ok(n)
}

/// Which database a backend talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection to one of the two databases.
pub trait Backend: Send {
    fn dialect(&self) -> Dialect;
    /// Run several statements with no parameters.
    fn batch(&mut self, sql: &str) -> Result<()>;
    /// Run one statement; the number of rows it changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64>;
    /// Run one query; all its rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>>;
    /// Start a write transaction (SQLite takes the write lock at once).
    fn begin(&mut self) -> Result<()>;
    fn commit(&mut self) -> Result<()>;
    fn rollback(&mut self) -> Result<()>;
    /// Inside a transaction: wait until no other process is merging (PostgreSQL advisory
    /// lock; SQLite's write lock already serialises writers).
    fn lock_merge(&mut self) -> Result<()>;
    /// Whether an error is a deadlock or serialisation failure worth retrying.
    fn is_retryable(&self, e: &StoreError) -> bool;
}
