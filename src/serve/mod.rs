//! `netkaart serve`: the poster as a form in the browser, with the poster drawn beside it as
//! one types. A local web server (127.0.0.1 unless told otherwise) whose page, script and
//! style are inside the binary. The form sends its fields as a spreadsheet row is read
//! (`inputs::spreadsheet::answers_from_fields`): the same reader and limits as `batch`, each
//! problem at its field, in the participant's language.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::inputs::spreadsheet::answers_from_fields;
use crate::lang::Lang;
use crate::limits::MAX_FILE_BYTES;
use crate::render::{Engine, Format, Request};
use crate::{Orientation, Template};

mod page;

/// The script and the style of the page, embedded.
const SCRIPT: &str = include_str!("../../web/app.js");
const STYLE: &str = include_str!("../../web/app.css");

/// What every answer of the server carries: no script, style or frame from anywhere but the
/// server itself, and no inline script (the page has none).
const SECURITY: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
];

/// The server's shared state: one engine (fonts and templates loaded once), the language
/// the page opens in.
#[derive(Clone)]
pub struct Server {
    engine: Arc<Engine>,
    lang: Lang,
}

impl Server {
    /// A server over `engine`, whose page opens in `lang`.
    pub fn new(engine: Engine, lang: Lang) -> Self {
        Server { engine: Arc::new(engine), lang }
    }

    /// The routes: the page, its script and style, and the preview.
    pub fn router(self) -> Router {
        Router::new()
            .route("/", get(index))
            .route("/app.js", get(|| async { with_type("text/javascript; charset=utf-8", SCRIPT) }))
            .route("/app.css", get(|| async { with_type("text/css; charset=utf-8", STYLE) }))
            .route("/preview", post(preview))
            .layer(DefaultBodyLimit::max(MAX_FILE_BYTES))
            .layer(axum::middleware::map_response(secure))
            .with_state(self)
    }
}

/// Serves until the process ends, on `listener`.
pub async fn serve(listener: tokio::net::TcpListener, server: Server) -> std::io::Result<()> {
    axum::serve(listener, server.router()).await
}

/// Binds `addr` and serves on a thread of its own; returns the address bound (a port of 0
/// picks a free one). For tests and for `netkaart serve`.
pub fn spawn(addr: SocketAddr, server: Server) -> std::io::Result<SocketAddr> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_io().build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(addr))?;
    let bound = listener.local_addr()?;
    std::thread::spawn(move || runtime.block_on(serve(listener, server)));
    Ok(bound)
}

async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY {
        headers.insert(*name, HeaderValue::from_static(value));
    }
    response
}

fn with_type(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// `?lang=en`: the language of the page and of its messages.
#[derive(Deserialize)]
struct LangQuery {
    lang: Option<Lang>,
}

async fn index(State(server): State<Server>, Query(q): Query<LangQuery>) -> Response {
    let html = page::page(q.lang.unwrap_or(server.lang));
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// What the form sends: its fields, each a question's key and its answer as typed.
#[derive(Deserialize)]
struct Fields {
    fields: Vec<(String, String)>,
}

/// What the preview answers: the poster's first page as SVG, the warnings (an answer cut,
/// by field) and the problems (by field), worded in the form's language.
#[derive(Serialize, Default)]
struct Preview {
    svg: Option<String>,
    warnings: Vec<Said>,
    problems: Vec<Said>,
}

/// A message about one field.
#[derive(Serialize)]
struct Said {
    field: Option<String>,
    message: String,
}

async fn preview(
    State(server): State<Server>,
    Query(q): Query<LangQuery>,
    axum::Json(body): axum::Json<Fields>,
) -> Response {
    let lang = q.lang.unwrap_or(server.lang);
    let engine = server.engine.clone();
    let made = tokio::task::spawn_blocking(move || make_preview(&engine, &body.fields, lang)).await;
    match made {
        Ok(preview) => {
            let status = if preview.problems.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            (status, axum::Json(preview)).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The preview of the poster for the fields of the form.
fn make_preview(engine: &Engine, fields: &[(String, String)], lang: Lang) -> Preview {
    let origin = Path::new("form");
    let mut answers = match answers_from_fields(fields, origin) {
        Ok(answers) => answers,
        Err(Error::Input(e)) => {
            let message = e.message.render(lang);
            let help = e.help.as_ref().map(|h| format!(" ({})", h.render(lang)));
            return Preview {
                problems: vec![Said {
                    field: e.field.clone(),
                    message: message + &help.unwrap_or_default(),
                }],
                ..Preview::default()
            };
        }
        Err(other) => {
            return Preview {
                problems: vec![Said { field: None, message: other.to_string() }],
                ..Preview::default()
            };
        }
    };
    answers.lang = answers.lang.or(Some(lang));
    let request = Request::new(Template::Poster, answers, Orientation::Landscape);
    let compiled = match engine.compile(&request) {
        Ok(compiled) => compiled,
        Err(err) => {
            return Preview {
                problems: vec![Said { field: None, message: err.to_string() }],
                ..Preview::default()
            };
        }
    };
    let svg = compiled
        .export(Format::Svg, 72.0)
        .ok()
        .and_then(|pages| pages.into_iter().next())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    let warnings = compiled
        .warnings
        .iter()
        .map(|w| Said { field: Some(w.field.clone()), message: w.message.render(lang) })
        .collect();
    Preview { svg, warnings, problems: Vec::new() }
}
