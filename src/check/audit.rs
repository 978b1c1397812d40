//! The self-audit: the laid-out pages read back ([`crate::inspect`]) and held to the same
//! ruleset data as the layout: margins, zone styles, lines that must not wrap, the closing band,
//! headings stranded at the foot of a page, an empty last page.

use crate::diag::Diagnostic;
use crate::inspect::{Layout, Rule, TextRun};
use crate::rules::derive::View;
use crate::rules::ruleset::{Ruleset, Zone};

/// How far under the baseline an underline sits at most, in ems of its text (fonts put it at
/// 0.1–0.15 em).
const UNDERLINE_EM: f64 = 0.15;

/// How far down page 1 the header reaches at most, mm.
const HEADER_MM: f64 = 90.0;

/// Millimetres in a point.
const MM_PER_PT: f64 = 25.4 / 72.0;

/// The lines page 1 sets `name` on (runs at `size` pt whose words are its words, near the
/// top), with their widths, mm.
fn name_lines(layout: &Layout, name: &str, size: f64) -> Vec<(String, f64)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let runs = layout.text.iter().filter(|r| {
        r.page == 1
            && (r.size - size).abs() < 0.1
            && r.y < HEADER_MM
            && r.text.split_whitespace().all(|w| words.contains(&w))
    });
    let lines = grouped(runs);
    // The name's own lines: consecutive, their words in order making the name.
    let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let span = (0..lines.len())
        .find_map(|i| (i + 1..=lines.len()).find(|&j| joined[i..j].join(" ") == name).map(|j| i..j));
    span.map_or(vec![], |s| lines[s].iter().map(|l| (l.text.clone(), l.to - l.from)).collect())
}

/// A line of runs sharing a baseline: its baseline, text, left and right ends, mm.
struct Line {
    y: f64,
    text: String,
    from: f64,
    to: f64,
}

/// `runs` gathered into lines by baseline, top to bottom.
fn grouped<'a>(runs: impl Iterator<Item = &'a TextRun>) -> Vec<Line> {
    let mut lines: Vec<Line> = vec![];
    for r in runs {
        match lines.iter_mut().find(|l| (l.y - r.y).abs() < 0.5) {
            Some(l) => {
                l.text.push(' ');
                l.text.push_str(r.text.trim());
                (l.from, l.to) = (l.from.min(r.x), l.to.max(r.x + r.width));
            }
            None => lines.push(Line { y: r.y, text: r.text.trim().to_owned(), from: r.x, to: r.x + r.width }),
        }
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines
}

/// A run of `unbroken` that a line break cuts between `above` and `below` (`15-CTr/` ‖ `ĐU`,
/// `Điều` ‖ `3`), as it reads joined again.
fn broken_run(unbroken: &regex::Regex, above: &str, below: &str) -> Option<String> {
    let (above, below) = (above.trim_end(), below.trim_start());
    // A break after a `-` or `/` took no space; any other took one.
    let gap = if above.ends_with(['-', '/']) || below.starts_with(['-', '/']) { "" } else { " " };
    let joined = format!("{above}{gap}{below}");
    let cut = above.len();
    unbroken
        .find_iter(&joined)
        .find(|m| m.start() < cut && m.end() > cut + gap.len())
        .map(|m| m.as_str().to_owned())
}

/// Findings about the pages of a document laid out from `view` under `rules`.
pub fn audit(layout: &Layout, view: &View<'_>, rules: &Ruleset) -> Vec<Diagnostic> {
    let page = &rules.trang;
    let (left, right, top, bottom) = (page.le_trai, page.le_phai, page.le_tren, page.le_duoi);
    let headings: Vec<String> = heading_texts(view).iter().map(|h| h.to_uppercase()).collect();
    let mut out = vec![];
    out.extend(margin(layout, rules));
    out.extend(unwrapped_lines(layout, view, rules));
    out.extend(closing_band(layout, view, rules, top));
    out.extend(title_overflow(layout, view, rules));
    out.extend(header_breaks(layout, view, rules));
    out.extend(rule_on_text(layout, rules));
    out.extend(short_line(layout, rules, left, right));
    out.extend(broken_runs(layout, rules));
    out.extend(moved_footnotes(layout, rules, top));
    out.extend(short_page(layout, view, rules, &headings, (top, bottom, left)));
    out.extend(recipient_wrap(layout, rules, left, right));
    out.extend(appendix_line(layout, view, rules));
    out.extend(header_gaps(layout, view, rules));
    out.extend(copy_fields(layout, view));
    out.extend(frame_colours(layout));
    out.extend(table_width(layout, rules, left, right));
    out.extend(heading_at_foot(layout, &headings, top));
    out.extend(empty_page(layout, top));
    out
}

/// Text outside the text area (the page number and circulation notice live in the top margin
/// by design): the first such run.
fn margin(layout: &Layout, rules: &Ruleset) -> Option<Diagnostic> {
    let page = &rules.trang;
    let (left, right, top, bottom) = (page.le_trai, page.le_phai, page.le_tren, page.le_duoi);
    let r = layout.text.iter().find(|r| {
        let (w, h) = layout.pages[r.page - 1];
        r.x < left - 0.01 || r.x + r.width > w - right + 0.05 || (r.y > top && r.y > h - bottom + 0.01)
    })?;
    Some(
        Diagnostic::error("audit::margin", format!("trang {}: chữ `{}` nằm ngoài lề", r.page, clip(&r.text)))
            .clause(page.nguon.clone()),
    )
}

/// Lines that must not wrap, each found on page 1 on one line at the size and style of its
/// zone: the place and date, the header's right lines, the document's kind.
fn unwrapped_lines(layout: &Layout, view: &View<'_>, rules: &Ruleset) -> Vec<Diagnostic> {
    let zone = |name: &str| rules.zone(name);
    let mut single = vec![];
    let mut lines_found = vec![];
    match &view.ngay_o {
        None => single.push(("dia_danh_ngay", view.dia_danh_ngay.clone())),
        // Before issue the date line has blanks: its pieces must share one line.
        Some(pieces) => {
            let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let whole = squeeze(&pieces.join(" "));
            let run = layout.text.iter().find(|r| r.page == 1 && r.text.trim() == pieces[0].trim());
            let lines = layout.lines(1);
            let run = run
                .filter(|r| lines.iter().any(|(y, t)| (y - r.y).abs() < 0.5 && squeeze(t).contains(&whole)));
            lines_found.push(("dia_danh_ngay", whole, run));
        }
    }
    for l in &rules.dau_trang.phai {
        single.push((l.vung.as_str(), upper_if(zone(&l.vung), &l.chu)));
    }
    if let Some(t) = view.ten_loai {
        single.push(("ten_loai", upper_if(zone("ten_loai"), t)));
    }
    for (name, text) in single {
        let run = layout.text.iter().find(|r| r.page == 1 && r.text.trim() == text);
        lines_found.push((name, text, run));
    }
    let mut out = vec![];
    for (name, text, run) in lines_found {
        let z = zone(name);
        match run {
            None => out.push(
                Diagnostic::error(
                    "audit::wrapped",
                    format!("dòng `{text}` bị xuống dòng hoặc không có trên trang 1"),
                )
                .clause(z.nguon.clone())
                .hint("rút ngắn nội dung, hoặc xem lại bố cục đang dùng"),
            ),
            Some(r) if !styled_as(r, z) => out.push(
                Diagnostic::error("audit::zone_style", format!("dòng `{text}` sai cỡ chữ hoặc kiểu chữ"))
                    .clause(z.nguon.clone())
                    .hint(format!("bộ quy tắc: cỡ {}, {}", z.size, style_words(z))),
            ),
            Some(_) => {}
        }
    }
    out
}

/// The closing band split over two pages, or alone on its page with no body text above it.
fn closing_band(layout: &Layout, view: &View<'_>, rules: &Ruleset, top: f64) -> Vec<Diagnostic> {
    let mut out = vec![];
    let label = rules.noi_nhan.nhan.as_str();
    let band = layout.text.iter().rev().find(|r| r.text.trim() == label);
    let name = layout.text.iter().rev().find(|r| r.text.trim() == view.ky.ho_ten);
    let (Some(band), Some(name)) = (band, name) else { return out };
    let clause_band = rules.ky_nhan.nguon.clone();
    if band.page != name.page {
        out.push(
            Diagnostic::error(
                "audit::band_split",
                format!("khối nơi nhận và chữ ký bị tách: trang {} và {}", band.page, name.page),
            )
            .clause(clause_band.clone()),
        );
    }
    let body_size = rules.zone("noi_dung").size;
    let above =
        layout.text.iter().any(|r| r.page == band.page && r.y < band.y && r.y > top && r.size == body_size);
    if !above {
        out.push(
            Diagnostic::error(
                "audit::band_alone",
                format!("trang {} chỉ có khối nơi nhận và chữ ký", band.page),
            )
            .clause(clause_band),
        );
    }
    out
}

/// The title block running past page 1: what follows it must start there, the body or the
/// first ground of a document that has them (many grounds may carry the body over, as real
/// decisions do).
fn title_overflow(layout: &Layout, view: &View<'_>, rules: &Ruleset) -> Option<Diagnostic> {
    let text = match view.can_cu.first() {
        Some(ground) => ground.clone(),
        None => {
            let mut text = String::new();
            view.noi_dung.first()?.plain_text(&mut text);
            text
        }
    };
    // Its first words, within its first line (a table's first row); headings may be printed
    // in capitals.
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let probe = line.split_whitespace().take(3).collect::<Vec<_>>().join(" ").to_uppercase();
    let on_page_one = layout.lines(1).iter().any(|(_, l)| words(l).to_uppercase().contains(&probe));
    (!probe.is_empty() && !on_page_one).then(|| {
        Diagnostic::error(
            "audit::title_overflow",
            "phần đầu văn bản dài quá trang 1: nội dung không bắt đầu ở trang 1",
        )
        .clause(rules.zone("trich_yeu").nguon.clone())
        .hint("rút gọn trích yếu (hoặc Kính gửi, căn cứ) để nội dung bắt đầu ngay trang đầu")
    })
}

/// A name of the header on two or more lines: none of one word, none much shorter than the
/// longest (`ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG ‖ THÀNH PHỐ`).
fn header_breaks(layout: &Layout, view: &View<'_>, rules: &Ruleset) -> Vec<Diagnostic> {
    let d = &rules.dau_trang;
    let least = d.ti_le_dong_toi_thieu;
    let mut out = vec![];
    for (name, z) in [(view.co_quan.cap_tren, "co_quan_cap_tren"), (Some(view.co_quan.ten), "co_quan")] {
        // The author's own line breaks count as spaces; the lines are read from the pages.
        let Some(name) = name.map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")) else { continue };
        let size = rules.zone(z).size;
        let lines = name_lines(layout, &name.to_uppercase(), size);
        let widest = lines.iter().map(|(_, w)| *w).fold(0.0, f64::max);
        let bad = lines.len() > 1
            && lines.iter().any(|(l, w)| l.split_whitespace().count() == 1 || *w < least * widest);
        if bad {
            let shown: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
            out.push(
                Diagnostic::warning(
                    "audit::header_break",
                    format!("tên `{name}` ngắt dòng không cân: {}", shown.join(" ‖ ")),
                )
                .clause(d.nguon.clone())
                .hint("ngắt thành hai dòng cân nhau, không để một từ hay nửa địa danh một dòng; hoặc tự ngắt dòng trong giá trị"),
            );
        }
    }
    out
}

/// The first rule under a line that sits within its descenders, where it reads as an underline
/// of the words above it; an underline, at the font's underline position, is not such a rule.
fn rule_on_text(layout: &Layout, rules: &Ruleset) -> Option<Diagnostic> {
    let ke = &rules.ke;
    let clear = ke.cach_duoi_chu_mm;
    let mut by_page: Vec<Vec<&TextRun>> = vec![vec![]; layout.pages.len() + 1];
    layout.text.iter().for_each(|t| by_page[t.page].push(t));
    layout.rules.iter().find_map(|r| {
        let over = |t: &&&TextRun| {
            t.y < r.y && r.y - t.y < 2.0 * clear && t.x < r.x + r.length && t.x + t.width > r.x
        };
        let text = by_page[r.page].iter().filter(over).max_by(|a, b| a.y.total_cmp(&b.y)).copied();
        let underline = |t: &TextRun| r.y - t.y <= UNDERLINE_EM * t.size * MM_PER_PT;
        let t = text.filter(|t| !underline(t) && r.y - t.y < clear - 0.05)?;
        Some(
            Diagnostic::error(
                "audit::rule_on_text",
                format!(
                    "trang {}: đường kẻ dưới `{}` cách chân chữ {:.1} mm, đọc như gạch chân",
                    r.page,
                    clip(&t.text),
                    r.y - t.y
                ),
            )
            .clause(ke.nguon.clone())
            .hint(format!("đặt đường kẻ cách chân dòng chữ trên ít nhất {clear} mm (ke.cach_duoi_chu_mm)")),
        )
    })
}

/// The first justified body line short of the right margin: a line another line of its
/// paragraph follows (one body line lower, at the left margin, not indented) ends there.
fn short_line(layout: &Layout, rules: &Ruleset, left: f64, right: f64) -> Option<Diagnostic> {
    let doan = &rules.doan;
    if !doan.can_deu {
        return None;
    }
    let step = doan.dan_dong_pt * MM_PER_PT;
    let body_size = rules.zone("noi_dung").size;
    (1..=layout.pages.len()).find_map(|page| {
        let lines =
            grouped(layout.text.iter().filter(|r| r.page == page && (r.size - body_size).abs() < 0.1));
        let right_edge = layout.pages[page - 1].0 - right;
        let short = lines.windows(2).find(|w| {
            let (a, b) = (&w[0], &w[1]);
            let goes_on = (b.y - a.y - step).abs() < 0.2 && (b.from - left).abs() < 0.2;
            goes_on && a.to < right_edge - 0.3
        })?;
        Some(
            Diagnostic::error(
                "audit::short_line",
                format!("trang {page}: dòng canh đều dừng cách lề phải {:.1} mm", right_edge - short[0].to),
            )
            .clause(doan.nguon.clone())
            .hint("cho đoạn văn chiếm đủ bề rộng vùng chữ"),
        )
    })
}

/// Line breaks inside a run the ruleset keeps whole (a số–ký hiệu, a date, `Điều 3`): the first
/// of each page.
fn broken_runs(layout: &Layout, rules: &Ruleset) -> Vec<Diagnostic> {
    let unbroken = rules.doan.unbroken();
    let broken = |page| {
        let lines = layout.lines(page);
        let run = lines.windows(2).find_map(|w| broken_run(&unbroken, &w[0].1, &w[1].1))?;
        Some(
            Diagnostic::error("audit::broken_run", format!("trang {page}: `{run}` bị ngắt xuống dòng"))
                .clause(rules.doan.khong_ngat_nguon.as_str())
                .hint("giữ số, ký hiệu, ngày tháng và `Điều n` trên một dòng (doan.khong_ngat)"),
        )
    };
    (1..=layout.pages.len()).filter_map(broken).collect()
}

/// Footnotes that do not start on the page of their marker.
fn moved_footnotes(layout: &Layout, rules: &Ruleset, top: f64) -> Vec<Diagnostic> {
    let moved = footnote_pages(layout, rules, top)
        .into_iter()
        .filter(|(_, marked, entered)| *entered != Some(*marked));
    moved
        .map(|(n, marked, entered)| {
            let at = entered.map_or("không có".to_owned(), |p| format!("ở trang {p}"));
            Diagnostic::error(
                "audit::footnote_moved",
                format!("chú thích {n}: dấu chú thích ở trang {marked}, lời chú thích {at}"),
            )
            .clause(rules.chu_thich.nguon.clone())
            .hint("đưa chú thích ra khỏi bảng, hoặc chuyển câu có chú thích sang đoạn khác")
        })
        .collect()
}

/// Headings that are the last line of a page but the last (`headings` upper case).
fn heading_at_foot(layout: &Layout, headings: &[String], top: f64) -> Vec<Diagnostic> {
    let mut out = vec![];
    for (page, lines) in (1..=layout.pages.len()).map(|p| (p, layout.lines(p))) {
        let body: Vec<&(f64, String)> = lines.iter().filter(|(y, _)| *y > top).collect();
        if let Some((_, last)) = body.last()
            && page < layout.pages.len()
            && headings.contains(&last.trim().to_uppercase())
        {
            out.push(Diagnostic::warning(
                "audit::heading_at_foot",
                format!("đề mục `{}` nằm cuối trang {page}", clip(last)),
            ));
        }
    }
    out
}

/// An empty last page.
fn empty_page(layout: &Layout, top: f64) -> Option<Diagnostic> {
    let last = layout.pages.len();
    (last > 1 && !layout.text.iter().any(|r| r.page == last && r.y > top))
        .then(|| Diagnostic::error("audit::empty_page", format!("trang cuối ({last}) để trống")))
}

/// The first page whose body text ends more than `kiem_tra.trang_ngan_dong` body lines above
/// the foot (the footnotes' separator, else the bottom margin) when the next page's first lines
/// would have fit there: its first paragraph's first two lines, with the headings above them.
/// The last page, a page before an appendix (which starts its own) and a page before one that
/// holds only the last paragraph kept with the closing band are not short. `headings` are the
/// body's heading texts, upper case.
fn short_page(
    layout: &Layout,
    view: &View<'_>,
    rules: &Ruleset,
    headings: &[String],
    (top, bottom, left): (f64, f64, f64),
) -> Option<Diagnostic> {
    let (check, doan) = (&rules.kiem_tra, &rules.doan);
    let step = doan.dan_dong_pt * MM_PER_PT;
    let indent = doan.thut_dau_dong;
    let spacing = doan.cach_doan_pt * MM_PER_PT;
    let most = check.trang_ngan_dong * step;
    let body = rules.zone("noi_dung").size;
    let separator = rules.chu_thich.vach_dai;
    let band = rules.noi_nhan.nhan.as_str();
    let heading = |l: &Line| headings.contains(&l.text.to_uppercase());
    // Each page's foot and its body lines above it.
    let pages: Vec<(f64, Vec<Line>)> = (1..=layout.pages.len())
        .map(|page| {
            let foot = foot_rule(layout, page, separator).unwrap_or(layout.pages[page - 1].1 - bottom);
            let runs = layout.text.iter().filter(|r| r.page == page && r.y > top && r.y < foot);
            (foot, grouped(runs.filter(|r| (r.size - body).abs() < 0.1 || r.text.trim() == band)))
        })
        .collect();
    for (i, w) in pages.windows(2).enumerate() {
        let ((foot, lines), (_, next)) = (&w[0], &w[1]);
        let (Some(last), Some(first)) = (lines.last(), next.first()) else { continue };
        let gap = foot - last.y;
        let appendix = view.phu_luc.iter().any(|a| next.iter().any(|l| a.chi_dan.starts_with(&l.text)));
        // What follows must be body text (at the margin or the indent), not a signature, and
        // first on its page: a table or an image above it may be what did not fit.
        let body_text = first.from < left + indent + 0.5;
        let next_page = i + 2;
        let above = layout.text.iter().any(|r| r.page == next_page && r.y > top && r.y < first.y - 0.5)
            || layout.images.iter().any(|m| m.page == next_page && m.y < first.y)
            || layout.rules.iter().any(|x| x.page == next_page && x.y > top && x.y < first.y);
        if gap <= most || appendix || !body_text || above {
            continue;
        }
        // The closing band kept with the one paragraph above it.
        let at_band = next.iter().position(|l| l.text.starts_with(band));
        let starts =
            |ls: &[Line]| ls.iter().filter(|l| !heading(l) && (l.from - left - indent).abs() < 0.5).count();
        if at_band.is_some_and(|b| starts(&next[..b]) <= 1) {
            continue;
        }
        let text = next.iter().position(|l| !heading(l)).unwrap_or(0);
        let until = next.get(text + 1).unwrap_or(&next[text]).y;
        // A footnote marked in those lines takes its entry along: the next page's notes.
        let marked = layout.text.iter().any(|r| {
            r.page == next_page
                && r.y > first.y - step
                && r.y <= until + 0.5
                && r.size <= body * rules.chu_thich.so_toi_da
                && r.text.trim().chars().all(|c| c.is_ascii_digit())
        });
        let notes = foot_rule(layout, next_page, separator)
            .filter(|_| marked)
            .map_or(0.0, |y| layout.pages[i + 1].1 - bottom - y);
        // Their lines, the spacing above them and a line to spare (descenders, rounding).
        let need = until - first.y + 2.0 * step + spacing + notes;
        if need < gap {
            let page = i + 1;
            return Some(
                Diagnostic::warning(
                    "audit::short_page",
                    format!("trang {page}: chữ dừng cách chân trang {gap:.0} mm, trong khi phần đầu trang {} vừa chỗ đó", page + 1),
                )
                .clause(check.trang_ngan_nguon.clone())
                .hint("giữ chỉ đoạn cuối (không cả danh sách, cả mục) đi cùng khối nơi nhận và chữ ký"),
            );
        }
    }
    None
}

/// A recipient wrapped badly: a line of one word (`cáo);`), or a wrapped line that does not hang
/// under the text after the dash. Recipients are the lines under each `Nơi nhận:` label, at the
/// list's size, in the band's left column.
fn recipient_wrap(layout: &Layout, rules: &Ruleset, left: f64, right: f64) -> Option<Diagnostic> {
    let r = &rules.noi_nhan;
    let (label, dash) = (r.nhan.as_str(), r.dong.dau_dong.trim());
    let size = rules.zone("noi_nhan").size;
    let share = rules.ky_nhan.cot_trai;
    for at in layout.text.iter().filter(|t| t.text.trim() == label) {
        let width = layout.pages[at.page - 1].0 - left - right;
        let runs = layout.text.iter().filter(|t| {
            t.page == at.page && t.y > at.y + 0.5 && t.x < left + share * width && (t.size - size).abs() < 0.1
        });
        let lines = grouped(runs);
        // The list ends where its lines stop following one another.
        let step = lines.windows(2).map(|w| w[1].y - w[0].y).fold(f64::INFINITY, f64::min);
        let end = lines.windows(2).position(|w| w[1].y - w[0].y > step * 1.5).map_or(lines.len(), |i| i + 1);
        for l in lines[..end].iter().filter(|l| !l.text.starts_with(dash)) {
            let hangs = l.from > left + 0.5;
            if l.text.split_whitespace().count() < 2 || !hangs {
                return Some(
                    Diagnostic::warning(
                        "audit::recipient_wrap",
                        format!("trang {}: nơi nhận xuống dòng thành dòng `{}`", at.page, clip(&l.text)),
                    )
                    .clause(r.nguon.clone())
                    .hint("dòng tiếp của một nơi nhận thụt vào thẳng chữ sau gạch đầu dòng, không để một chữ một dòng"),
                );
            }
        }
    }
    None
}

/// An appendix's line tying it to the document, as printed on the appendix's first page: a name
/// in capitals inside it (two words or more of capitals, codes aside), or no rule under it where
/// the ruleset draws one (`phu_luc.duoi_chi_dan`).
fn appendix_line(layout: &Layout, view: &View<'_>, rules: &Ruleset) -> Option<Diagnostic> {
    let r = &rules.phu_luc;
    let ruled = r.duoi_chi_dan.is_some();
    let capitals =
        |w: &&str| w.chars().count() > 1 && w.chars().all(|c| c.is_alphabetic() && !c.is_lowercase());
    for a in &view.phu_luc {
        let opening: String = a.chi_dan.chars().take(10).collect();
        let Some(start) = layout.text.iter().find(|t| t.text.starts_with(&opening)) else { continue };
        let tie: Vec<&TextRun> =
            layout.text.iter().filter(|t| t.page == start.page && t.italic && t.y >= start.y - 0.5).collect();
        let text: String = tie.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
        let words: Vec<&str> =
            text.split(|c: char| c.is_whitespace() || "(),.".contains(c)).filter(|w| !w.is_empty()).collect();
        let shouted = words.windows(2).find(|w| w.iter().all(capitals));
        let bottom = tie.iter().map(|t| t.y).fold(start.y, f64::max);
        let under = layout.rules.iter().any(|x| x.page == start.page && x.y > bottom && x.y < bottom + 4.0);
        let problem = match (shouted, ruled && !under) {
            (Some(w), _) => format!("tên `{} {}…` in hoa giữa dòng chỉ dẫn nghiêng", w[0], w[1]),
            (None, true) => "thiếu đường kẻ dưới dòng chỉ dẫn".to_owned(),
            (None, false) => continue,
        };
        return Some(
            Diagnostic::warning(
                "audit::appendix_line",
                format!("{}, trang {}: {problem}", a.nhan, start.page),
            )
            .clause(r.nguon.clone())
            .hint("dòng chỉ dẫn viết thường (co_quan.ten_thuong), có đường kẻ ngắn bên dưới theo bộ quy tắc"),
        );
    }
    None
}

/// Header gaps below the ruleset's least (`dau_trang.so_duoi_co_quan_mm`, `kinh_gui_duoi_v_v_mm`,
/// where it sets them): the number's baseline under the last line above it in its column, and a
/// công văn's Kính gửi under its V/v, both on page 1.
fn header_gaps(layout: &Layout, view: &View<'_>, rules: &Ruleset) -> Option<Diagnostic> {
    let d = &rules.dau_trang;
    let page1 = || layout.text.iter().filter(|t| t.page == 1 && !t.text.trim().is_empty());
    // The gap from the lowest line above `r` whose runs overlap its left part.
    let above = |r: &TextRun| {
        let prev = page1().filter(|t| t.y < r.y - 0.5 && t.x < r.x + r.width && t.x + t.width > r.x);
        prev.map(|t| r.y - t.y).reduce(f64::min)
    };
    let so = page1()
        .find(|t| !view.so_ky_hieu.truoc.is_empty() && t.text.starts_with(view.so_ky_hieu.truoc.trim()));
    let addressed = view.kinh_gui.as_ref().filter(|_| !view.trich_yeu_duoi_so.is_empty());
    let label = addressed.and_then(|k| page1().find(|t| t.text.trim() == k.nhan));
    let gaps = [
        (so, d.so_duoi_co_quan_mm, "so_duoi_co_quan_mm", "số và ký hiệu"),
        (label, d.kinh_gui_duoi_v_v_mm, "kinh_gui_duoi_v_v_mm", "Kính gửi"),
    ];
    for (run, least, key, what) in gaps {
        let (Some(run), Some(least)) = (run, least) else { continue };
        if let Some(gap) = above(run).filter(|g| *g < least - 0.05) {
            return Some(
                Diagnostic::warning(
                    "audit::header_gap",
                    format!("trang 1: {what} cách dòng trên {gap:.1} mm, ít hơn {least} mm"),
                )
                .clause(d.nguon.clone())
                .hint(format!("giãn phần đầu văn bản (dau_trang.{key})")),
            );
        }
    }
    None
}

/// A copy's number and date each printed on one line, its issuer on one or on lines of two words
/// at least (a stamp's field broke `VĂN PHÒNG ĐẢNG ‖ ỦY`).
fn copy_fields(layout: &Layout, view: &View<'_>) -> Option<Diagnostic> {
    let c = view.ban_sao.as_ref()?;
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let pages =
        (1..=layout.pages.len()).map(|p| layout.lines(p).into_iter().map(|(_, l)| squeeze(&l)).collect());
    let pages: Vec<Vec<String>> = pages.collect();
    // Whether `v` stands whole on a line or, when `words` may go, on two lines (of other columns
    // too) with that many of its words each.
    let whole = |v: &str, words: usize| {
        let all: Vec<&str> = v.split_whitespace().collect();
        pages.iter().any(|lines| {
            lines.iter().any(|l| l.contains(v))
                || words > 0
                    && lines.windows(2).any(|w| {
                        (words..=all.len().saturating_sub(words)).any(|k| {
                            let (a, b) = all.split_at(k);
                            w[0].contains(&a.join(" ")) && w[1].contains(&b.join(" "))
                        })
                    })
        })
    };
    let fields = [(squeeze(c.co_quan), 2), (squeeze(&c.so_ky_hieu), 0), (squeeze(&c.dia_danh_ngay), 0)];
    let (broken, _) = fields.into_iter().find(|(v, words)| !whole(v, *words))?;
    Some(
        Diagnostic::warning("audit::copy_field", format!("bản sao: `{}` bị ngắt xuống dòng", clip(&broken)))
            .hint("giữ số và ngày sao trên một dòng, tên cơ quan sao trên một dòng hoặc các dòng từ hai chữ"),
    )
}

/// A table narrower than the text where the ruleset spans it (`vung.bang.ca_dong`): a table's
/// borders are the horizontal rules, three or more, of one start and length on a page.
fn table_width(layout: &Layout, rules: &Ruleset, left: f64, right: f64) -> Option<Diagnostic> {
    let spans = rules.zone("bang").ca_dong;
    let rows = |r: &Rule| {
        let same =
            |x: &&Rule| x.page == r.page && (x.x - r.x).abs() < 0.05 && (x.length - r.length).abs() < 0.05;
        layout.rules.iter().filter(same).count()
    };
    let narrow = layout.rules.iter().filter(|r| rows(r) >= 3).find(|r| {
        let width = layout.pages[r.page - 1].0 - left - right;
        (r.x - left).abs() > 0.5 || (r.length - width).abs() > 0.5
    });
    let r = narrow.filter(|_| spans)?;
    Some(
        Diagnostic::warning(
            "audit::table_width",
            format!("trang {}: bảng rộng {:.0} mm, không hết bề rộng vùng chữ", r.page, r.length),
        )
        .hint("cho bảng trải hết bề rộng vùng chữ, như bảng của Word"),
    )
}

/// A frame drawn in another colour than the words inside it (a MẬT stamp red in black).
fn frame_colours(layout: &Layout) -> Option<Diagnostic> {
    layout.frames.iter().find_map(|f| {
        let inside = |r: &&TextRun| {
            r.page == f.page
                && !r.text.trim().is_empty()
                && f.x <= r.x
                && r.x + r.width <= f.x + f.width
                && f.y <= r.y
                && r.y <= f.y + f.height
        };
        let run = layout.text.iter().filter(inside).find(|r| Some(&r.colour) != f.colour.as_ref())?;
        Some(
            Diagnostic::warning(
                "audit::frame_colour",
                format!("trang {}: khung quanh `{}` khác màu chữ", f.page, clip(&run.text)),
            )
            .hint("khung và chữ của một dấu in cùng một màu mực"),
        )
    })
}

/// Where the footnotes' separator (a rule of the ruleset's length) stands on `page`, mm.
fn foot_rule(layout: &Layout, page: usize, length: f64) -> Option<f64> {
    let rules = layout.rules.iter().filter(|r| r.page == page && (r.length - length).abs() < 0.1);
    rules.map(|r| r.y).reduce(f64::max)
}

/// Each footnote's number, the page of its marker and the page its entry starts on. Markers and
/// entry numbers are the small figures (at most 3/4 of the body size); entries stand below the
/// page's footnote separator, the lowest rule of the ruleset's separator length.
fn footnote_pages(layout: &Layout, rules: &Ruleset, top: f64) -> Vec<(String, usize, Option<usize>)> {
    let body = rules.zone("noi_dung").size;
    let separator = rules.chu_thich.vach_dai;
    let mut markers: Vec<(String, usize)> = vec![];
    let mut entries: Vec<(String, usize)> = vec![];
    for page in 1..=layout.pages.len() {
        let foot = foot_rule(layout, page, separator);
        let figures = layout.text.iter().filter(|r| {
            r.page == page
                && r.y > top
                && r.size <= body * rules.chu_thich.so_toi_da
                && !r.text.is_empty()
                && r.text.chars().all(|c| c.is_ascii_digit())
        });
        for r in figures {
            let list = if foot.is_some_and(|y| r.y > y) { &mut entries } else { &mut markers };
            if !list.iter().any(|(n, _)| *n == r.text) {
                list.push((r.text.clone(), page));
            }
        }
    }
    markers
        .into_iter()
        .map(|(n, page)| {
            let entry = entries.iter().find(|(m, _)| *m == n).map(|(_, p)| *p);
            (n, page, entry)
        })
        .collect()
}

/// A zone's text as printed: in capitals when the zone says so.
fn upper_if(zone: &Zone, text: &str) -> String {
    if zone.in_hoa { text.to_uppercase() } else { text.to_owned() }
}

/// Whether a run has its zone's size, weight and style.
fn styled_as(r: &TextRun, zone: &Zone) -> bool {
    (r.size - zone.size).abs() < 0.01 && r.bold == zone.dam && r.italic == zone.nghieng
}

/// A zone's style in words.
fn style_words(zone: &Zone) -> &'static str {
    match (zone.dam, zone.nghieng) {
        (true, true) => "đậm, nghiêng",
        (true, false) => "đậm",
        (false, true) => "nghiêng",
        (false, false) => "thường",
    }
}

/// The text of every heading of the body, as printed.
fn heading_texts(view: &View<'_>) -> Vec<String> {
    view.noi_dung
        .iter()
        .filter_map(|b| match b {
            crate::model::body::Block::Heading { .. } => {
                let mut s = String::new();
                b.plain_text(&mut s);
                Some(s.trim().to_owned())
            }
            _ => None,
        })
        .collect()
}

/// A text's words joined by single spaces (runs of a line are joined with one).
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The start of a long text, for messages.
fn clip(s: &str) -> String {
    const WORDS: usize = 8;
    const CHARS: usize = 60;
    let words: Vec<&str> = s.split_whitespace().collect();
    let text = words[..words.len().min(WORDS)].join(" ");
    if words.len() > WORDS || text.chars().count() > CHARS {
        format!("{} …", text.chars().take(CHARS).collect::<String>())
    } else {
        text
    }
}
