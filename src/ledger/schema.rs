//! The ledger's tables and their versions. Each migration takes a ledger of the version before
//! it to its own version (`PRAGMA user_version`), in the same transaction that sets the
//! version, so that a ledger is always wholly of one version; a ledger written by an older
//! civic-match opens with this one and is brought up to date on the way.

use rusqlite::{Connection, Transaction};

/// Marks a SQLite file as a civic-match ledger (`PRAGMA application_id`, "CMLG").
pub const APPLICATION_ID: i32 = 0x434D_4C47;

/// The migrations, in order: `MIGRATIONS[k]` takes version `k` to version `k + 1`.
pub const MIGRATIONS: &[&str] = &[VERSION_1, VERSION_2];

/// The version this code writes.
pub const LATEST: i32 = MIGRATIONS.len() as i32;

/// Version 1: plans by month, their demands, assignments, teams, unmet demands, outcomes and
/// the weight offered and met per fairness region.
pub const VERSION_1: &str = "
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    instance TEXT NOT NULL,
    instance_sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    objective REAL,
    bound REAL,
    solver TEXT,
    committed_at TEXT NOT NULL,
    replaced_at TEXT
);
CREATE UNIQUE INDEX plans_current ON plans (month) WHERE replaced_at IS NULL;
CREATE TABLE volunteers (
    plan INTEGER NOT NULL REFERENCES plans (id),
    volunteer TEXT NOT NULL,
    name TEXT,
    PRIMARY KEY (plan, volunteer)
);
CREATE TABLE demands (
    plan INTEGER NOT NULL REFERENCES plans (id),
    demand TEXT NOT NULL,
    region TEXT,
    weight REAL NOT NULL,
    title TEXT,
    spec TEXT NOT NULL,
    PRIMARY KEY (plan, demand)
);
CREATE TABLE assignments (
    plan INTEGER NOT NULL,
    demand TEXT NOT NULL,
    slot TEXT NOT NULL,
    supplies TEXT NOT NULL,
    PRIMARY KEY (plan, demand),
    FOREIGN KEY (plan, demand) REFERENCES demands (plan, demand)
);
CREATE TABLE team (
    plan INTEGER NOT NULL,
    demand TEXT NOT NULL,
    volunteer TEXT NOT NULL,
    hours REAL NOT NULL,
    PRIMARY KEY (plan, demand, volunteer),
    FOREIGN KEY (plan, demand) REFERENCES assignments (plan, demand)
);
CREATE TABLE unmet (
    plan INTEGER NOT NULL,
    demand TEXT NOT NULL,
    code TEXT,
    reason TEXT NOT NULL,
    PRIMARY KEY (plan, demand),
    FOREIGN KEY (plan, demand) REFERENCES demands (plan, demand)
);
CREATE TABLE outcomes (
    plan INTEGER NOT NULL,
    demand TEXT NOT NULL,
    volunteer TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('done', 'not_done', 'no_show')),
    hours REAL NOT NULL CHECK (hours >= 0),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (plan, demand, volunteer),
    FOREIGN KEY (plan, demand, volunteer) REFERENCES team (plan, demand, volunteer)
);
CREATE TABLE regions (
    plan INTEGER NOT NULL REFERENCES plans (id),
    region TEXT NOT NULL,
    offered REAL NOT NULL,
    met REAL NOT NULL,
    PRIMARY KEY (plan, region)
);
";

/// Version 2: carried demands (their age and where they came from), recurring series, each
/// demand's state (`unmet`; `planned` while no outcome is recorded; `done` when a volunteer
/// recorded it done; else `not_done`) and the time bank (时间银行) as views over the outcomes of
/// current plans, so that neither can disagree with the outcomes they come from. Demands of version 1 are their own
/// origin and have waited no month.
pub const VERSION_2: &str = "
ALTER TABLE demands ADD COLUMN age INTEGER NOT NULL DEFAULT 0;
ALTER TABLE demands ADD COLUMN since TEXT;
ALTER TABLE demands ADD COLUMN origin TEXT;
ALTER TABLE demands ADD COLUMN series TEXT;
UPDATE demands SET since = (SELECT month FROM plans WHERE plans.id = demands.plan), origin = demand;
CREATE INDEX demands_origin ON demands (since, origin);
CREATE VIEW demand_state AS
SELECT d.plan AS plan, d.demand AS demand,
       CASE WHEN a.demand IS NULL THEN 'unmet'
            WHEN NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.plan = d.plan AND o.demand = d.demand) THEN 'planned'
            WHEN EXISTS (SELECT 1 FROM outcomes o
                         WHERE o.plan = d.plan AND o.demand = d.demand AND o.outcome = 'done') THEN 'done'
            ELSE 'not_done' END AS state
FROM demands d LEFT JOIN assignments a ON a.plan = d.plan AND a.demand = d.demand;
CREATE VIEW time_bank AS
SELECT month, volunteer, credited,
       SUM(credited) OVER (PARTITION BY volunteer ORDER BY month) AS balance
FROM (SELECT p.month AS month, o.volunteer AS volunteer, SUM(o.hours) AS credited
      FROM outcomes o JOIN plans p ON p.id = o.plan
      WHERE p.replaced_at IS NULL AND o.outcome <> 'no_show'
      GROUP BY p.month, o.volunteer);
";

/// What is wrong with a file that is not a ledger this code can use.
#[derive(Debug)]
pub enum Unusable {
    /// A SQLite file of another program.
    Foreign,
    /// A ledger of a later version than this code knows.
    Newer(i32),
    /// SQLite failed.
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for Unusable {
    fn from(e: rusqlite::Error) -> Self {
        Unusable::Sql(e)
    }
}

/// Brings the ledger on `conn` to [`LATEST`] inside `tx`; returns the version it had.
pub fn migrate(tx: &Transaction) -> Result<i32, Unusable> {
    let version: i32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if app != APPLICATION_ID && (app != 0 || tables > 0) {
        return Err(Unusable::Foreign);
    }
    if version > LATEST {
        return Err(Unusable::Newer(version));
    }
    for (k, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", k as i32 + 1)?;
    }
    if version < LATEST {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(version)
}

/// How long a writer waits for another to finish before giving up (`PRAGMA busy_timeout`):
/// two commands on one ledger at once take turns instead of the second failing.
pub const BUSY_TIMEOUT_MS: i64 = 10_000;

/// The page cache of a connection in KiB (`PRAGMA cache_size`, negative means KiB): large
/// enough that a city month's inserts stay in memory until they are committed.
pub const CACHE_KIB: i64 = 65_536;

/// Sets what every connection needs: references checked, a writer that finds the ledger busy
/// waits [`BUSY_TIMEOUT_MS`], commits are synced at checkpoints rather than at every commit
/// (`synchronous = NORMAL`, which in WAL mode still never leaves a half-written
/// transaction, whatever the moment a process is killed), and a page cache of [`CACHE_KIB`].
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "busy_timeout", BUSY_TIMEOUT_MS)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)
}

/// Puts the ledger in WAL mode (`journal_mode = WAL`, kept in the file): readers do not block
/// the writer, and a transaction cut short never reaches the main file. Called only once
/// [`migrate`] has accepted the file, so that a foreign or newer file is left as it was found.
pub fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i32 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn an_empty_file_becomes_the_latest_version_and_migrating_again_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        assert_eq!(migrate(&tx).unwrap(), 0);
        tx.commit().unwrap();
        assert_eq!(version(&conn), LATEST);
        let tx = conn.transaction().unwrap();
        assert_eq!(migrate(&tx).unwrap(), LATEST);
        tx.commit().unwrap();
        assert_eq!(version(&conn), LATEST);
    }

    #[test]
    fn a_configured_writer_waits_for_another_and_wal_mode_stays_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("l.db");
        let first = Connection::open(&file).unwrap();
        configure(&first).unwrap();
        use_wal(&first).unwrap();
        let pragma = |name: &str| first.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(
            (pragma("busy_timeout"), pragma("synchronous"), pragma("cache_size")),
            (BUSY_TIMEOUT_MS, 1, -CACHE_KIB)
        );
        first.execute_batch("BEGIN IMMEDIATE; CREATE TABLE t (x)").unwrap();
        let second = std::thread::spawn(move || {
            let mut conn = Connection::open(&file).unwrap();
            configure(&conn).unwrap();
            let started = std::time::Instant::now();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
            tx.execute("INSERT INTO t VALUES (1)", []).unwrap();
            tx.commit().unwrap();
            let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
            (mode, started.elapsed())
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        first.execute_batch("COMMIT").unwrap();
        let (mode, waited) = second.join().unwrap();
        assert_eq!(mode, "wal", "a new connection finds the file in WAL mode");
        assert!(waited.as_millis() >= 200, "the second writer waited {waited:?} for the first to commit");
        let rows: i64 = first.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1);
    }

    #[test]
    fn a_foreign_database_and_a_newer_ledger_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT)").unwrap();
        let tx = conn.transaction().unwrap();
        assert!(matches!(migrate(&tx), Err(Unusable::Foreign)));
        drop(tx);
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        let tx = conn.transaction().unwrap();
        assert!(matches!(migrate(&tx), Err(Unusable::Newer(v)) if v == LATEST + 1));
    }

    #[test]
    fn a_failing_migration_leaves_the_version_it_found() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(VERSION_1).unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        tx.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        tx.commit().unwrap();
        // A column of version 2 already present makes its ALTER TABLE fail half-way.
        conn.execute_batch("ALTER TABLE demands ADD COLUMN series TEXT").unwrap();
        let tx = conn.transaction().unwrap();
        assert!(matches!(migrate(&tx), Err(Unusable::Sql(_))));
        drop(tx);
        assert_eq!(version(&conn), 1);
        let columns: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('demands') WHERE name = 'age'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(columns, 0, "the first statements of the failed migration are rolled back");
    }
}
