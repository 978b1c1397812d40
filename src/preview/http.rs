//! The preview's HTTP server. It listens on the loopback interface only and answers a few fixed
//! paths from memory: the page, the state, the pages as SVG, an event stream of new versions,
//! and the browser's report of what it shows. No file is ever served from disk, and a request
//! naming another host (DNS rebinding) is refused.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::Shared;

/// The page: markup, style and script in one file, embedded.
const PAGE: &str = include_str!("page.html");

/// The longest request head read.
const HEAD_LIMIT: usize = 8 * 1024;

/// Serves `listener` until the process ends, a thread per connection.
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            // A client gone mid-answer is no error of ours.
            let _ = handle(stream, &shared, port);
        });
    }
}

/// One request.
fn handle(stream: TcpStream, shared: &Shared, port: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    // Never more than the limit is read, however long a line is; a head cut short is refused.
    let mut reader = BufReader::new(stream.try_clone()?.take(HEAD_LIMIT as u64));
    let (mut head, mut read) = (vec![], 0);
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        read += n;
        if n == 0 {
            if read >= HEAD_LIMIT {
                // Answer, then read what the client still sends (a little) so that closing does
                // not reset the connection before it has the answer.
                let rest = stream.try_clone()?;
                respond(stream, "431 Request Header Fields Too Large", "text/plain", b"")?;
                rest.shutdown(std::net::Shutdown::Write)?;
                let _ = std::io::copy(&mut rest.take(1 << 20), &mut std::io::sink());
                return Ok(());
            }
            break;
        }
        if line == "\r\n" || line == "\n" {
            break;
        }
        head.push(line.trim_end().to_owned());
    }
    let mut parts = head.first().map(String::as_str).unwrap_or_default().split(' ');
    let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let host =
        head.iter().find_map(|h| h.strip_prefix("Host: ").or_else(|| h.strip_prefix("host: "))).unwrap_or("");
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !allowed.iter().any(|a| a == host) {
        return respond(
            stream,
            "403 Forbidden",
            "text/plain; charset=utf-8",
            "chỉ phục vụ 127.0.0.1".as_bytes(),
        );
    }
    if method != "GET" {
        return respond(stream, "405 Method Not Allowed", "text/plain; charset=utf-8", b"GET");
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        "/" => respond(stream, "200 OK", "text/html; charset=utf-8", PAGE.as_bytes()),
        "/trang.json" => {
            let json = shared.state.lock().expect("not poisoned").summary_json();
            respond(stream, "200 OK", "application/json", json.as_bytes())
        }
        "/su-kien" => events(stream, shared),
        "/da-xem" => {
            let shown =
                query.split('&').find_map(|kv| kv.strip_prefix("phien-ban=")).and_then(|v| v.parse().ok());
            match shown {
                Some(v) => {
                    shared.update(|s| s.seen = s.seen.max(v));
                    respond(stream, "204 No Content", "text/plain", b"")
                }
                None => respond(stream, "400 Bad Request", "text/plain", b"phien-ban"),
            }
        }
        _ => {
            let page = path
                .strip_prefix("/trang/")
                .and_then(|p| p.strip_suffix(".svg"))
                .and_then(|n| n.parse::<usize>().ok());
            let svg = page.and_then(|n| n.checked_sub(1)).and_then(|i| {
                shared.state.lock().expect("not poisoned").pages.get(i).map(|p| Arc::clone(&p.svg))
            });
            match svg {
                Some(svg) => respond(stream, "200 OK", "image/svg+xml", &svg),
                None => respond(stream, "404 Not Found", "text/plain; charset=utf-8", "không có".as_bytes()),
            }
        }
    }
}

/// A complete answer; the connection closes after it.
fn respond(mut stream: TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'self'; \
         style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// Server-sent events: the version now, then each new one; a comment now and then finds a
/// closed connection.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    let mut sent = None;
    loop {
        let version = {
            let state = shared.state.lock().expect("not poisoned");
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, Duration::from_secs(15), |s| Some(s.version) == sent)
                .expect("not poisoned");
            state.version
        };
        if Some(version) == sent {
            stream.write_all(b": ping\n\n")?;
        } else {
            write!(stream, "data: {version}\n\n")?;
            sent = Some(version);
        }
        stream.flush()?;
    }
}
