//! The preview's HTTP server. It listens on the loopback interface only and answers a few fixed
//! paths from memory: the page, the state, the bands of the pages as SVG by their hash, an event
//! stream of the state (with the SVG of the bands an edit changed), and the browser's report of
//! what it shows. No file is ever served from disk, and a request naming another host (DNS
//! rebinding) is refused.

use std::hash::{BuildHasher, RandomState};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::Shared;

/// The page: markup, style and script in one file, embedded.
const PAGE: &str = include_str!("page.html");

/// The longest request head read.
const HEAD_LIMIT: usize = 8 * 1024;

/// The header that carries the page's token with its report of what it shows.
const TOKEN_HEADER: &str = "x-vanban-token: ";

/// A token for this server's page, unguessable by another page: from the keys the standard
/// library draws at random for its hash maps.
fn token() -> String {
    let keys = RandomState::new();
    format!("{:016x}{:016x}", keys.hash_one(1u8), keys.hash_one(2u8))
}

/// The most connections served at once: a page holds two or three (its event stream, the
/// bands it loads). One past it is answered 503 and closed.
const MAX_CONNECTIONS: usize = 64;

/// Serves `listener` until the process ends, a thread per connection, at most
/// [`MAX_CONNECTIONS`] at once. A connection that finds no room, or no thread (a limit on
/// processes), is refused; the server goes on.
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let token: Arc<str> = token().into();
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = busy(stream);
            continue;
        }
        let (shared, token, count) = (Arc::clone(&shared), Arc::clone(&token), Arc::clone(&open));
        let spare = stream.try_clone();
        let spawned = std::thread::Builder::new().spawn(move || {
            let _room = Leaves(count);
            // A client gone mid-answer is no error of ours.
            let _ = handle(stream, &shared, port, &token);
        });
        if spawned.is_err() {
            open.fetch_sub(1, Ordering::SeqCst);
            if let Ok(stream) = spare {
                let _ = busy(stream);
            }
        }
    }
}

/// A connection's room, given back when its thread ends, however it ends.
struct Leaves(Arc<AtomicUsize>);

impl Drop for Leaves {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The answer to a connection there is no room for. What the client has sent already is read
/// first (without waiting for more), so that closing does not reset the connection before it
/// has the answer.
fn busy(mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_nonblocking(true)?;
    let mut sent = [0; HEAD_LIMIT];
    while matches!(stream.read(&mut sent), Ok(n) if n > 0) {}
    stream.set_nonblocking(false)?;
    let rest = stream.try_clone()?;
    respond(stream, "503 Service Unavailable", "text/plain; charset=utf-8", "đang bận, thử lại".as_bytes())?;
    rest.shutdown(std::net::Shutdown::Write)
}

/// One request. Reading is by GET; the one request that changes the state, the page's report
/// of what it shows, is a POST carrying the page's token.
fn handle(stream: TcpStream, shared: &Shared, port: u16, token: &str) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    // Each answer is written whole: no waiting for acknowledgements of its first part.
    stream.set_nodelay(true)?;
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
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let wanted = if path == "/da-xem" { "POST" } else { "GET" };
    if method != wanted {
        return respond(stream, "405 Method Not Allowed", "text/plain; charset=utf-8", wanted.as_bytes());
    }
    let sent = head.iter().find_map(|h| {
        let (name, value) = h.split_at_checked(TOKEN_HEADER.len())?;
        name.eq_ignore_ascii_case(TOKEN_HEADER).then_some(value)
    });
    if path == "/da-xem" && sent != Some(token) {
        return respond(stream, "403 Forbidden", "text/plain; charset=utf-8", b"token");
    }
    answer(stream, shared, path, query, token)
}

/// The answer to an allowed request for `path` with `query`; `token` is the page's.
fn answer(stream: TcpStream, shared: &Shared, path: &str, query: &str, token: &str) -> std::io::Result<()> {
    match path {
        "/" => {
            let page = PAGE.replace("{{token}}", token);
            respond(stream, "200 OK", "text/html; charset=utf-8", page.as_bytes())
        }
        "/trang.json" => {
            let json = shared.state.lock().expect("not poisoned").summary_json(false);
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
            let hash = path.strip_prefix("/dai/").and_then(|p| p.strip_suffix(".svg"));
            let svg = hash.and_then(|h| shared.state.lock().expect("not poisoned").band(h));
            match svg {
                Some(svg) => respond(stream, "200 OK", "image/svg+xml", svg.as_bytes()),
                None => respond(stream, "404 Not Found", "text/plain; charset=utf-8", "không có".as_bytes()),
            }
        }
    }
}

/// A complete answer; the connection closes after it.
fn respond(mut stream: TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let mut answer = Vec::with_capacity(body.len() + 512);
    write!(
        answer,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'self'; \
         style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    answer.extend_from_slice(body);
    stream.write_all(&answer)?;
    stream.flush()
}

/// Server-sent events: the state now, then again at each new version and when its findings are
/// ready, so that the page needs no request of its own to learn what changed; a comment now
/// and then finds a closed connection.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    let mut sent = None;
    loop {
        let news = {
            let state = shared.state.lock().expect("not poisoned");
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, Duration::from_secs(15), |s| Some(s.news()) == sent)
                .expect("not poisoned");
            // The new bands go with the first event of a version only.
            let fresh = sent.is_none_or(|(v, _)| v != state.version);
            (Some(state.news()) != sent).then(|| (state.news(), state.summary_json(fresh)))
        };
        match news {
            Some((news, json)) => {
                stream.write_all(format!("data: {json}\n\n").as_bytes())?;
                sent = Some(news);
            }
            None => stream.write_all(b": ping\n\n")?,
        }
        stream.flush()?;
    }
}
