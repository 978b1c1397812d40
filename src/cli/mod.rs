//! Command-line interface: arguments, printing diagnostics, exit codes.
//! 0: done (warnings allowed); 1: the document has errors; 2: usage or output failure.

mod check;
mod diff;
mod import;
mod register;
mod render;
mod watch;
mod words;

use std::fmt::Display;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use vanban::Diagnostic;
use vanban::diag::io_reason;
use vanban::export::write_atomic;
use vanban::model::date;
use vanban::rules::describe;
use vanban::rules::ruleset::Ruleset;
use vanban::scaffold;

/// Trình bày văn bản của Đảng và Nhà nước thành tệp PDF sẵn sàng để in.
#[derive(Debug, Parser)]
#[command(name = "vanban", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Màu trong thông báo: `auto` (khi in ra màn hình dòng lệnh, trừ khi có đặt NO_COLOR),
    /// `always` (luôn có màu), `never` (không bao giờ).
    #[arg(long, global = true, value_name = "CHẾ_ĐỘ", value_enum, default_value_t = Colour::Auto)]
    color: Colour,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Colour {
    Auto,
    Always,
    Never,
}

/// Where messages go, and whether each stream gets colour.
#[derive(Debug, Clone, Copy)]
struct Term {
    out: bool,
    err: bool,
    /// Standard error is a terminal (for a progress line).
    err_tty: bool,
}

impl Term {
    fn new(choice: Colour) -> Self {
        let auto = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let on = |terminal: bool| match choice {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => auto && terminal,
        };
        let err_tty = std::io::stderr().is_terminal();
        Self { out: on(std::io::stdout().is_terminal()), err: on(err_tty), err_tty }
    }

    /// Prints diagnostics on standard error.
    fn err(self, d: &impl Display) {
        if self.err { eprint!("{d:#}") } else { eprint!("{d}") }
    }

    /// Prints diagnostics on standard output.
    fn out(self, d: &impl Display) {
        if self.out { print!("{d:#}") } else { print!("{d}") }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// In văn bản (.md, .json, .yaml, .toml) ra PDF (hoặc ảnh trang): một văn bản, hoặc cả loạt.
    Render(RenderArgs),
    /// Kiểm tra văn bản theo bộ quy tắc của nó: dữ liệu trước, rồi các trang đã dàn.
    Check(CheckArgs),
    /// Hiện JSON Schema của các khóa trong văn bản, để trình soạn thảo dùng.
    Schema {
        /// JSON Schema của hồ sơ cơ quan `_vanban.yaml` thay vì của văn bản.
        #[arg(long)]
        ho_so: bool,
    },
    /// Liệt kê các bộ quy tắc, hoặc hiện một bộ ở dạng dễ đọc.
    Rules {
        /// Mã bộ quy tắc, ví dụ hd05-2026.
        #[arg(value_name = "MÃ")]
        id: Option<String>,
    },
    /// Tạo văn bản mẫu của một thể loại, sẵn để điền.
    New(NewArgs),
    /// Xác nhận tệp PDF có đúng là bản in của văn bản nguồn hay không (trùng từng byte).
    Verify(VerifyArgs),
    /// Xem trước văn bản trong trình duyệt, cập nhật mỗi lần lưu văn bản hoặc bố cục của nó.
    Watch(WatchArgs),
    /// Chỉ ra chỗ thay đổi giữa hai phiên bản trang: hai tệp PDF, hoặc văn bản dàn bằng hai bộ
    /// bố cục (hoặc bằng bố cục ở một bản sửa đổi git và bố cục hiện nay).
    Diff(DiffArgs),
    /// Chuyển văn bản lưu trữ (văn bản thuần, Word, PDF) thành văn bản vanban; báo các chỗ phải
    /// đoán và chỗ còn thiếu.
    Import(ImportArgs),
    /// Cấp số văn bản từ sổ đăng ký văn bản đi: lấy số kế tiếp theo dãy số bộ quy tắc quy định,
    /// ghi số và ngày vào văn bản, in bản PDF ban hành và vào sổ.
    CapSo(register::IssueArgs),
    /// Sổ đăng ký văn bản đi: liệt kê, lọc, xuất ra XLSX hoặc CSV, hủy số.
    SoDangKy(register::RegisterArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// Tệp .txt, .docx hoặc .pdf, hoặc một thư mục (mọi tệp .txt, .docx và .pdf trong đó).
    #[arg(value_name = "NGUỒN")]
    input: PathBuf,
    /// Tệp .md cần ghi, hoặc với một thư mục thì thư mục để ghi vào (giữ nguyên cây thư mục).
    /// Mặc định: cạnh tệp nguồn, đuôi `.md`.
    #[arg(short, long, value_name = "ĐẦU_RA")]
    output: Option<PathBuf>,
    /// Ghi đè các tệp .md đã có.
    #[arg(long)]
    force: bool,
    /// Bảng mã của tệp văn bản thuần: mặc định tự nhận biết (tệp DOCX thì đọc từng đoạn chữ
    /// theo phông chữ của nó).
    #[arg(long, value_enum, value_name = "BẢNG_MÃ", default_value_t = SourceEncoding::Auto)]
    encoding: SourceEncoding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SourceEncoding {
    Auto,
    Unicode,
    Tcvn3,
    Vni,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Văn bản cần kiểm tra.
    #[arg(value_name = "VĂN_BẢN")]
    input: PathBuf,
    /// Chỉ kiểm tra dữ liệu, không dàn trang văn bản.
    #[arg(long)]
    no_audit: bool,
    /// `human` (dễ đọc), hoặc `json`: mỗi phát hiện một đối tượng JSON trên một dòng, ra đầu
    /// ra chuẩn (kể cả lỗi của văn bản không đọc được).
    #[arg(long, value_enum, value_name = "DẠNG", default_value_t = Format::Human)]
    format: Format,
    /// Sửa ngay trong tệp những lỗi sửa được an toàn (NFC, chữ hoa/chữ thường, tiền tố tên
    /// cơ quan, tiêu đề, dấu cách), hiện các dòng đã đổi, rồi kiểm tra lại.
    #[arg(long)]
    fix: bool,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// Thể loại văn bản, ví dụ bao-cao, cong-van (xem --list).
    #[arg(required_unless_present = "list", value_name = "THỂ_LOẠI")]
    loai: Option<String>,
    /// Liệt kê các thể loại kèm mã của chúng.
    #[arg(long)]
    list: bool,
    /// Thể thức văn bản: dang (của Đảng) hoặc nha-nuoc (của Nhà nước).
    #[arg(long, default_value = "dang", value_name = "THỂ_THỨC")]
    the_thuc: String,
    /// Ghi vào tệp này (không bao giờ ghi đè tệp đã có) thay vì ra đầu ra chuẩn.
    #[arg(short, long, value_name = "TỆP")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct RenderArgs {
    /// Văn bản hoặc thư mục (mọi tệp .md, .json, .yaml, .toml trong đó). Nhiều văn bản, hoặc
    /// một thư mục, thì in cả loạt vào thư mục cho bởi `-o`.
    #[arg(required = true, value_name = "VĂN_BẢN")]
    inputs: Vec<PathBuf>,
    /// Tệp ra (`-` ghi PDF ra đầu ra chuẩn; mặc định: tên tệp nguồn, đuôi `.pdf`), hoặc khi in
    /// cả loạt thì thư mục để ghi vào (giữ nguyên cây thư mục).
    #[arg(short, long, value_name = "ĐẦU_RA")]
    output: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Báo lỗi (và không ghi gì) khi bước tự kiểm tra trang có bất kỳ phát hiện nào.
    #[arg(long)]
    strict: bool,
    /// Những gì cần ghi, cách nhau bằng dấu phẩy: pdf, png, svg (ảnh: mỗi trang một tệp).
    #[arg(long, value_enum, value_name = "DẠNG", value_delimiter = ',', default_value = "pdf")]
    format: Vec<OutputFormat>,
    /// Độ phân giải của ảnh trang PNG, tính bằng số điểm ảnh trên một inch.
    #[arg(long, value_name = "SỐ", value_parser = words::number::<f32>, default_value_t = 144.0)]
    ppi: f32,
    /// Số văn bản in cùng lúc khi in cả loạt. Mặc định: bằng số nhân của máy.
    #[arg(long, value_name = "SỐ", value_parser = words::number::<usize>)]
    jobs: Option<usize>,
    /// Khi in cả loạt, bỏ qua văn bản có bản in còn mới (văn bản nguồn, bố cục, bộ quy tắc,
    /// phông chữ và phiên bản vanban không đổi, theo tệp kê khai của thư mục ra).
    #[arg(long)]
    changed_only: bool,
    /// Ghi thêm dự án Typst của văn bản vào thư mục này (bố cục, bộ quy tắc và dữ liệu đúng như
    /// bố cục đọc), để biên dịch bằng Typst CLI; ảnh không được chép theo.
    #[arg(long, value_name = "THƯ_MỤC")]
    typst_project: Option<PathBuf>,
    /// Ghi PDF/A để lưu trữ: `--pdf-a` là PDF/A-2b; `--pdf-a=1b` cho kho lưu trữ đòi PDF/A-1
    /// (TCVN 14159-1:2024).
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "2b", value_name = "MỨC")]
    pdf_a: Option<PdfALevel>,
    /// Ghi thêm `<tên>.sign.json` cạnh tệp PDF: vị trí ô chữ ký, con dấu, số và ngày để trống,
    /// chữ ký của cơ quan, tổ chức, tính bằng point PDF, kèm số trang.
    #[arg(long)]
    sign_info: bool,
    /// Đặt ô ký trống lên vị trí chữ ký và con dấu, để phần mềm ký PDF mời ký đúng chỗ đó (tệp
    /// `.sign.json` kèm theo cũng được ghi).
    #[arg(long)]
    sig_fields: bool,
    /// Ghi thêm hồ sơ lưu trữ của từng văn bản vào `vanban-ho-so.csv` (hoặc `.jsonl` nếu chọn
    /// json) trong thư mục ra.
    #[arg(long, value_enum, value_name = "DẠNG")]
    metadata: Option<MetadataFormat>,
    /// Cấp số văn bản: in số và ngày cho bởi `--so` và `--ngay` thay vì để trống cho văn thư
    /// điền khi đóng dấu.
    #[arg(long, requires_all = ["so", "ngay"])]
    issue: bool,
    /// Dùng với `--issue`: số văn bản.
    #[arg(long, requires = "issue", value_name = "SỐ", value_parser = words::number::<u32>)]
    so: Option<u32>,
    /// Dùng với `--issue`: ngày ban hành, YYYY-MM-DD.
    #[arg(long, requires = "issue", value_parser = parse_date, value_name = "NGÀY")]
    ngay: Option<vanban::model::date::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PdfALevel {
    #[value(name = "2b")]
    A2b,
    #[value(name = "1b")]
    A1b,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MetadataFormat {
    Csv,
    Json,
}

/// A date as a document writes it (`2026-05-04` or `4/5/2026`).
fn parse_date(s: &str) -> Result<vanban::model::date::Date, String> {
    use vanban::model::date::{Parsed, read};
    match read(s) {
        Parsed::Date(d) => Ok(d),
        Parsed::Impossible => Err(format!("ngày `{s}` không có thật")),
        Parsed::Malformed => Err(format!("ngày `{s}` phải viết YYYY-MM-DD, ví dụ 2026-05-04")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Pdf,
    Png,
    Svg,
}

/// Where fonts and layouts come from.
#[derive(Debug, Args)]
struct EngineArgs {
    /// Tìm thêm phông chữ trong thư mục này (dùng được nhiều lần).
    #[arg(long = "font-path", env = "VANBAN_FONT_PATHS", value_delimiter = ':', value_name = "THƯ_MỤC")]
    font_paths: Vec<PathBuf>,
    /// Không tìm phông chữ của hệ thống (chỉ dùng Liberation Serif đi kèm và --font-path).
    #[arg(long)]
    no_system_fonts: bool,
    /// Dùng các tệp bố cục trong thư mục này thay cho các tệp nhúng sẵn cùng tên.
    #[arg(long, value_name = "THƯ_MỤC")]
    layouts: Option<PathBuf>,
}

impl EngineArgs {
    /// The engine these options ask for.
    fn engine(&self) -> vanban::Engine {
        self.engine_with(self.layouts.clone())
    }

    /// The engine with these fonts and the given layouts.
    fn engine_with(&self, layouts: Option<PathBuf>) -> vanban::Engine {
        vanban::Engine::new(vanban::EngineOptions {
            fonts: vanban::compile::fonts::FontOptions {
                system: !self.no_system_fonts,
                paths: self.font_paths.clone(),
            },
            layouts,
            clock: clock(),
        })
    }
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// Tệp PDF cũ, hoặc một văn bản, hoặc một thư mục văn bản.
    #[arg(value_name = "CŨ")]
    a: PathBuf,
    /// Tệp PDF mới (khi so sánh hai tệp PDF).
    #[arg(value_name = "MỚI")]
    b: Option<PathBuf>,
    /// Bố cục của phiên bản cũ (mặc định: `--layouts`, hoặc bố cục nhúng sẵn).
    #[arg(long, value_name = "THƯ_MỤC")]
    layout_a: Option<PathBuf>,
    /// Bố cục của phiên bản mới (mặc định: `--layouts`, hoặc bố cục nhúng sẵn).
    #[arg(long, value_name = "THƯ_MỤC")]
    layout_b: Option<PathBuf>,
    /// So thư mục bố cục (`--layouts`, mặc định `layouts`) ở bản sửa đổi git này với thư mục
    /// đó hiện nay.
    #[arg(long, value_name = "BẢN_SỬA_ĐỔI")]
    against: Option<String>,
    /// Ghi vào thư mục này mỗi trang thay đổi một tệp PNG (cả hai phiên bản, các vùng đổi được
    /// khoanh lại).
    #[arg(short, long, value_name = "THƯ_MỤC")]
    output: Option<PathBuf>,
    /// `human` (dễ đọc) hoặc `json` (bản tóm tắt ra đầu ra chuẩn).
    #[arg(long, value_enum, value_name = "DẠNG", default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, Args)]
struct WatchArgs {
    /// Văn bản cần xem trước.
    #[arg(value_name = "VĂN_BẢN")]
    input: PathBuf,
    /// Cổng trên 127.0.0.1 (mặc định: một cổng còn trống, được in ra màn hình).
    #[arg(long, default_value_t = 0, value_name = "CỔNG", value_parser = words::number::<u16>)]
    port: u16,
    /// Mở bản xem trước trong trình duyệt.
    #[arg(long)]
    open: bool,
    /// Ghi lại cả tệp PDF này sau mỗi lần biên dịch thành công.
    #[arg(short, long, value_name = "TỆP_PDF")]
    output: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// Tệp PDF cần xác nhận.
    #[arg(value_name = "TỆP_PDF")]
    pdf: PathBuf,
    /// Văn bản nguồn mà tệp PDF lẽ ra được in từ đó.
    #[arg(value_name = "NGUỒN")]
    source: PathBuf,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = match words::interface().try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => return words::refused(&e),
    };
    let term = Term::new(cli.color);
    // A panic (a bug in vanban or a library it uses) is reported as a message of ours, in
    // Vietnamese, not as the runtime's English; with RUST_BACKTRACE set, as the runtime's too.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    match vanban::diag::contained(|| command(cli.command, term)) {
        Ok(code) => code,
        Err(d) => {
            term.err(&d.hint("tệp ra không bị ghi dở; báo lỗi này cho người quản trị vanban"));
            ExitCode::from(3)
        }
    }
}

/// Runs one command.
fn command(command: Command, term: Term) -> ExitCode {
    match command {
        Command::Render(args) => render::render(args, term),
        Command::Check(args) => check::check(args, term),
        Command::Schema { ho_so } => {
            use vanban::model::schema::{json_schema, profile_json_schema};
            let schema = if ho_so { profile_json_schema() } else { json_schema() };
            let schema = serde_json::to_string_pretty(&schema).expect("schema serializes");
            println!("{schema}");
            ExitCode::SUCCESS
        }
        Command::Rules { id: None } => {
            print!("{}", describe::list());
            ExitCode::SUCCESS
        }
        Command::Rules { id: Some(id) } => match Ruleset::get(&id) {
            Some(r) => {
                print!("{}", describe::describe(r));
                ExitCode::SUCCESS
            }
            None => usage(term, &format!("không có bộ quy tắc `{id}`"), "xem danh sách bằng `vanban rules`"),
        },
        Command::New(args) => new(args, term),
        Command::Import(args) => import::import(args, term),
        Command::Verify(args) => render::verify(args, term),
        Command::Diff(args) => diff::diff(args, term),
        Command::Watch(args) => watch::watch(args, term),
        Command::CapSo(args) => register::issue(args, term),
        Command::SoDangKy(args) => register::register(args, term),
    }
}

/// Whether two paths name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    a.canonicalize().ok().is_some_and(|a| b.canonicalize().ok() == Some(a))
}

/// Writes `bytes` to standard output (`-o -`), flushed.
fn to_stdout(bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| {
        Diagnostic::error("export::write", format!("không ghi được ra đầu ra chuẩn: {}", io_reason(&e)))
    })
}

/// Prints a usage error; exit code 2.
fn usage(term: Term, message: &str, hint: &str) -> ExitCode {
    term.err(&Diagnostic::error("cli::usage", message).hint(hint));
    ExitCode::from(2)
}

/// Today in Vietnam, from the system clock.
fn today() -> vanban::model::date::Date {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    date::in_vietnam(i64::try_from(now).unwrap_or(i64::MAX))
}

/// The clock and environment the library is handed: today in Vietnam, and
/// `SOURCE_DATE_EPOCH` when set.
fn clock() -> vanban::Clock {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    vanban::Clock { today: Some(today()), source_date_epoch: epoch }
}

fn new(args: NewArgs, term: Term) -> ExitCode {
    let today = today();
    let Some(rules) = Ruleset::in_force(&args.the_thuc, today) else {
        return usage(
            term,
            &format!("không có thể thức `{}`", args.the_thuc),
            "dùng `--the-thuc dang` hoặc `--the-thuc nha-nuoc`",
        );
    };
    let Some(loai) = args.loai.filter(|_| !args.list) else {
        print!("{}", scaffold::list(rules));
        return ExitCode::SUCCESS;
    };
    // What the office profile of the folder written into gives is left out of the scaffold.
    let dir = args.output.as_deref().map_or(std::path::Path::new("."), vanban::diag::source::folder_of);
    let given = match vanban::input::profile::given(dir) {
        Ok(given) => given,
        Err(errors) => {
            term.err(&errors);
            return ExitCode::from(1);
        }
    };
    let Some(text) = scaffold::template(rules, &loai, today, &given) else {
        return usage(
            term,
            &format!("{} chưa có thể loại `{loai}`", rules.id),
            "xem danh sách bằng `vanban new --list`",
        );
    };
    match args.output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) if path.exists() => usage(
            term,
            &format!("tệp {} đã có", path.display()),
            "chọn tên khác; vanban không ghi đè tệp đang có",
        ),
        Some(path) => match write_atomic(&path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(d) => {
                term.err(&d);
                ExitCode::from(2)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's checks of the command line (names, conflicts, requirements) pass.
    #[test]
    fn interface_is_valid() {
        super::Cli::command().debug_assert();
        let _ = super::words::interface();
    }
}
