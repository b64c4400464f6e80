//! A throwaway PostgreSQL database for the tests of the stores (this crate's and the
//! binary's): one place that knows how to make and drop it.

use postgres::{Client, NoTls};

/// The variable naming the test server: `postgres://USER:PASS@HOST/DB`, where USER may
/// create databases. Unset: the PostgreSQL tests skip.
pub const TEST_SERVER_VAR: &str = "RASID_TEST_PG";

/// A fresh, empty PostgreSQL database, dropped when this goes out of scope.
pub struct ScratchDatabase {
    pub url: String,
    name: String,
    admin: Client,
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        let _ = self.admin.batch_execute(&sql);
    }
}

/// Why no scratch database could be made on a named server.
#[derive(Debug, thiserror::Error)]
pub enum ScratchError {
    #[error("{TEST_SERVER_VAR}: cannot connect or create a database: {0}")]
    Server(#[from] postgres::Error),
    #[error("{TEST_SERVER_VAR} must end in /DATABASE: {0}")]
    Url(String),
}

/// A fresh database named `PREFIX_PID_MICROS` on the server `RASID_TEST_PG` names, with C
/// collation so that id order matches SQLite's. `None` when the variable is unset.
pub fn scratch_database(prefix: &str) -> Option<Result<ScratchDatabase, ScratchError>> {
    let base = std::env::var(TEST_SERVER_VAR)
        .ok()
        .filter(|s| !s.is_empty())?;
    Some(create(&base, prefix))
}

fn create(base: &str, prefix: &str) -> Result<ScratchDatabase, ScratchError> {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    let name = format!("{prefix}_{}_{micros}", std::process::id());
    let url = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => format!("{}/{name}", &base[..i]),
        _ => return Err(ScratchError::Url(base.to_string())),
    };
    let mut admin = Client::connect(base, NoTls)?;
    admin.batch_execute(&format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    ))?;
    Ok(ScratchDatabase { url, name, admin })
}
