//! `ravel lsp`, driven as an editor drives it: JSON-RPC messages with
//! `Content-Length` headers over the server's standard input and output.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

struct Server {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ravel"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ravel lsp starts");
        let input = child.stdin.take().expect("stdin");
        let output = BufReader::new(child.stdout.take().expect("stdout"));
        let mut server = Server {
            child,
            input,
            output,
            next_id: 1,
        };
        let init = server.request("initialize", json!({ "capabilities": {} }));
        let caps = &init["capabilities"];
        assert_eq!(caps["hoverProvider"], json!(true), "{init}");
        assert_eq!(caps["definitionProvider"], json!(true));
        assert_eq!(caps["documentSymbolProvider"], json!(true));
        assert!(caps["completionProvider"].is_object());
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.input.flush().expect("flush");
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            let n = self.output.read_line(&mut line).expect("read a header");
            assert!(n > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).expect("read a body");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and return its result, skipping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{message}");
                return message["result"].clone();
            }
        }
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> Value {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
        }
    }

    fn stop(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("the server exits");
        assert!(status.success(), "{status}");
    }
}

const URI: &str = "file:///tmp/spec.rvl";

const SPEC: &str = "\
const RM = symmetric {r1, r2}
type Msg = Prepared { rm: RM } | Commit
var msgs: set<Msg> = {}
var done: bool = false

action Prepare(r: RM) {
    require not done
    msgs += {Prepared { rm: r }}
}

action Finish {
    require |msgs| == 2
    done = true
}

invariant Small: |msgs| <= 2
";

fn at(text: &str, needle: &str) -> Value {
    let offset = text.find(needle).expect("in the spec");
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": column })
}

fn position(uri: &str, text: &str, needle: &str) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": at(text, needle) })
}

fn open(server: &mut Server, text: &str) -> Value {
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "ravel", "version": 1, "text": text } }),
    );
    server.diagnostics()
}

#[test]
fn diagnostics_are_the_checkers_own_errors() {
    let mut server = Server::start();
    let broken = SPEC.replace("require not done", "require not don");
    let published = open(&mut server, &broken);
    assert_eq!(published["uri"], URI);
    let diagnostics = published["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 1, "{published}");
    assert_eq!(
        diagnostics[0]["message"],
        "unknown name `don`\nnot declared\nhelp: did you mean `done`?"
    );
    assert_eq!(diagnostics[0]["severity"], 1);
    let start = at(&broken, "don\n");
    assert_eq!(diagnostics[0]["range"]["start"], start);
    // Fixing the text clears them.
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": SPEC }] }),
    );
    assert_eq!(server.diagnostics()["diagnostics"], json!([]));
    // A syntax error is reported as `ravel check` words it.
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [{ "text": "var x: = 1\n" }] }),
    );
    let diagnostics = server.diagnostics()["diagnostics"].clone();
    assert_eq!(diagnostics[0]["message"], "unexpected `=`\nexpected a type");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 0, "character": 7 })
    );
    server.stop();
}

#[test]
fn hover_definition_completion_and_outline() {
    let mut server = Server::start();
    assert_eq!(open(&mut server, SPEC)["diagnostics"], json!([]));

    let hover = server.request("textDocument/hover", position(URI, SPEC, "msgs += "));
    assert_eq!(
        hover["contents"]["value"],
        "```ravel\nmsgs: set<Msg>\n```\nstate variable"
    );
    let hover = server.request("textDocument/hover", position(URI, SPEC, "r }}"));
    assert_eq!(
        hover["contents"]["value"],
        "```ravel\nr: RM\n```\nbound name"
    );
    let hover = server.request("textDocument/hover", position(URI, SPEC, "Prepare(r"));
    assert_eq!(
        hover["contents"]["value"],
        "```ravel\naction Prepare(r: RM)\n```\naction"
    );

    let definition = server.request(
        "textDocument/definition",
        position(URI, SPEC, "done = true"),
    );
    assert_eq!(definition["uri"], URI);
    assert_eq!(definition["range"]["start"], at(SPEC, "done: bool"));
    let definition = server.request(
        "textDocument/definition",
        position(URI, SPEC, "Prepared { rm: r }}"),
    );
    assert_eq!(
        definition["range"]["start"],
        at(SPEC, "Prepared { rm: RM }")
    );

    let items = server.request("textDocument/completion", position(URI, SPEC, "msgs += "));
    let labels: Vec<&str> = items
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    for name in [
        "r", "msgs", "done", "RM", "Prepared", "r1", "require", "forall",
    ] {
        assert!(labels.contains(&name), "{name} missing from {labels:?}");
    }
    // `r` is Prepare's parameter: not in scope in Finish.
    let items = server.request(
        "textDocument/completion",
        position(URI, SPEC, "done = true"),
    );
    let labels: Vec<&str> = items
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(!labels.contains(&"r"), "{labels:?}");
    let msgs = items
        .as_array()
        .expect("a list")
        .iter()
        .find(|i| i["label"] == "msgs")
        .expect("msgs");
    assert_eq!(msgs["detail"], "state variable: set<Msg>");

    let outline = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let names: Vec<(&str, i64)> = outline
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or(""),
                s["kind"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    // Constant 14, class 5, variable 13, method 6, property 7.
    assert_eq!(
        names,
        [
            ("RM", 14),
            ("Msg", 5),
            ("msgs", 13),
            ("done", 13),
            ("Prepare", 6),
            ("Finish", 6),
            ("Small", 7)
        ]
    );
    let tags: Vec<&str> = outline[1]["children"]
        .as_array()
        .expect("tags under the type")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(tags, ["Prepared", "Commit"]);
    server.stop();
}

#[test]
fn formatting_returns_the_formatted_text() {
    let mut server = Server::start();
    open(&mut server, "var x:0..3=0\ninvariant I:x<=3\n");
    let edits = server.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": URI }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(
        edits[0]["newText"],
        "var x: 0..3 = 0\ninvariant I: x <= 3\n"
    );
    assert_eq!(
        edits[0]["range"]["end"],
        json!({ "line": 2, "character": 0 })
    );
    server.stop();
}

const PROCESSES: &str = "\
const Nodes = {n1, n2}
type Msg = Ping { n: 0..1 } | Pong
channel net: Msg from Node to Node (lossy at most 1)
time 0..2

process Node[n in Nodes] (crash at most 1) {
    var count: 0..1 = 0
    timer retry

    action Send(p: Nodes) {
        require p != n and count < 1
        send Ping { n: count } to p on net
        count = count + 1
    }
}
";

#[test]
fn processes_channels_and_their_names() {
    let mut server = Server::start();
    assert_eq!(open(&mut server, PROCESSES)["diagnostics"], json!([]));
    let outline = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let names: Vec<&str> = outline
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["Nodes", "Msg", "net", "Node"]);
    let children: Vec<(&str, i64)> = outline[3]["children"]
        .as_array()
        .expect("the process's names under it")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or(""),
                s["kind"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    // Variable 13, event 24, method 6.
    assert_eq!(children, [("count", 13), ("retry", 24), ("Send", 6)]);
    // A process's own variable, used in its action, goes to its declaration.
    let definition = server.request(
        "textDocument/definition",
        position(URI, PROCESSES, "count + 1"),
    );
    assert_eq!(definition["range"]["start"], at(PROCESSES, "count: 0..1"));
    let hover = server.request("textDocument/hover", position(URI, PROCESSES, "count < 1"));
    assert_eq!(
        hover["contents"]["value"],
        "```ravel\nvar count: 0..1 = 0\n```\nstate variable"
    );
    let hover = server.request("textDocument/hover", position(URI, PROCESSES, "net: Msg"));
    assert_eq!(
        hover["contents"]["value"],
        "```ravel\nnet: Msg\n```\nchannel"
    );
    server.stop();
}
