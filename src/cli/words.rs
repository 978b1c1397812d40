//! clap's words in Vietnamese, as every other message of vanban is: the help pages, and the
//! errors of a command line clap refuses.

use std::process::ExitCode;

use super::{Colour, Term};
use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The command line as clap builds it, with clap's own words in Vietnamese too: the headings,
/// the usage line, `-h`/`-V`, the `help` command, and the defaults, choices and environment
/// variables clap appends to an option's help. Built first, so that the arguments clap adds
/// (help, version, the global ones in each command) are there to be reworded.
pub(super) fn interface() -> clap::Command {
    let mut cmd = super::Cli::command();
    cmd.build();
    localise(cmd)
        .mut_arg("version", |a| a.help("Hiện phiên bản"))
        .mut_subcommand("help", |s| s.about(HELP_ABOUT).mut_subcommand("help", |s| s.about(HELP_ABOUT)))
}

/// What the `help` command does, in the list of commands.
const HELP_ABOUT: &str = "Hiện trợ giúp này, hoặc trợ giúp của (các) lệnh đã nêu";

/// `cmd` and its subcommands with clap's words in Vietnamese.
fn localise(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd.subcommand_value_name("LỆNH");
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).replace("[OPTIONS]", "[TÙY_CHỌN]");
    let heading = clap::builder::styling::Styles::default().get_usage().to_owned();
    cmd.help_template(format!(
        "{{before-help}}{{about-with-newline}}\n{heading}Cách dùng:{heading:#} {{usage}}\n\n{{all-args}}{{after-help}}"
    ))
    .override_usage(usage)
    .subcommand_help_heading("Lệnh")
    .mut_args(localise_arg)
    .mut_subcommands(localise)
}

/// An argument under a Vietnamese heading, with the notes clap appends to its help (environment
/// variable, default, possible values) written by us in Vietnamese.
fn localise_arg(arg: clap::Arg) -> clap::Arg {
    let takes_values = arg.get_action().takes_values();
    let mut notes = vec![];
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        notes.push(format!("[biến môi trường: {}]", env.to_string_lossy()));
    }
    let defaults: Vec<_> = arg.get_default_values().iter().map(|d| d.to_string_lossy()).collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(format!("[mặc định: {}]", defaults.join(" ")));
    }
    let values: Vec<_> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(format!("[giá trị: {}]", values.join(", ")));
    }
    let help = match arg.get_id().as_str() {
        "help" => "Hiện trợ giúp".to_owned(),
        _ => arg.get_help().map(ToString::to_string).unwrap_or_default(),
    };
    let help = std::iter::once(help).filter(|h| !h.is_empty()).chain(notes).collect::<Vec<_>>().join(" ");
    let heading = if arg.is_positional() { "Đối số" } else { "Tùy chọn" };
    arg.help(help).help_heading(heading).hide_env(true).hide_default_value(true).hide_possible_values(true)
}

/// Reports a command line clap refused, in Vietnamese, and the exit code: help and version
/// are printed as asked (0), errors as a usage diagnostic (2).
pub(super) fn refused(e: &clap::Error) -> ExitCode {
    let Some((message, hint)) = explained(e) else {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    };
    super::usage(Term::new(Colour::Auto), &message, &hint)
}

/// What is wrong with the command line and how to put it right; `None` for help and version,
/// which are not errors.
fn explained(e: &clap::Error) -> Option<(String, String)> {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let suggested =
        [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
            .into_iter()
            .map(text)
            .find(|s| !s.is_empty());
    let help = || "xem `vanban --help`, hoặc `vanban <LỆNH> --help`".to_owned();
    let or_help = |s: Option<String>| s.map_or_else(help, |s| format!("có phải định viết `{s}`?"));
    let pair = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::UnknownArgument => (format!("không có tùy chọn `{arg}`"), or_help(suggested)),
        ErrorKind::InvalidSubcommand => {
            (format!("không có lệnh `{}`", text(ContextKind::InvalidSubcommand)), or_help(suggested))
        }
        ErrorKind::MissingSubcommand => ("thiếu lệnh".to_owned(), help()),
        ErrorKind::InvalidValue if value.is_empty() => (format!("`{arg}` cần một giá trị"), help()),
        ErrorKind::InvalidValue => {
            let valid = text(ContextKind::ValidValue);
            (format!("`{arg}` không nhận giá trị `{value}`"), format!("các giá trị được nhận: {valid}"))
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(ToString::to_string).unwrap_or_default();
            (format!("giá trị `{value}` của `{arg}` không dùng được: {why}"), help())
        }
        ErrorKind::MissingRequiredArgument => (format!("thiếu {arg}"), help()),
        ErrorKind::ArgumentConflict
            if text(ContextKind::PriorArg) == arg || text(ContextKind::PriorArg).is_empty() =>
        {
            (format!("`{arg}` chỉ được dùng một lần"), help())
        }
        ErrorKind::ArgumentConflict => {
            (format!("`{arg}` không dùng cùng với `{}`", text(ContextKind::PriorArg)), help())
        }
        ErrorKind::NoEquals => {
            (format!("giá trị của `{arg}` phải viết sau dấu `=`"), format!("ví dụ `{arg}=…`"))
        }
        ErrorKind::TooManyValues => (format!("`{arg}` không nhận thêm giá trị `{value}`"), help()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            (format!("`{arg}` thiếu giá trị"), help())
        }
        ErrorKind::InvalidUtf8 => ("dòng lệnh có đối số không phải UTF-8".to_owned(), help()),
        _ => ("dòng lệnh không đúng".to_owned(), help()),
    };
    Some(pair)
}

/// A number from the command line, refused in Vietnamese.
pub(super) fn number<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.trim().parse().map_err(|_| format!("`{s}` không phải là một số hợp lệ"))
}
