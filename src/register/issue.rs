//! Issuing a document (`vanban cap-so`): its number taken from the register in the sequence its
//! ruleset prescribes, written into its source with the date, its PDF rendered, and its entry
//! completed with the digests of both. A number taken is never given again: a document that
//! cannot be issued after all leaves its number voided, with the reason.

use std::path::{Path, PathBuf};

use super::{Entry, State, Store, sequence};
use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::engine::{Engine, PdfSettings, source_sha256};
use crate::export::stage;
use crate::fingerprint::sha256;
use crate::input::{self, Loaded, profile};
use crate::model::date::Date;
use crate::model::document::Document;
use crate::rules::ruleset::Ruleset;

/// What was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The entry as recorded.
    pub entry: Entry,
    /// The PDF written, when issued (not when reserved).
    pub pdf: Option<PathBuf>,
}

/// Issues the document at `path`, dated `on`, its PDF written to `pdf`; with `reserve`, only
/// takes its number ahead (issued later, it gets that number).
pub fn issue(
    engine: &Engine,
    store: &mut dyn Store,
    path: &Path,
    on: Date,
    pdf: &Path,
    reserve: bool,
) -> Result<Issued, Diagnostics> {
    let mut loaded = input::load(path)?;
    let id = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()).display().to_string();
    let held = store.entries()?.into_iter().rfind(|e| e.tep_nguon == id && e.trang_thai != State::Huy);
    refuse_twice(&loaded, held.as_ref(), reserve)?;
    // The ruleset in force on the day of issue numbers it.
    loaded.document.ngay = on;
    let (rules, _) = crate::rules::select::select(&loaded.document, &loaded.source)?;
    let term = profile::term(&loaded.source)?;
    let day_so = sequence::of(&rules.cap_so, &loaded.document, on, term)?;
    let mut entry = match held {
        Some(reserved) if reserved.day_so == day_so => reserved,
        Some(reserved) => return Err(moved(&reserved, &day_so).into()),
        None => {
            let state = if reserve { State::GiuCho } else { State::DangCap };
            let entry = Entry { ngay: on.to_string(), ..Entry::new(&day_so, &id, state) };
            Entry { so: store.take(&entry)?, ..entry }
        }
    };
    loaded.document.so = Some(entry.so);
    describe(&mut entry, &loaded.document, rules);
    // From here the number is the document's: if it cannot be issued after all, it is voided.
    let done = engine.prepare(&loaded).and_then(|prepared| {
        entry.so_ky_hieu = prepared.so_ky_hieu();
        if reserve {
            return Ok(None);
        }
        written(engine, prepared, &loaded.source, entry.so, on, pdf).map(Some)
    });
    match done {
        Ok(None) => {
            store.update(&entry)?;
            Ok(Issued { entry, pdf: None })
        }
        Ok(Some((source, pdf_sha))) => {
            entry.trang_thai = State::DaCap;
            entry.sha256_nguon = source;
            entry.sha256_pdf = pdf_sha;
            store.update(&entry)?;
            Ok(Issued { entry, pdf: Some(pdf.to_owned()) })
        }
        Err(errors) => {
            entry.trang_thai = State::Huy;
            let why = errors.0.first().map_or("", |d| d.message.as_str());
            entry.ghi_chu = format!("không cấp được: {why}");
            store.update(&entry)?;
            Err(errors)
        }
    }
}

/// Refuses a document issued already (by the register, or with a number written by hand), and
/// a second reservation.
fn refuse_twice(loaded: &Loaded, held: Option<&Entry>, reserve: bool) -> Result<(), Diagnostic> {
    match held {
        Some(e) if e.trang_thai != State::GiuCho || reserve => {
            let what = if e.trang_thai == State::GiuCho {
                "đã được giữ số"
            } else {
                "đã được cấp số"
            };
            Err(Diagnostic::error("register::issued", format!("văn bản {what} {} ngày {}", e.so_ky_hieu, e.ngay))
                .hint(format!(
                    "mỗi văn bản chỉ được cấp một số; muốn cấp lại thì hủy số cũ: `vanban so-dang-ky huy {} --ly-do …`",
                    e.so_ky_hieu
                )))
        }
        None if loaded.document.so.is_some() => {
            let n = loaded.document.so.unwrap_or_default();
            Err(Diagnostic::error(
                "register::numbered",
                format!("văn bản đã có số {n}, không do sổ đăng ký cấp"),
            )
            .at(loaded.document.locate(&loaded.source, "so", &n.to_string()))
            .hint("bỏ giá trị của `so` để sổ đăng ký cấp số, hoặc in bằng `vanban render --issue`"))
        }
        _ => Ok(()),
    }
}

/// The error for a reservation made in another sequence than the document's now.
fn moved(reserved: &Entry, now: &str) -> Diagnostic {
    Diagnostic::error(
        "register::moved",
        format!(
            "số {} đã giữ cho văn bản này thuộc dãy số khác ({}), không phải {now}",
            reserved.so_ky_hieu, reserved.day_so
        ),
    )
    .hint(format!("hủy số đã giữ: `vanban so-dang-ky huy {} --ly-do …`, rồi cấp số lại", reserved.so_ky_hieu))
}

/// The register's columns of `doc` as issued under `rules`.
fn describe(entry: &mut Entry, doc: &Document, rules: &Ruleset) {
    let kind = rules.loai.get(&doc.loai).map_or_else(|| doc.loai.clone(), |k| k.ten.clone());
    entry.ngay = doc.ngay.to_string();
    entry.ten_loai_trich_yeu = format!("{kind} {}", doc.trich_yeu).trim().to_owned();
    entry.nguoi_ky = doc.ky.ho_ten.clone();
    entry.noi_nhan = doc.noi_nhan.join("\n");
    entry.ban_luu = doc
        .noi_nhan
        .iter()
        .filter(|l| l.trim_start().starts_with("Lưu"))
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    entry.so_ban =
        doc.nguoi_soan.as_deref().and_then(|s| s.rsplit_once('-')).and_then(|(_, n)| n.trim().parse().ok());
}

/// Renders the issued PDF and writes it and the source with the number and date, both or
/// neither; gives the digests of the source (with its profiles) and of the PDF.
fn written(
    engine: &Engine,
    prepared: crate::engine::Prepared,
    source: &SourceFile,
    so: u32,
    on: Date,
    pdf: &Path,
) -> Result<(String, String), Diagnostics> {
    let rendered = engine.render_prepared(prepared, PdfSettings::default())?;
    let text = super::text::issued(source, so, on).ok_or_else(|| {
        Diagnostic::error("register::source", format!("không ghi được số vào {}", source.path.display()))
    })?;
    let mut issued = SourceFile::new(&source.path, text);
    source.others().for_each(|(_, f)| _ = issued.place(f.clone()));
    let staged = [stage(pdf, &rendered.pdf)?, stage(&source.path, issued.text.as_bytes())?];
    for s in staged {
        s.commit()?;
    }
    Ok((source_sha256(&issued), sha256(&rendered.pdf)))
}
