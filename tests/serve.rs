//! `netkaart serve` over HTTP: the page, the preview, problems at their field in the form's
//! language, the limits and the security headers. The server runs on a free port of
//! 127.0.0.1; the requests are plain HTTP/1.1 written by hand.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;

use netkaart::serve::{Server, spawn};
use netkaart::{Engine, Lang};

/// One server for the whole file.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        spawn("127.0.0.1:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl)).unwrap()
    })
}

/// The status, headers (lower case) and body of a request.
fn request(method: &str, path: &str, content_type: &str, body: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect(server()).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    // A server may answer before reading the whole of a body it refuses.
    let _ = stream.write_all(body);
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

fn preview(lang: &str, fields: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let body = serde_json::json!({ "fields": fields });
    let (status, _, text) = request(
        "POST",
        &format!("/preview?lang={lang}"),
        "application/json",
        body.to_string().as_bytes(),
    );
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}

#[test]
fn the_page_asks_the_posters_questions_in_either_language_with_no_inline_script() {
    let (status, head, nl) = request("GET", "/", "text/plain", b"");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-security-policy: default-src 'none'; script-src 'self'"),
        "{head}"
    );
    assert!(nl.contains("<html lang=\"nl\">"));
    assert!(nl.contains("Wat associeer je met netwerken?"));
    assert!(nl.contains("<label for=\"f-person-name\">Je naam</label>"));
    assert!(nl.contains("<option>Beleidsmakers</option>"));
    assert!(nl.contains("href=\"/?lang=en\""));
    let (_, _, en) = request("GET", "/?lang=en", "text/plain", b"");
    assert!(en.contains("What do you associate with networking?"));
    // Scripts only from the server, none written in the page.
    assert_eq!(nl.matches("<script").count(), 1);
    assert!(nl.contains("<script src=\"/app.js\" defer></script>"));
    // Every id a label points at exists.
    for part in nl.split("<label for=\"").skip(1) {
        let id = part.split('"').next().unwrap();
        assert!(nl.contains(&format!("id=\"{id}\"")), "no field {id}");
    }
    let (status, head, _) = request("GET", "/app.js", "text/plain", b"");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/javascript"));
}

#[test]
fn the_preview_draws_the_poster_and_places_each_problem_at_its_field_in_the_forms_language() {
    let (status, answer) = preview(
        "nl",
        &[
            ("person.name", "An Peeters"),
            ("contacts.1.name", "Luc"),
            ("contacts.1.kind", "Beleidsmakers"),
        ],
    );
    assert_eq!(status, 200, "{answer}");
    assert!(answer["svg"].as_str().unwrap().starts_with("<svg"));
    assert_eq!(answer["problems"], serde_json::json!([]));
    let (status, answer) =
        preview("nl", &[("contacts.1.name", "Luc"), ("contacts.1.kind", "buurman")]);
    assert_eq!(status, 422);
    assert_eq!(answer["problems"][0]["field"], "contacts.1.kind");
    assert!(
        answer["problems"][0]["message"].as_str().unwrap().starts_with("onbekende soort 'buurman'")
    );
    let (_, answer) = preview("en", &[("contacts.1.name", "Luc"), ("contacts.1.kind", "buurman")]);
    assert!(
        answer["problems"][0]["message"].as_str().unwrap().starts_with("unknown kind 'buurman'")
    );
    // An empty form is the blank poster.
    let (status, answer) = preview("nl", &[]);
    assert_eq!(status, 200);
    assert!(answer["svg"].is_string());
}

#[test]
fn participant_text_never_becomes_markup() {
    for name in
        ["<script>alert(1)</script>", "\"><img src=x>", "#set page(width: 1cm)", "$x^2$ *bold*"]
    {
        let (status, answer) = preview("en", &[("person.name", name), ("contacts.1.name", name)]);
        assert_eq!(status, 200, "{name}: {answer}");
        let svg = answer["svg"].as_str().unwrap();
        assert!(!svg.contains("<script") && !svg.contains("<img"), "{name} came through as markup");
    }
}

#[test]
fn bad_or_oversized_requests_get_a_clear_answer() {
    let big = vec![b'a'; 2 * 1024 * 1024];
    let (status, _, _) = request("POST", "/preview", "application/json", &big);
    assert_eq!(status, 413, "a body over the answers' 1 MiB limit");
    let (status, _, _) = request("POST", "/preview", "text/plain", b"{\"fields\": []}");
    assert_eq!(status, 415, "not JSON");
    let (status, _, _) = request("POST", "/preview", "application/json", b"{\"fields\": 5}");
    assert_eq!(status, 422, "JSON of the wrong shape");
    let (status, _, _) = request("GET", "/../../etc/passwd", "text/plain", b"");
    assert_eq!(status, 404);
}
