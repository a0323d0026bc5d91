//! `ravel explore`: a web page on 127.0.0.1 to walk through a spec's states
//! by hand.
//!
//! The page (`assets/explore.html`, built into the binary) asks this server
//! for JSON: the current state with what changed, the enabled action
//! instances, the history; it takes an action, goes back and forward,
//! evaluates an expression in the current state, loads an ITF trace (a
//! counterexample) to step through, and checks the whole spec. `session.rs`
//! holds the walk; [`handle`] maps a request to an answer; [`serve`] is the
//! HTTP loop (tiny_http, one request at a time: one user).

mod session;

pub use session::Session;

use serde_json::{Value as Json, json};

/// The page, with its script and style.
const PAGE: &str = include_str!("../../../assets/explore.html");

/// An answer: status, content type and body.
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: String,
}

fn json_answer(status: u16, value: &Json) -> Answer {
    Answer {
        status,
        content_type: "application/json",
        body: value.to_string(),
    }
}

/// The answer to one request. Every `POST` that changes the walk answers
/// `{"view": ..., "error": ...}`: the page as it now is, and what went
/// wrong if the request could not be done.
pub fn handle(session: &mut Session, method: &str, path: &str, body: &str) -> Answer {
    let args: Json = serde_json::from_str(body).unwrap_or(Json::Null);
    let number = |key: &str| args.get(key).and_then(Json::as_u64).map(|n| n as usize);
    let done = |session: &Session, result: Result<(), String>| {
        json_answer(
            200,
            &json!({ "view": session.view(), "error": result.err() }),
        )
    };
    match (method, path) {
        ("GET", "/") => Answer {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: PAGE.to_string(),
        },
        ("GET", "/api/view") => json_answer(200, &session.view()),
        ("GET", "/api/check") => json_answer(200, &session.check()),
        ("GET", "/api/trace.itf.json") => Answer {
            status: 200,
            content_type: "application/json",
            body: session.trace_itf(),
        },
        ("POST", "/api/take") => {
            let result = number("id").ok_or("which action? (`id`)".to_string());
            let result = result.and_then(|id| session.take(id));
            done(session, result)
        }
        ("POST", "/api/go") => {
            let result = number("step").ok_or("which step? (`step`)".to_string());
            let result = result.and_then(|step| session.go(step));
            done(session, result)
        }
        ("POST", "/api/start") => {
            let result = session.start(number("index").unwrap_or(0));
            done(session, result)
        }
        ("POST", "/api/back") => {
            let result = session.back();
            done(session, result)
        }
        ("POST", "/api/forward") => {
            let result = session.forward();
            done(session, result)
        }
        ("POST", "/api/trace") => {
            let result = session.load_trace(body);
            done(session, result)
        }
        ("POST", "/api/eval") => {
            let text = args.get("expr").and_then(Json::as_str).unwrap_or("");
            let answer = match session.eval(text) {
                Ok((value, ty)) => json!({ "value": value, "type": ty }),
                Err(error) => json!({ "error": error }),
            };
            json_answer(200, &answer)
        }
        _ => json_answer(
            404,
            &json!({ "error": format!("no such page: {method} {path}") }),
        ),
    }
}

/// Serve the page on 127.0.0.1 at `port` (0: any free port); `ready` is
/// told the URL once the server listens. Runs until the process stops.
pub fn serve(mut session: Session, port: u16, ready: impl FnOnce(&str)) -> Result<(), String> {
    let server = tiny_http::Server::http(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(port, |addr| addr.port());
    ready(&format!("http://127.0.0.1:{port}/"));
    for mut request in server.incoming_requests() {
        let mut body = String::new();
        let _ = request.as_reader().read_to_string(&mut body);
        let method = request.method().as_str().to_string();
        let path = request.url().split('?').next().unwrap_or("/").to_string();
        let answer = handle(&mut session, &method, &path, &body);
        let header = tiny_http::Header::from_bytes("Content-Type", answer.content_type)
            .expect("a valid header");
        let response = tiny_http::Response::from_string(answer.body)
            .with_status_code(answer.status)
            .with_header(header);
        // A client that went away is not the server's problem.
        let _ = request.respond(response);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
