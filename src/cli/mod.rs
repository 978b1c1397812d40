//! Command-line interface: arguments, printing diagnostics, exit codes.
//! 0: done (warnings allowed); 1: the document has errors; 2: usage or output failure.

mod check;
mod diff;
mod import;
mod render;
mod watch;

use std::fmt::Display;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use vanban::Diagnostic;
use vanban::diag::io_reason;
use vanban::export::write_atomic;
use vanban::model::date;
use vanban::rules::describe;
use vanban::rules::ruleset::Ruleset;
use vanban::scaffold;

/// Typesets Vietnamese official documents into print-ready PDFs.
#[derive(Debug, Parser)]
#[command(name = "vanban", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour in messages: `auto` (on a terminal, unless NO_COLOR is set), `always`, `never`.
    #[arg(long, global = true, value_enum, default_value_t = Colour::Auto)]
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
    /// Render documents (.md, .json, .yaml, .toml) to PDF (or page images): one, or a batch.
    Render(RenderArgs),
    /// Check a document against its ruleset: the data, then the laid-out pages.
    Check(CheckArgs),
    /// Print the JSON Schema of the document's keys, for editors.
    Schema,
    /// List the rulesets, or print one in readable form.
    Rules {
        /// A ruleset id, e.g. hd05-2026.
        id: Option<String>,
    },
    /// Write a ready-to-fill document of a type.
    New(NewArgs),
    /// Say whether a PDF is exactly what a source renders to (same bytes).
    Verify(VerifyArgs),
    /// Preview a document in the browser, updated on every save of it or its layouts.
    Watch(WatchArgs),
    /// Show what changed between two versions of pages: two PDFs, or documents laid out with
    /// two sets of layouts (or the layouts at a git revision and now).
    Diff(DiffArgs),
    /// Turn archived documents (text, Word, PDF) into vanban documents; report guesses and gaps.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// A .txt, .docx or .pdf file, or a folder (every .txt, .docx and .pdf under it).
    input: PathBuf,
    /// The .md file to write, or for a folder the folder to write into (tree mirrored).
    /// Default: next to the input, with `.md`.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Replace .md files that already exist.
    #[arg(long)]
    force: bool,
    /// The encoding of text files: detected by default (DOCX runs are read by their fonts).
    #[arg(long, value_enum, default_value_t = SourceEncoding::Auto)]
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
    /// The document.
    input: PathBuf,
    /// Check the data only, without laying the document out.
    #[arg(long)]
    no_audit: bool,
    /// `human`, or `json`: one JSON object a line per finding, on standard output (the
    /// errors of a document that cannot be read too).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Apply the safe fixes (NFC, case, authority prefixes, titles, spaces) to the file, show
    /// the changed lines, then check again.
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
    /// The document type, e.g. bao-cao, cong-van (see --list).
    #[arg(required_unless_present = "list")]
    loai: Option<String>,
    /// List the types with their codes.
    #[arg(long)]
    list: bool,
    /// Kind of document: dang (Party) or nha-nuoc (State).
    #[arg(long, default_value = "dang")]
    the_thuc: String,
    /// Write to this file (never over an existing one) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct RenderArgs {
    /// Documents or folders (every .md, .json, .yaml, .toml under them). Several, or a folder,
    /// render as a batch into the folder given by `-o`.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output file (`-` writes the PDF to standard output; default: the input with `.pdf`), or
    /// for a batch the folder to write into (the tree mirrored).
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Fail (and write nothing) when the self-audit of the pages finds anything.
    #[arg(long)]
    strict: bool,
    /// What to write, comma-separated: pdf, png, svg (images: one file a page).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    format: Vec<OutputFormat>,
    /// Resolution of PNG pages, pixels per inch.
    #[arg(long, default_value_t = 144.0)]
    ppi: f32,
    /// Documents rendered at once in a batch. Default: the number of cores.
    #[arg(long)]
    jobs: Option<usize>,
    /// In a batch, skip documents whose output is up to date (source, layout, ruleset, fonts
    /// and vanban's version unchanged, as the output folder's manifest records).
    #[arg(long)]
    changed_only: bool,
    /// Also write the Typst project of the document into this folder (layouts, ruleset and
    /// data as the layout reads them), to compile it with the Typst CLI; images are not copied.
    #[arg(long)]
    typst_project: Option<PathBuf>,
    /// Write PDF/A for archiving: `--pdf-a` is PDF/A-2b; `--pdf-a=1b` for archives that demand
    /// PDF/A-1 (TCVN 14159-1:2024).
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "2b", value_name = "MUC")]
    pdf_a: Option<PdfALevel>,
    /// Also write `<name>.sign.json` beside the PDF: the boxes of the signature, the seal, the
    /// blank number and date, and the organisation's signature, in PDF points with their page.
    #[arg(long)]
    sign_info: bool,
    /// Put empty signature fields on the signature and seal boxes, so that a PDF signer offers
    /// to sign there (the sidecar is written too).
    #[arg(long)]
    sig_fields: bool,
    /// Append each document's archival record to `vanban-ho-so.csv` (or `.jsonl` with json)
    /// in the output folder.
    #[arg(long, value_enum, value_name = "DANG")]
    metadata: Option<MetadataFormat>,
    /// Issue the document: print the number and date given by `--so` and `--ngay` instead of
    /// the blanks left for the văn thư to stamp.
    #[arg(long, requires_all = ["so", "ngay"])]
    issue: bool,
    /// With `--issue`: the number.
    #[arg(long, requires = "issue")]
    so: Option<u32>,
    /// With `--issue`: the date, YYYY-MM-DD.
    #[arg(long, requires = "issue", value_parser = parse_date)]
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
    /// Also look for fonts in this folder (repeatable).
    #[arg(long = "font-path", env = "VANBAN_FONT_PATHS", value_delimiter = ':')]
    font_paths: Vec<PathBuf>,
    /// Do not search the system's fonts (use only the bundled Liberation Serif and --font-path).
    #[arg(long)]
    no_system_fonts: bool,
    /// Use layout files from this folder instead of the embedded ones of the same name.
    #[arg(long)]
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
    /// The old PDF, or a document or folder of documents.
    a: PathBuf,
    /// The new PDF (when comparing two PDFs).
    b: Option<PathBuf>,
    /// Layouts of the old version (default: `--layouts`, or the embedded ones).
    #[arg(long)]
    layout_a: Option<PathBuf>,
    /// Layouts of the new version (default: `--layouts`, or the embedded ones).
    #[arg(long)]
    layout_b: Option<PathBuf>,
    /// Compare the layouts folder (`--layouts`, default `layouts`) at this git revision with
    /// the folder as it is now.
    #[arg(long)]
    against: Option<String>,
    /// Write a PNG per changed page (both versions, regions outlined) into this folder.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// `text` or `json` (the summary on standard output).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, Args)]
struct WatchArgs {
    /// The document.
    input: PathBuf,
    /// Port on 127.0.0.1 (default: a free one, printed).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Open the preview in the browser.
    #[arg(long)]
    open: bool,
    /// Also rewrite this PDF after every good compile.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// The PDF to verify.
    pdf: PathBuf,
    /// The source it should come from.
    source: PathBuf,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
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
        Command::Schema => {
            let schema = serde_json::to_string_pretty(&vanban::model::schema::json_schema())
                .expect("schema serializes");
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
    let Some(text) = scaffold::template(rules, &loai, today) else {
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
