//! The register on a PostgreSQL server: the store several clerks on several machines share (a
//! file database on a network share is not safe). A number is taken under a transaction lock
//! of its sequence, so that concurrent clerks wait for each other.

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row};

use super::{Entry, State, Store, failed, migrations, statements};
use crate::diag::Diagnostic;

/// A PostgreSQL register.
pub struct Postgres {
    db: Client,
    /// Insert, update and list, as [`statements`] writes them.
    sql: [String; 3],
}

impl Postgres {
    /// Connects to the server at `url`, the schema brought up to date.
    pub fn open(url: &str) -> Result<Self, Diagnostic> {
        let db = Client::connect(url, NoTls).map_err(|e| failed("kết nối được máy chủ PostgreSQL", e))?;
        let mut store = Postgres { db, sql: statements('$') };
        store.migrate()?;
        Ok(store)
    }

    /// Applies the schema's steps not applied yet, one process at a time.
    fn migrate(&mut self) -> Result<(), Diagnostic> {
        let mut tx = self.db.transaction().map_err(|e| failed("mở được giao dịch", e))?;
        tx.batch_execute(
            "SELECT pg_advisory_xact_lock(hashtext('vanban_phien_ban'));
             CREATE TABLE IF NOT EXISTS vanban_phien_ban (phien_ban INTEGER NOT NULL);",
        )
        .map_err(|e| failed("khóa được sổ", e))?;
        let done: i32 = tx
            .query_opt("SELECT phien_ban FROM vanban_phien_ban", &[])
            .map_err(|e| failed("đọc được phiên bản sổ", e))?
            .map_or(0, |r| r.get(0));
        let done = usize::try_from(done).unwrap_or(0);
        let steps = migrations("BIGSERIAL");
        if done > steps.len() {
            return Err(failed("đọc được sổ", format!("sổ ở phiên bản {done}, mới hơn bản vanban này")));
        }
        for (i, step) in steps.iter().enumerate().skip(done) {
            tx.batch_execute(step).map_err(|e| failed("nâng được phiên bản sổ", e))?;
            tx.execute("DELETE FROM vanban_phien_ban", &[])
                .map_err(|e| failed("nâng được phiên bản sổ", e))?;
            let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
            tx.execute("INSERT INTO vanban_phien_ban VALUES ($1)", &[&version])
                .map_err(|e| failed("nâng được phiên bản sổ", e))?;
        }
        tx.commit().map_err(|e| failed("ghi được sổ", e))
    }
}

/// An entry's number columns as the server stores them.
fn numbers(e: &Entry) -> (i32, Option<i32>) {
    let int = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    (int(e.so), e.so_ban.map(int))
}

/// Runs `sql` with an entry's values, in the order of [`statements`].
fn with_values(db: &mut impl postgres::GenericClient, sql: &str, e: &Entry) -> Result<u64, postgres::Error> {
    let (so, so_ban) = numbers(e);
    let state = e.trang_thai.name();
    let values: [&(dyn ToSql + Sync); 14] = values!(e, &so, &state, &so_ban);
    db.execute(sql, &values)
}

/// An entry read back.
fn entry(r: &Row) -> Entry {
    let count = |n: i32| u32::try_from(n).unwrap_or(0);
    Entry {
        day_so: r.get(0),
        so: count(r.get(1)),
        trang_thai: State::of(r.get(2)).unwrap_or(State::Huy),
        so_ky_hieu: r.get(3),
        ngay: r.get(4),
        ten_loai_trich_yeu: r.get(5),
        nguoi_ky: r.get(6),
        noi_nhan: r.get(7),
        ban_luu: r.get(8),
        so_ban: r.get::<_, Option<i32>>(9).map(count),
        ghi_chu: r.get(10),
        tep_nguon: r.get(11),
        sha256_nguon: r.get(12),
        sha256_pdf: r.get(13),
    }
}

impl Store for Postgres {
    fn take(&mut self, entry: &Entry) -> Result<u32, Diagnostic> {
        let mut tx = self.db.transaction().map_err(|e| failed("mở được giao dịch", e))?;
        tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&entry.day_so])
            .map_err(|e| failed("khóa được dãy số", e))?;
        let last: Option<i32> = tx
            .query_one("SELECT MAX(so) FROM van_ban_di WHERE day_so = $1", &[&entry.day_so])
            .map_err(|e| failed("đọc được sổ", e))?
            .get(0);
        let so = u32::try_from(last.unwrap_or(0)).unwrap_or(0) + 1;
        with_values(&mut tx, &self.sql[0], &Entry { so, ..entry.clone() })
            .map_err(|e| failed("ghi được sổ", e))?;
        tx.commit().map_err(|e| failed("ghi được sổ", e))?;
        Ok(so)
    }

    fn update(&mut self, e: &Entry) -> Result<(), Diagnostic> {
        with_values(&mut self.db, &self.sql[1], e).map_err(|e| failed("ghi được sổ", e))?;
        Ok(())
    }

    fn entries(&mut self) -> Result<Vec<Entry>, Diagnostic> {
        let rows = self.db.query(&self.sql[2], &[]).map_err(|e| failed("đọc được sổ", e))?;
        Ok(rows.iter().map(entry).collect())
    }
}
