//! `vanban watch`: the live preview.

use std::io::Write;
use std::net::TcpListener;
use std::process::ExitCode;
use std::sync::Arc;

use vanban::preview::{self, Shared};

use super::{Term, WatchArgs, same_file, usage};
use vanban::diag::io_reason;

pub(super) fn watch(args: WatchArgs, term: Term) -> ExitCode {
    if args.output.as_deref().is_some_and(|o| same_file(o, &args.input)) {
        return usage(term, "tệp PDF ra chính là tệp nguồn", "chọn tệp ra khác, ví dụ `-o ban-in.pdf`");
    }
    let listener = match TcpListener::bind(("127.0.0.1", args.port)) {
        Ok(l) => l,
        Err(e) => {
            return usage(
                term,
                &format!("không mở được cổng {} trên 127.0.0.1: {}", args.port, io_reason(&e)),
                "chọn cổng khác bằng `--port`, hoặc bỏ `--port` để dùng cổng trống",
            );
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let url = format!("http://127.0.0.1:{port}/");
    println!("xem trước tại {url} (Ctrl+C để dừng)");
    let _ = std::io::stdout().flush();
    let shared = Arc::new(Shared::default());
    let server = Arc::clone(&shared);
    std::thread::spawn(move || preview::http::serve(listener, server));
    if args.open {
        // The desktop's browser; the preview runs whether or not it opens.
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let engine = args.engine.engine();
    preview::watch(&engine, &args.input, args.engine.layouts.as_deref(), args.output.as_deref(), &shared)
}
