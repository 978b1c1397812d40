//! The register in an SQLite file: one file at the office root, safe for several processes of
//! one machine (a write transaction takes the file's lock; others wait for it).

use std::path::Path;
use std::time::Duration;

use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::{Entry, State, Store, failed, migrations, statements};
use crate::diag::Diagnostic;

/// How long a process waits for another's transaction before it gives up.
const BUSY: Duration = Duration::from_secs(60);

/// An SQLite register.
pub struct Sqlite {
    db: Connection,
    /// Insert, update and list, as [`statements`] writes them.
    sql: [String; 3],
}

impl Sqlite {
    /// Opens (or makes) the register at `path`, its schema brought up to date.
    pub fn open(path: &Path) -> Result<Self, Diagnostic> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| failed("tạo được thư mục của sổ", e))?;
        }
        let db = Connection::open(path).map_err(|e| failed(&format!("mở được {}", path.display()), e))?;
        db.busy_timeout(BUSY).map_err(|e| failed("đặt được thời gian chờ", e))?;
        let mut store = Sqlite { db, sql: statements('?') };
        store.migrate()?;
        Ok(store)
    }

    /// Applies the schema's steps not applied yet, each in its transaction.
    fn migrate(&mut self) -> Result<(), Diagnostic> {
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| failed("khóa được sổ", e))?;
        let done: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| failed("đọc được phiên bản sổ", e))?;
        let done = usize::try_from(done).unwrap_or(usize::MAX);
        let steps = migrations("INTEGER");
        if done > steps.len() {
            return Err(failed("đọc được sổ", format!("sổ ở phiên bản {done}, mới hơn bản vanban này")));
        }
        for (i, step) in steps.iter().enumerate().skip(done) {
            tx.execute_batch(step).map_err(|e| failed("nâng được phiên bản sổ", e))?;
            tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(i64::MAX))
                .map_err(|e| failed("nâng được phiên bản sổ", e))?;
        }
        tx.commit().map_err(|e| failed("ghi được sổ", e))
    }
}

/// An entry's values, in the order of [`statements`].
fn values(e: &Entry) -> [&dyn ToSql; 14] {
    values!(e, &e.so, &e.trang_thai, &e.so_ban)
}

impl ToSql for State {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.name()))
    }
}

impl Store for Sqlite {
    fn take(&mut self, entry: &Entry) -> Result<u32, Diagnostic> {
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| failed("khóa được sổ", e))?;
        let last: Option<u32> = tx
            .query_row("SELECT MAX(so) FROM van_ban_di WHERE day_so = ?1", [&entry.day_so], |r| r.get(0))
            .optional()
            .map_err(|e| failed("đọc được sổ", e))?
            .flatten();
        let so = last.unwrap_or(0) + 1;
        let e = Entry { so, ..entry.clone() };
        tx.execute(&self.sql[0], values(&e).as_slice()).map_err(|e| failed("ghi được sổ", e))?;
        tx.commit().map_err(|e| failed("ghi được sổ", e))?;
        Ok(so)
    }

    fn update(&mut self, e: &Entry) -> Result<(), Diagnostic> {
        self.db.execute(&self.sql[1], values(e).as_slice()).map_err(|e| failed("ghi được sổ", e))?;
        Ok(())
    }

    fn entries(&mut self) -> Result<Vec<Entry>, Diagnostic> {
        let mut q = self.db.prepare(&self.sql[2]).map_err(|e| failed("đọc được sổ", e))?;
        let rows = q
            .query_map([], |r| {
                Ok(Entry {
                    day_so: r.get(0)?,
                    so: r.get(1)?,
                    trang_thai: State::of(&r.get::<_, String>(2)?).unwrap_or(State::Huy),
                    so_ky_hieu: r.get(3)?,
                    ngay: r.get(4)?,
                    ten_loai_trich_yeu: r.get(5)?,
                    nguoi_ky: r.get(6)?,
                    noi_nhan: r.get(7)?,
                    ban_luu: r.get(8)?,
                    so_ban: r.get(9)?,
                    ghi_chu: r.get(10)?,
                    tep_nguon: r.get(11)?,
                    sha256_nguon: r.get(12)?,
                    sha256_pdf: r.get(13)?,
                })
            })
            .map_err(|e| failed("đọc được sổ", e))?;
        rows.collect::<Result<_, _>>().map_err(|e| failed("đọc được sổ", e))
    }
}
