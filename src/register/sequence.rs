//! Which sequence a document's number belongs to, as its ruleset's `cap_so` says: the Party
//! numbers each type from 01 in each term of the cấp ủy; the State numbers an organ's documents
//! from 01 each calendar year, secret ones apart.

use crate::diag::Diagnostic;
use crate::model::date::Date;
use crate::model::document::Document;
use crate::rules::ruleset::{IssueRule, SequencePart};

/// The name of the sequence `doc`, dated `on`, is numbered in: its parts joined, readable in a
/// listing (`ĐẢNG ỦY … · bao-cao · nhiệm kỳ từ 2025-10-01`). `term` is the start of the cấp ủy's
/// term in force, from the office profile.
pub fn of(rule: &IssueRule, doc: &Document, on: Date, term: Option<Date>) -> Result<String, Diagnostic> {
    let mut parts = vec![];
    for part in &rule.theo {
        parts.push(match part {
            SequencePart::CoQuan => doc.co_quan.ten.clone(),
            SequencePart::Loai => doc.loai.clone(),
            SequencePart::Nam => format!("năm {}", on.year()),
            SequencePart::NhiemKy => match term {
                Some(from) if from <= on => format!("nhiệm kỳ từ {from}"),
                Some(from) => {
                    return Err(Diagnostic::error(
                        "register::before_term",
                        format!("văn bản ngày {on} có trước nhiệm kỳ bắt đầu ngày {from}"),
                    )
                    .clause(rule.nguon.clone())
                    .hint("sửa `nhiem_ky.tu` trong hồ sơ cơ quan, hoặc ngày cấp số `--ngay`"));
                }
                None => {
                    return Err(Diagnostic::error(
                        "register::no_term",
                        "số văn bản của Đảng đánh theo nhiệm kỳ cấp ủy, mà hồ sơ cơ quan chưa ghi nhiệm kỳ",
                    )
                    .clause(rule.nguon.clone())
                    .hint("thêm `nhiem_ky: {tu: 2025-10-01}` (ngày bế mạc đại hội) vào `_vanban.yaml`"));
                }
            },
        });
    }
    if rule.mat_rieng && doc.do_mat.is_some() {
        parts.push("mật".to_owned());
    }
    Ok(parts.join(" · "))
}
