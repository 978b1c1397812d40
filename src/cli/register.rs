//! `vanban cap-so` and `vanban so-dang-ky`: issuing documents from the register of outgoing
//! documents, and the register listed, exported and voided in.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use vanban::Diagnostic;
use vanban::diag::source::folder_of;
use vanban::export::write_atomic;
use vanban::register::{self, Entry, Filter, State, Store};

use super::{EngineArgs, Format, Term, parse_date, today, usage};

/// Which register.
#[derive(Debug, Args)]
pub(super) struct StoreArgs {
    /// Sổ đăng ký: đường dẫn tệp SQLite, hoặc địa chỉ `postgres://…` của sổ dùng chung. Mặc định:
    /// `.vanban/so-dang-ky.sqlite` ở thư mục gốc của cơ quan (nơi có hồ sơ `_vanban.yaml` ngoài
    /// cùng).
    #[arg(long = "so-dang-ky", env = "VANBAN_SO_DANG_KY", value_name = "SỔ", global = true)]
    store: Option<String>,
}

impl StoreArgs {
    /// Opens the register for documents in `dir`.
    fn open(&self, dir: &Path) -> Result<Box<dyn Store>, Diagnostic> {
        let spec = match &self.store {
            Some(spec) => spec.clone(),
            None => {
                vanban::input::profile::office_root(dir)?.join(register::DEFAULT_FILE).display().to_string()
            }
        };
        register::open(&spec)
    }
}

#[derive(Debug, Args)]
pub(super) struct IssueArgs {
    /// Văn bản cần cấp số (chưa có số).
    #[arg(value_name = "VĂN_BẢN")]
    input: PathBuf,
    /// Ngày ban hành, YYYY-MM-DD. Mặc định: hôm nay.
    #[arg(long, value_parser = parse_date, value_name = "NGÀY")]
    ngay: Option<vanban::model::date::Date>,
    /// Chỉ giữ trước số cho văn bản này, chưa ban hành; lần cấp số sau, văn bản nhận đúng số đó.
    #[arg(long)]
    giu_cho: bool,
    /// Tệp PDF ban hành. Mặc định: tên văn bản, đuôi `.pdf`.
    #[arg(short, long, value_name = "TỆP_PDF")]
    output: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, Args)]
pub(super) struct RegisterArgs {
    #[command(subcommand)]
    action: Option<Action>,
    /// Chỉ các số từ ngày này, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date, value_name = "NGÀY", global = true)]
    tu: Option<vanban::model::date::Date>,
    /// Chỉ các số đến ngày này, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date, value_name = "NGÀY", global = true)]
    den: Option<vanban::model::date::Date>,
    /// Chỉ các số ở trạng thái này: da_cap, giu_cho, huy.
    #[arg(long, value_name = "TRẠNG_THÁI", value_parser = state, global = true)]
    trang_thai: Option<State>,
    /// `human` (dễ đọc) hoặc `json` (mỗi số một dòng JSON).
    #[arg(long, value_enum, value_name = "DẠNG", default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Xuất sổ ra tệp `.xlsx` (mẫu sổ để in) hoặc `.csv`.
    Xuat {
        /// Tệp ra: đuôi `.xlsx` hoặc `.csv`.
        #[arg(value_name = "TỆP")]
        output: PathBuf,
    },
    /// Hủy một số đã cấp hoặc đã giữ: số vẫn ở trong sổ, kèm lý do, và không bao giờ cấp lại.
    Huy {
        /// Số, ký hiệu như trong sổ, ví dụ `05-BC/ĐU`.
        #[arg(value_name = "SỐ_KÝ_HIỆU")]
        so_ky_hieu: String,
        /// Lý do hủy.
        #[arg(long, value_name = "LÝ_DO")]
        ly_do: String,
    },
}

fn state(s: &str) -> Result<State, String> {
    State::of(s)
        .filter(|s| *s != State::DangCap)
        .ok_or_else(|| format!("`{s}` không phải da_cap, giu_cho hay huy"))
}

/// `vanban cap-so`.
pub(super) fn issue(args: IssueArgs, term: Term) -> ExitCode {
    let mut store = match args.store.open(folder_of(&args.input)) {
        Ok(s) => s,
        Err(d) => return failed(term, &d, 2),
    };
    let pdf = args.output.clone().unwrap_or_else(|| args.input.with_extension("pdf"));
    let engine = args.engine.engine();
    let on = args.ngay.unwrap_or_else(today);
    match register::issue::issue(&engine, store.as_mut(), &args.input, on, &pdf, args.giu_cho) {
        Ok(issued) => {
            let e = &issued.entry;
            match issued.pdf {
                Some(pdf) => println!("đã cấp số {} ngày {}: {}", e.so_ky_hieu, e.ngay, pdf.display()),
                None => println!("đã giữ số {} cho {}", e.so_ky_hieu, args.input.display()),
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            term.err(&errors);
            ExitCode::from(1)
        }
    }
}

/// `vanban so-dang-ky`.
pub(super) fn register(args: RegisterArgs, term: Term) -> ExitCode {
    let mut store = match args.store.open(Path::new(".")) {
        Ok(s) => s,
        Err(d) => return failed(term, &d, 2),
    };
    let entries = match store.entries() {
        Ok(e) => e,
        Err(d) => return failed(term, &d, 2),
    };
    let filter = Filter {
        tu_ngay: args.tu.map(|d| d.to_string()),
        den_ngay: args.den.map(|d| d.to_string()),
        trang_thai: args.trang_thai,
    };
    let listed: Vec<Entry> = entries.iter().filter(|e| filter.takes(e)).cloned().collect();
    match args.action {
        None => {
            list(&listed, args.format);
            ExitCode::SUCCESS
        }
        Some(Action::Xuat { output }) => export(&listed, &output, term),
        Some(Action::Huy { so_ky_hieu, ly_do }) => void(store.as_mut(), &entries, &so_ky_hieu, &ly_do, term),
    }
}

/// The entries on standard output, a line each (or a JSON object each).
fn list(entries: &[Entry], format: Format) {
    for (i, e) in entries.iter().enumerate() {
        match format {
            Format::Json => println!("{}", serde_json::to_string(e).expect("an entry serializes")),
            Format::Human => {
                let [n, so, ngay, what, who, ..] = register::export::row(i + 1, e);
                let state = if e.trang_thai == State::DaCap {
                    String::new()
                } else {
                    format!(" [{}]", e.trang_thai.shown())
                };
                println!("{n:>4}  {so:<16} {ngay:<10}  {what} — {who}{state}");
            }
        }
    }
}

/// The listed entries written to `output`, as its extension says.
fn export(entries: &[Entry], output: &Path, term: Term) -> ExitCode {
    let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let bytes = match ext.as_str() {
        "xlsx" => register::export::xlsx(entries),
        "csv" => Ok(register::export::csv(entries)),
        _ => {
            return usage(
                term,
                &format!("không xuất được ra {}", output.display()),
                "dùng tệp đuôi `.xlsx` hoặc `.csv`",
            );
        }
    };
    match bytes.and_then(|b| write_atomic(output, &b)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => failed(term, &d, 2),
    }
}

/// Voids the latest live entry numbered `so_ky_hieu`, with its reason.
fn void(store: &mut dyn Store, entries: &[Entry], so_ky_hieu: &str, reason: &str, term: Term) -> ExitCode {
    let Some(found) = entries.iter().rfind(|e| e.so_ky_hieu == so_ky_hieu && e.trang_thai != State::Huy)
    else {
        return usage(
            term,
            &format!("sổ không có số `{so_ky_hieu}` còn hiệu lực"),
            "xem các số trong sổ bằng `vanban so-dang-ky`",
        );
    };
    if reason.trim().is_empty() {
        return usage(term, "hủy số phải có lý do", "ghi lý do bằng `--ly-do \"…\"`");
    }
    let voided = Entry { trang_thai: State::Huy, ghi_chu: reason.trim().to_owned(), ..found.clone() };
    match store.update(&voided) {
        Ok(()) => {
            println!("đã hủy số {so_ky_hieu}: {}", voided.ghi_chu);
            ExitCode::SUCCESS
        }
        Err(d) => failed(term, &d, 2),
    }
}

fn failed(term: Term, d: &Diagnostic, code: u8) -> ExitCode {
    term.err(d);
    ExitCode::from(code)
}
