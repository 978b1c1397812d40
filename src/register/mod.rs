//! The register of outgoing documents (sổ đăng ký văn bản đi): every number an office gives,
//! in the sequences its ruleset prescribes, never twice. One small interface ([`Store`]) over
//! two stores: an embedded SQLite file, the default, and PostgreSQL, shared by several clerks.

/// An entry's values in the order of [`statements`], `so`, `trang_thai` and `so_ban` as the
/// store's driver takes them; typed by the caller as its driver's parameters.
macro_rules! values {
    ($e:expr, $so:expr, $state:expr, $so_ban:expr) => {
        [
            &$e.day_so,
            $so,
            $state,
            &$e.so_ky_hieu,
            &$e.ngay,
            &$e.ten_loai_trich_yeu,
            &$e.nguoi_ky,
            &$e.noi_nhan,
            &$e.ban_luu,
            $so_ban,
            &$e.ghi_chu,
            &$e.tep_nguon,
            &$e.sha256_nguon,
            &$e.sha256_pdf,
        ]
    };
}

pub mod export;
pub mod issue;
pub mod postgres;
pub mod sequence;
pub mod sqlite;
pub mod text;

use std::path::Path;

use serde::Serialize;

use crate::diag::Diagnostic;

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Taken by a document being issued: the number is its, the PDF not yet written.
    DangCap,
    /// Issued: the document carries the number and its PDF is written.
    DaCap,
    /// Reserved ahead for a document, not issued yet.
    GiuCho,
    /// Voided, with its reason: the number stays in the register and is never given again.
    Huy,
}

impl State {
    /// The name stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            State::DangCap => "dang_cap",
            State::DaCap => "da_cap",
            State::GiuCho => "giu_cho",
            State::Huy => "huy",
        }
    }

    /// The state of a stored name.
    pub fn of(name: &str) -> Option<State> {
        [State::DangCap, State::DaCap, State::GiuCho, State::Huy].into_iter().find(|s| s.name() == name)
    }

    /// In Vietnamese, for the register's notes.
    pub fn shown(self) -> &'static str {
        match self {
            State::DangCap => "đang cấp",
            State::DaCap => "đã cấp",
            State::GiuCho => "giữ chỗ",
            State::Huy => "đã hủy",
        }
    }
}

/// One line of the register: the columns of the outgoing register's form, and what vanban
/// keeps besides (the sequence, the state, the source and the digests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The sequence the number belongs to (see [`sequence`]).
    pub day_so: String,
    /// The number in its sequence.
    pub so: u32,
    /// Where the entry stands.
    pub trang_thai: State,
    /// Số và ký hiệu, e.g. `05-BC/ĐU`.
    pub so_ky_hieu: String,
    /// Ngày tháng, `YYYY-MM-DD`.
    pub ngay: String,
    /// Tên loại và trích yếu nội dung.
    pub ten_loai_trich_yeu: String,
    /// Người ký.
    pub nguoi_ky: String,
    /// Nơi nhận, one recipient a line.
    pub noi_nhan: String,
    /// Đơn vị, người nhận bản lưu.
    pub ban_luu: String,
    /// Số lượng bản, when the document says (the number after the drafter's initials).
    pub so_ban: Option<u32>,
    /// Ghi chú: the reason of a voided number, or the clerk's note.
    pub ghi_chu: String,
    /// The document's source, as the register was given it.
    pub tep_nguon: String,
    /// SHA-256 of the source (with the office profiles it inherits from) as issued.
    pub sha256_nguon: String,
    /// SHA-256 of the issued PDF.
    pub sha256_pdf: String,
}

impl Entry {
    /// An entry of `day_so` for the document at `tep_nguon`, the rest to fill.
    pub fn new(day_so: &str, tep_nguon: &str, trang_thai: State) -> Self {
        Entry {
            day_so: day_so.to_owned(),
            so: 0,
            trang_thai,
            so_ky_hieu: String::new(),
            ngay: String::new(),
            ten_loai_trich_yeu: String::new(),
            nguoi_ky: String::new(),
            noi_nhan: String::new(),
            ban_luu: String::new(),
            so_ban: None,
            ghi_chu: String::new(),
            tep_nguon: tep_nguon.to_owned(),
            sha256_nguon: String::new(),
            sha256_pdf: String::new(),
        }
    }
}

/// Which entries to list.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Dated on or after, `YYYY-MM-DD`.
    pub tu_ngay: Option<String>,
    /// Dated on or before, `YYYY-MM-DD`.
    pub den_ngay: Option<String>,
    /// In this state only.
    pub trang_thai: Option<State>,
}

impl Filter {
    /// Whether `e` is listed.
    pub fn takes(&self, e: &Entry) -> bool {
        self.tu_ngay.as_ref().is_none_or(|d| e.ngay.is_empty() || e.ngay >= *d)
            && self.den_ngay.as_ref().is_none_or(|d| e.ngay.is_empty() || e.ngay <= *d)
            && self.trang_thai.is_none_or(|s| s == e.trang_thai)
    }
}

/// A register's store. Every call is one transaction: a number is taken and recorded at once,
/// so that no two callers, in one process or many, ever get the same one.
pub trait Store {
    /// Takes the next number of `entry.day_so` (one past the highest ever given, voided ones
    /// too) and records `entry` with it; gives the number.
    fn take(&mut self, entry: &Entry) -> Result<u32, Diagnostic>;
    /// Replaces the entry of `entry.day_so` and `entry.so` with `entry`.
    fn update(&mut self, entry: &Entry) -> Result<(), Diagnostic>;
    /// The entries, in the order they were taken.
    fn entries(&mut self) -> Result<Vec<Entry>, Diagnostic>;
}

/// The default register's file, under the office root.
pub const DEFAULT_FILE: &str = ".vanban/so-dang-ky.sqlite";

/// Opens the register `spec` names: a `postgres://` (or `postgresql://`) address, or the path of
/// an SQLite file (made with its folder when missing).
pub fn open(spec: &str) -> Result<Box<dyn Store>, Diagnostic> {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        Ok(Box::new(postgres::Postgres::open(spec)?))
    } else {
        Ok(Box::new(sqlite::Sqlite::open(Path::new(spec))?))
    }
}

/// The schema, one step a version, for a store whose row key is of type `key`.
fn migrations(key: &str) -> [String; 1] {
    // A document has one live entry at most: two clerks issuing it at once get one number.
    [format!(
        "CREATE TABLE van_ban_di (
            id {key} PRIMARY KEY,
            day_so TEXT NOT NULL,
            so INTEGER NOT NULL,
            trang_thai TEXT NOT NULL,
            so_ky_hieu TEXT NOT NULL,
            ngay TEXT NOT NULL,
            ten_loai_trich_yeu TEXT NOT NULL,
            nguoi_ky TEXT NOT NULL,
            noi_nhan TEXT NOT NULL,
            ban_luu TEXT NOT NULL,
            so_ban INTEGER,
            ghi_chu TEXT NOT NULL,
            tep_nguon TEXT NOT NULL,
            sha256_nguon TEXT NOT NULL,
            sha256_pdf TEXT NOT NULL,
            UNIQUE (day_so, so)
        );
        CREATE UNIQUE INDEX mot_so_mot_van_ban ON van_ban_di (tep_nguon) WHERE trang_thai <> 'huy';"
    )]
}

/// The columns after `day_so` and `so`, in the table's order.
const COLUMNS: &str = "trang_thai, so_ky_hieu, ngay, ten_loai_trich_yeu, nguoi_ky, noi_nhan, ban_luu, so_ban, \
                       ghi_chu, tep_nguon, sha256_nguon, sha256_pdf";

/// The statements of a store whose parameters are written `mark` and a number (`?1`, `$1`):
/// insert an entry, replace an entry, and list them all; an entry's values go `day_so` and
/// `so` first, then [`COLUMNS`].
fn statements(mark: char) -> [String; 3] {
    let columns: Vec<&str> = COLUMNS.split(", ").collect();
    let values: Vec<String> = (1..=columns.len() + 2).map(|i| format!("{mark}{i}")).collect();
    let sets: Vec<String> = columns.iter().zip(&values[2..]).map(|(c, v)| format!("{c} = {v}")).collect();
    [
        format!("INSERT INTO van_ban_di (day_so, so, {COLUMNS}) VALUES ({})", values.join(", ")),
        format!("UPDATE van_ban_di SET {} WHERE day_so = {mark}1 AND so = {mark}2", sets.join(", ")),
        format!("SELECT day_so, so, {COLUMNS} FROM van_ban_di ORDER BY id"),
    ]
}

/// A store's failure, said in Vietnamese.
pub fn failed(what: &str, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error("register::store", format!("sổ đăng ký: không {what}: {e}"))
        .hint("kiểm tra đường dẫn hoặc địa chỉ của sổ (`--so-dang-ky`) và quyền ghi")
}
