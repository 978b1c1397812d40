//! Command-line interface: arguments, printing diagnostics, exit codes.
//! 0: done (warnings allowed); 1: the document has errors; 2: usage or output failure.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use vanban::compile::fonts::FontOptions;
use vanban::export::write_atomic;
use vanban::{Diagnostic, Engine, EngineOptions};

/// Typesets Vietnamese official documents into print-ready PDFs.
#[derive(Debug, Parser)]
#[command(name = "vanban", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Render a document (.md, .json, .yaml, .toml) to PDF.
    Render(RenderArgs),
    /// Print the JSON Schema of the document's keys, for editors.
    Schema,
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
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render(args) => render(args),
        Command::Schema => {
            let schema = serde_json::to_string_pretty(&vanban::model::schema::json_schema())
                .expect("schema serializes");
            println!("{schema}");
            ExitCode::SUCCESS
        }
    }
}

fn render(args: RenderArgs) -> ExitCode {
    let engine = Engine::new(EngineOptions {
        fonts: FontOptions { system: !args.no_system_fonts, paths: args.font_paths },
        layouts: args.layouts,
    });
    let rendered = match engine.render(&args.input) {
        Ok(r) => r,
        Err(errors) => {
            eprint!("{errors}");
            return ExitCode::from(1);
        }
    };
    print_all(&rendered.warnings);
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
            eprint!("{d}");
            ExitCode::from(2)
        }
    }
}

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprint!("{d}");
    }
}
