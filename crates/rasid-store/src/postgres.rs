//! The team store: PostgreSQL, reached with the synchronous `postgres` client.
//!
//! Statements are written with `?` placeholders (as for SQLite) and rewritten to `$n`;
//! parameters are bound by the types PostgreSQL infers for them.

use std::collections::HashMap;

use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};

use crate::backend::{Backend, Dialect, Value};
use crate::error::{Result, StoreError};

/// Advisory lock key held while a process merges (any constant shared by all processes).
const MERGE_LOCK: i64 = 0x7261_7369_645f_6d67; // "rasid_mg"

pub struct PostgresBackend {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl PostgresBackend {
    pub fn connect(url: &str) -> Result<Self> {
        let mut client = Client::connect(url, NoTls)?;
        client.batch_execute("SET client_min_messages = warning")?;
        Ok(Self {
            client,
            statements: HashMap::new(),
        })
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(&dollar_placeholders(sql))?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

/// `?` → `$1`, `$2`, … outside quoted strings.
pub(crate) fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

type Param = Box<dyn ToSql + Sync>;

fn bind(v: &Value, ty: &Type) -> std::result::Result<Param, String> {
    Ok(match (v, ty) {
        (Value::Null, t) if *t == Type::INT8 => Box::new(None::<i64>),
        (Value::Null, t) if *t == Type::INT4 => Box::new(None::<i32>),
        (Value::Null, t) if *t == Type::FLOAT8 => Box::new(None::<f64>),
        (Value::Null, t) if *t == Type::BYTEA => Box::new(None::<Vec<u8>>),
        (Value::Null, t) if *t == Type::BOOL => Box::new(None::<bool>),
        (Value::Null, _) => Box::new(None::<String>),
        (Value::Int(i), t) if *t == Type::INT4 => {
            Box::new(i32::try_from(*i).map_err(|e| e.to_string())?)
        }
        (Value::Int(i), t) if *t == Type::FLOAT8 => Box::new(*i as f64),
        (Value::Int(i), t) if *t == Type::BOOL => Box::new(*i != 0),
        (Value::Int(i), t) if *t == Type::TEXT => Box::new(i.to_string()),
        (Value::Int(i), _) => Box::new(*i),
        (Value::Real(f), t) if *t == Type::FLOAT4 => Box::new(*f as f32),
        (Value::Real(f), _) => Box::new(*f),
        (Value::Text(s), t) if *t == Type::INT8 => {
            Box::new(s.parse::<i64>().map_err(|e| e.to_string())?)
        }
        (Value::Text(s), _) => Box::new(s.clone()),
        (Value::Blob(b), _) => Box::new(b.clone()),
    })
}

fn read(row: &postgres::Row, i: usize) -> Result<Value> {
    let ty = row.columns()[i].type_().clone();
    let v = if ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?.map(Value::Int)
    } else if ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?
            .map(|x| Value::Int(i64::from(x)))
    } else if ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(i)?
            .map(|x| Value::Int(i64::from(x)))
    } else if ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(i)?.map(Value::Real)
    } else if ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(i)?
            .map(|x| Value::Real(f64::from(x)))
    } else if ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?
            .map(|x| Value::Int(i64::from(x)))
    } else if ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob)
    } else {
        row.try_get::<_, Option<String>>(i)?.map(Value::Text)
    };
    Ok(v.unwrap_or(Value::Null))
}

impl Backend for PostgresBackend {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        Ok(self.client.batch_execute(sql)?)
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        let bound = bind_all(&stmt, params, sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref()).collect();
        Ok(self.client.execute(&stmt, &refs)?)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Vec<Value>>> {
        let stmt = self.statement(sql)?;
        let bound = bind_all(&stmt, params, sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref()).collect();
        let rows = self.client.query(&stmt, &refs)?;
        rows.iter()
            .map(|r| (0..r.len()).map(|i| read(r, i)).collect())
            .collect()
    }

    fn begin(&mut self) -> Result<()> {
        self.batch("BEGIN")
    }
    fn commit(&mut self) -> Result<()> {
        self.batch("COMMIT")
    }
    fn rollback(&mut self) -> Result<()> {
        self.batch("ROLLBACK")
    }
    fn lock_merge(&mut self) -> Result<()> {
        self.exec("SELECT pg_advisory_xact_lock(?)", &[Value::Int(MERGE_LOCK)])
            .map(|_| ())
    }
    fn is_retryable(&self, e: &StoreError) -> bool {
        match e {
            StoreError::Postgres(pe) => pe.code().is_some_and(|c| {
                *c == postgres::error::SqlState::T_R_DEADLOCK_DETECTED
                    || *c == postgres::error::SqlState::T_R_SERIALIZATION_FAILURE
                    || *c == postgres::error::SqlState::UNIQUE_VIOLATION
            }),
            _ => false,
        }
    }
}

fn bind_all(stmt: &Statement, params: &[Value], sql: &str) -> Result<Vec<Param>> {
    stmt.params()
        .iter()
        .zip(params)
        .map(|(ty, v)| {
            bind(v, ty).map_err(|detail| StoreError::Decode {
                column: format!("parameter of {sql}"),
                detail,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(
            super::dollar_placeholders("SELECT '?' , ? FROM t WHERE a = ? AND b = 'x?'"),
            "SELECT '?' , $1 FROM t WHERE a = $2 AND b = 'x?'"
        );
    }
}
