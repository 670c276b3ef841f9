//! `netkaart serve`: the poster as a form in the browser, with the poster drawn beside it as
//! one types. A local web server (127.0.0.1 unless told otherwise) whose page, script and
//! style are inside the binary. The form sends its fields as a spreadsheet row is read
//! (`inputs::spreadsheet::answers_from_fields`): the same reader and limits as `batch`, each
//! problem at its field, in the participant's language.
//!
//! No route reads or writes a path that a request names: the only file the server reads is
//! the one given on the command line, once, at start; downloads are made in memory and
//! uploads are read from the request's body.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::error::Error;
use crate::inputs::spreadsheet::answers_from_fields;
use crate::lang::Lang;
use crate::limits::MAX_FILE_BYTES;
use crate::problem::Problem;
use crate::render::Engine;

mod facilitator;
mod files;
mod guard;
pub mod html;
mod listen;
mod mapview;
mod page;
mod preview;
mod queue;
mod room;
mod workshop;

pub use workshop::Room;

/// The scripts and the style of the pages, embedded.
const SCRIPT: &str = include_str!("../../web/app.js");
const MAP_SCRIPT: &str = include_str!("../../web/map.js");
const LISTS_SCRIPT: &str = include_str!("../../web/lists.js");
const FACILITATOR_SCRIPT: &str = include_str!("../../web/facilitator.js");
const STYLE: &str = include_str!("../../web/app.css");

/// The server's shared state: one engine (fonts and templates loaded once), the language
/// the page opens in, the answers file given on the command line, the workshop, and the
/// previews waiting for a core.
#[derive(Clone)]
pub struct Server {
    engine: Arc<Engine>,
    lang: Lang,
    opened: Option<Arc<Opened>>,
    room: Option<Arc<Room>>,
    queue: Arc<queue::Queue>,
}

/// The answers file the form opens with, read once at start.
struct Opened {
    answers: Answers,
    /// Tells this file from another, so that the page knows whether what it kept in local
    /// storage was made from it.
    id: String,
}

impl Server {
    /// A server over `engine`, whose page opens in `lang` with an empty form.
    pub fn new(engine: Engine, lang: Lang) -> Self {
        Server {
            engine: Arc::new(engine),
            lang,
            opened: None,
            room: None,
            queue: queue::Queue::for_this_machine(),
        }
    }

    /// The same server for a workshop: participants send their answers into `room`.
    pub fn with_room(self, room: Room) -> Self {
        Server { room: Some(Arc::new(room)), ..self }
    }

    /// The workshop, if this server runs one.
    pub fn room(&self) -> Option<&Room> {
        self.room.as_deref()
    }

    /// The same server, whose form opens filled with `answers` (read from a file of the
    /// text `source`).
    pub fn with_answers(self, answers: Answers, source: &[u8]) -> Self {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        source.hash(&mut hasher);
        let id = format!("{:016x}", hasher.finish());
        Server { opened: Some(Arc::new(Opened { answers, id })), ..self }
    }

    /// The routes: the page, its script and style, the preview, the downloads and the
    /// opening of answers; in a workshop, the sending of answers, the edit links and the
    /// facilitator's page.
    pub fn router(self) -> Router {
        let router = if self.room.is_some() {
            Router::new()
                .route("/", get(workshop::form))
                .route("/edit/{token}", get(workshop::form))
                .route("/submit", post(workshop::submit))
                .route("/mine", post(workshop::mine))
                .route("/facilitator", get(facilitator::page))
                .route("/facilitator/sign", get(facilitator::sign))
                .route("/facilitator/blank.pdf", get(facilitator::blank))
                .route("/facilitator/list", get(facilitator::list))
                .route("/facilitator/handouts", post(facilitator::handouts))
                .route("/facilitator/poster/{file}", get(facilitator::poster))
                .route("/facilitator/portrait.pdf", get(facilitator::portrait))
                .route("/facilitator/stats.csv", get(facilitator::stats))
                .route(
                    "/facilitator.js",
                    get(|| async {
                        with_type("text/javascript; charset=utf-8", FACILITATOR_SCRIPT)
                    }),
                )
        } else {
            Router::new().route("/", get(index))
        };
        router
            .route("/app.js", get(|| async { with_type("text/javascript; charset=utf-8", SCRIPT) }))
            .route(
                "/map.js",
                get(|| async { with_type("text/javascript; charset=utf-8", MAP_SCRIPT) }),
            )
            .route(
                "/lists.js",
                get(|| async { with_type("text/javascript; charset=utf-8", LISTS_SCRIPT) }),
            )
            .route("/app.css", get(|| async { with_type("text/css; charset=utf-8", STYLE) }))
            .route("/preview", post(preview::preview))
            .route("/download/{file}", post(files::download))
            .route("/open", post(files::open))
            .route("/fields", post(files::fields))
            .route("/opened", get(files::opened))
            .route("/then", post(files::then))
            .layer(DefaultBodyLimit::max(MAX_FILE_BYTES))
            .layer(axum::middleware::from_fn(guard::whole_body))
            .layer(axum::middleware::map_response(guard::secure))
            .layer(axum::middleware::from_fn(guard::own_host))
            .with_state(self)
    }
}

/// Serves until the process ends, on `listener` (`listen.rs`: timeouts and connection
/// caps); each handler may know who asks (the facilitator's page answers only this machine,
/// or the key).
pub async fn serve(listener: tokio::net::TcpListener, server: Server) {
    if let (Some(room), Ok(bound)) = (&server.room, listener.local_addr()) {
        room.bound(bound);
    }
    listen::serve(listener, server.router()).await
}

/// Binds `addr` and serves on a thread of its own; returns the address bound (a port of 0
/// picks a free one). For tests and for `netkaart serve`.
pub fn spawn(addr: SocketAddr, server: Server) -> std::io::Result<SocketAddr> {
    // With timers: the serving loop waits a moment when accepting fails (out of file
    // descriptors), and hyper times out slow headers and idle connections.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_io().enable_time().build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
    let bound = listener.local_addr()?;
    if let Some(room) = &server.room {
        room.bound(bound);
    }
    std::thread::spawn(move || runtime.block_on(serve(listener, server)));
    Ok(bound)
}

fn with_type(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// `?lang=en`: the language of the page and of its messages.
#[derive(Deserialize)]
struct LangQuery {
    lang: Option<Lang>,
}

impl LangQuery {
    fn or(&self, server: &Server) -> Lang {
        self.lang.unwrap_or(server.lang)
    }
}

async fn index(State(server): State<Server>, Query(q): Query<LangQuery>) -> Response {
    page::page(q.or(&server), &page::Mode::Alone).into_response()
}

/// What the form sends: its fields, each a question's key and its answer as typed; and the
/// text of an earlier answers file opened as "then", for the comparison.
#[derive(Deserialize)]
struct Fields {
    fields: Vec<(String, String)>,
    #[serde(default)]
    then: Option<String>,
}

/// The earlier answers the page opened as "then", read as `compare` reads a file; none when
/// it sent none, else every problem worded in `lang` (not at a field of the form: the file
/// is not in it).
fn read_then(then: Option<&str>, lang: Lang) -> Result<Option<Answers>, Vec<Said>> {
    let Some(text) = then else { return Ok(None) };
    Answers::parse(text.as_bytes(), Path::new(THEN_FILE)).map(Some).map_err(|err| match err {
        Error::Input(e) => vec![Said { field: None, message: e.render(e.lang.unwrap_or(lang)) }],
        other => vec![unexpected(&other, lang)],
    })
}

/// How messages name the earlier answers file, whose own name the server never learns.
const THEN_FILE: &str = "then.yaml";

/// A message about one field (none: about the whole form), worded for the participant.
#[derive(Serialize, Debug)]
struct Said {
    field: Option<String>,
    message: String,
}

/// The answers of the form's fields; or every problem, each at its field, worded in
/// `lang`.
fn read_form(fields: &[(String, String)], lang: Lang) -> Result<Answers, Vec<Said>> {
    let say = |err: &Error| match err {
        Error::Input(e) => match &e.problem {
            Some(Problem::MissingKey { key }) => {
                let field = e.field.as_deref().unwrap_or_default();
                required(field, key, lang).unwrap_or_else(|| said(e, lang))
            }
            _ => said(e, lang),
        },
        other => unexpected(other, lang),
    };
    answers_from_fields(fields, Path::new("form"))
        .map_err(|errors| errors.iter().map(say).collect())
}

/// A problem with the answers said at its field, with its help, in `lang`. A remedy
/// outside the answers is the command line's to offer (a date read month first): the page
/// reads its dates day first, as its fields say, and the help says so.
fn said(e: &crate::InputError, lang: Lang) -> Said {
    let help: Vec<String> = e.help.iter().map(|h| h.render(lang)).collect();
    let help = if help.is_empty() { String::new() } else { format!(" ({})", help.join("; ")) };
    Said { field: e.field.clone(), message: e.message.render(lang) + &help }
}

/// A contact or an action with answers but without the one it must have (a name, what to
/// do), said at that empty field: `field` is the item (`contacts.4`), `key` its missing
/// field.
fn required(field: &str, key: &str, lang: Lang) -> Option<Said> {
    let (list, n) = field.rsplit_once('.')?;
    if !crate::form::LISTS.contains(&list) {
        return None;
    }
    let (item, questions) = crate::form::item(lang, list);
    let question = questions.iter().find(|q| q.key == format!("{list}.{{n}}.{key}"))?;
    let message = crate::messages::Message::new("input.form_required")
        .arg("title", &question.title)
        .arg("item", item.replace("{n}", n));
    Some(Said { field: Some(format!("{field}.{key}")), message: message.render(lang) })
}

/// An error that the form's answers cannot cause (a failed compilation, say), worded in
/// `lang` for the page's status line.
fn unexpected(err: &Error, lang: Lang) -> Said {
    Said { field: None, message: err.text(&crate::error::SettingName::described).render(lang) }
}

/// What Typst's caches keep after each compilation: what the last 30 used. Without trimming
/// memory grows with every preview of a long session. 30 rather than `batch`'s 4: a preview
/// reuses most of the one before, and with 4 or 10 the median preview took 45 ms instead
/// of 29.
const KEEP_CACHES: usize = 30;

/// Runs `work` (a compilation) on the queue's threads in `turn`, and trims Typst's caches
/// after it (`queue.rs`).
async fn in_turn<T: Send + 'static>(
    server: &Server,
    turn: queue::Turn,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let trim = || typst::comemo::evict(KEEP_CACHES);
    server
        .queue
        .run(turn, work, trim)
        .await
        .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}
