//! Command-line interface: arguments, printing diagnostics, exit codes.
//! 0: done (warnings allowed); 1: the document has errors; 2: usage or output failure.

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use vanban::compile::fonts::FontOptions;
use vanban::export::write_atomic;
use vanban::import::legacy::Encoding;
use vanban::rules::describe;
use vanban::rules::ruleset::Ruleset;
use vanban::scaffold;
use vanban::{Diagnostic, Engine, EngineOptions};

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
}

impl Term {
    fn new(choice: Colour) -> Self {
        let auto = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let on = |terminal: bool| match choice {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => auto && terminal,
        };
        Self { out: on(std::io::stdout().is_terminal()), err: on(std::io::stderr().is_terminal()) }
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
    /// Render a document (.md, .json, .yaml, .toml) to PDF.
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
    /// Turn archived extracted text (.txt) into vanban documents; report guesses and gaps.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// A .txt or .docx file, or a folder (every .txt and .docx under it).
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
    /// The document.
    input: PathBuf,
    /// Output file; `-` writes the PDF to standard output. Default: the input with `.pdf`.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Also look for fonts in this folder (repeatable).
    #[arg(long = "font-path", env = "VANBAN_FONT_PATHS", value_delimiter = ':')]
    font_paths: Vec<PathBuf>,
    /// Do not search the system's fonts (use only the bundled Liberation Serif and --font-path).
    #[arg(long)]
    no_system_fonts: bool,
    /// Use layout files from this folder instead of the embedded ones of the same name.
    #[arg(long)]
    layouts: Option<PathBuf>,
    /// Fail (and write nothing) when the self-audit of the pages finds anything.
    #[arg(long)]
    strict: bool,
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let term = Term::new(cli.color);
    match cli.command {
        Command::Render(args) => render(args, term),
        Command::Check(args) => check(args, term),
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
        Command::Import(args) => import(args, term),
    }
}

/// Prints a usage error; exit code 2.
fn usage(term: Term, message: &str, hint: &str) -> ExitCode {
    term.err(&Diagnostic::error("cli::usage", message).hint(hint));
    ExitCode::from(2)
}

fn new(args: NewArgs, term: Term) -> ExitCode {
    let today = vanban::model::document::Date::today();
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

fn render(args: RenderArgs, term: Term) -> ExitCode {
    let engine = Engine::new(EngineOptions {
        fonts: FontOptions { system: !args.no_system_fonts, paths: args.font_paths },
        layouts: args.layouts,
    });
    let rendered = match engine.render(&args.input) {
        Ok(r) => r,
        Err(errors) => {
            term.err(&errors);
            return ExitCode::from(1);
        }
    };
    rendered.warnings.iter().chain(&rendered.audit).for_each(|d| term.err(d));
    if args.strict && !rendered.audit.is_empty() {
        eprintln!("không ghi PDF: --strict và bản kiểm tra trang có {} phát hiện", rendered.audit.len());
        return ExitCode::from(1);
    }
    let output = args.output.unwrap_or_else(|| args.input.with_extension("pdf"));
    let written = if output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(&rendered.pdf)
            .and_then(|()| out.flush())
            .map_err(|e| Diagnostic::error("export::write", format!("không ghi được ra đầu ra chuẩn: {e}")))
    } else {
        write_atomic(&output, &rendered.pdf)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            term.err(&d);
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs, term: Term) -> ExitCode {
    // Findings go to standard output; so do the errors of an unreadable document in JSON.
    let report = |found: &[Diagnostic], failed: bool| match args.format {
        Format::Json => found.iter().for_each(|d| println!("{}", d.to_json())),
        Format::Human if failed => found.iter().for_each(|d| term.err(d)),
        Format::Human => found.iter().for_each(|d| term.out(d)),
    };
    let engine = Engine::new(EngineOptions::default());
    if args.fix {
        let (before, after) = match engine.fixed(&args.input) {
            Ok(texts) => texts,
            Err(errors) => {
                report(&errors.0, true);
                return ExitCode::from(2);
            }
        };
        if before != after {
            if let Err(d) = write_atomic(&args.input, after.as_bytes()) {
                report(&[d], true);
                return ExitCode::from(2);
            }
            print!("{}", vanban::check::line_diff(&before, &after));
        }
    }
    let loaded = match vanban::input::load(&args.input) {
        Ok(l) => l,
        Err(errors) => {
            report(&errors.0, true);
            return ExitCode::from(2);
        }
    };
    match engine.check(&loaded, !args.no_audit) {
        Ok(findings) => {
            report(&findings, false);
            let errors = findings.iter().any(|f| f.severity == vanban::diag::Severity::Error);
            if errors { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(errors) => {
            report(&errors.0, true);
            ExitCode::from(1)
        }
    }
}

fn import(args: ImportArgs, term: Term) -> ExitCode {
    let jobs: Vec<(PathBuf, PathBuf)> = if args.input.is_dir() {
        let Some(out) = args.output.clone() else {
            return usage(
                term,
                "nhập cả thư mục cần `-o THƯ_MỤC_RA`",
                "ví dụ `vanban import luu-tru/ -o da-nhap/`",
            );
        };
        let mut found = vec![];
        collect_txt(&args.input, &mut found);
        found.sort();
        found
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(&args.input).unwrap_or(&p).with_extension("md");
                (p, out.join(rel))
            })
            .collect()
    } else {
        let out = args.output.clone().unwrap_or_else(|| args.input.with_extension("md"));
        vec![(args.input.clone(), out)]
    };
    let encoding = match args.encoding {
        SourceEncoding::Auto => None,
        SourceEncoding::Unicode => Some(Encoding::Unicode),
        SourceEncoding::Tcvn3 => Some(Encoding::Tcvn3),
        SourceEncoding::Vni => Some(Encoding::Vni),
    };
    let mut rows = vec![];
    let mut failed = false;
    for (src, out) in &jobs {
        let row = match import_one(src, out, args.force, encoding) {
            Ok(imported) => {
                imported.report.iter().for_each(|d| term.err(d));
                let missing = imported.report.iter().filter(|d| d.code == "import::not_found").count();
                let guesses = imported.report.len() - missing;
                (src.display().to_string(), format!("{guesses}"), format!("{missing}"), "đã nhập".to_owned())
            }
            Err(d) => {
                term.err(&d);
                failed = true;
                (src.display().to_string(), "-".to_owned(), "-".to_owned(), format!("lỗi: {}", d.message))
            }
        };
        rows.push(row);
    }
    if jobs.len() > 1 {
        eprintln!("\n{:<50} {:>6} {:>9}  kết quả", "tệp", "đoán", "thiếu");
        for (file, guesses, missing, status) in &rows {
            eprintln!("{file:<50} {guesses:>6} {missing:>9}  {status}");
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Imports one file; never writes over the source, nor over an existing output without `force`.
fn import_one(
    src: &std::path::Path,
    out: &std::path::Path,
    force: bool,
    encoding: Option<Encoding>,
) -> Result<vanban::import::Imported, Diagnostic> {
    let same = out.canonicalize().ok().is_some_and(|o| src.canonicalize().ok() == Some(o));
    if same || (out.exists() && !force) {
        return Err(Diagnostic::error("import::exists", format!("tệp {} đã có", out.display()))
            .hint("chọn tệp ra khác, hoặc thêm `--force` để ghi đè (tệp nguồn không bao giờ bị ghi đè)"));
    }
    let imported = vanban::import::import_file(src, encoding)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::error("import::write", format!("không tạo được thư mục {}: {e}", dir.display()))
        })?;
    }
    write_atomic(out, imported.markdown.as_bytes())?;
    Ok(imported)
}

/// Every .txt and .docx file under `dir`.
fn collect_txt(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_txt(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt" || x == "docx") {
            out.push(p);
        }
    }
}
