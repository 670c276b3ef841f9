//! `POST /preview`: the poster's first page as SVG for the form's fields, with the answers
//! that were cut on it and the problems, each at its field.

use axum::extract::{Query, State};
use std::time::Instant;

use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::page::escape;
use super::{Fields, LangQuery, Said, Server, blocking, read_form, unexpected};
use crate::lang::Lang;
use crate::render::{Engine, Format, Request};
use crate::{Orientation, Template};

const SERVER_TIMING: HeaderName = HeaderName::from_static("server-timing");

/// What the preview answers: the poster's first page as SVG, the warnings (an answer cut,
/// by field) and the problems (by field), worded in the form's language.
#[derive(Serialize, Default)]
struct Preview {
    svg: Option<String>,
    warnings: Vec<Said>,
    problems: Vec<Said>,
}

pub(super) async fn preview(
    State(server): State<Server>,
    Query(q): Query<LangQuery>,
    axum::Json(body): axum::Json<Fields>,
) -> Response {
    let lang = q.or(&server);
    let engine = server.engine.clone();
    let made = blocking(move || {
        let start = Instant::now();
        let preview = make_preview(&engine, &body.fields, lang);
        let json = serde_json::to_vec(&preview).expect("a preview always serialises");
        (preview.problems.is_empty(), json, start.elapsed())
    })
    .await;
    // Without this, memory grows by the caches of every preview of a long session; done
    // after the answer is made, as it takes as long as a compilation.
    tokio::task::spawn_blocking(|| typst::comemo::evict(30));
    match made {
        Ok((fine, json, took)) => {
            let status = if fine { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            // The server's own time, for the browser's developer tools and the benchmark.
            let timing = format!("preview;dur={:.1}", took.as_secs_f64() * 1000.0);
            (
                status,
                [(header::CONTENT_TYPE, "application/json".to_string()), (SERVER_TIMING, timing)],
                json,
            )
                .into_response()
        }
        Err(response) => response,
    }
}

/// The preview of the poster for the fields of the form.
fn make_preview(engine: &Engine, fields: &[(String, String)], lang: Lang) -> Preview {
    let mut answers = match read_form(fields, lang) {
        Ok(answers) => answers,
        Err(problem) => return Preview { problems: vec![problem], ..Preview::default() },
    };
    // A form that names no language is drawn in the page's.
    answers.lang = answers.lang.or(Some(lang));
    let request = Request::new(Template::Poster, answers, Orientation::Landscape);
    let compiled = match engine.compile(&request) {
        Ok(compiled) => compiled,
        Err(err) => {
            return Preview { problems: vec![unexpected(&err, lang)], ..Preview::default() };
        }
    };
    let svg = compiled
        .export(Format::Svg, 72.0)
        .ok()
        .and_then(|pages| pages.into_iter().next())
        .map(|bytes| described(&String::from_utf8_lossy(&bytes), &compiled.text()));
    let warnings = compiled
        .warnings
        .iter()
        .map(|w| Said { field: Some(w.field.clone()), message: w.message.render(lang) })
        .collect();
    Preview { svg, warnings, problems: Vec::new() }
}

/// The SVG with the poster's words as its description: Typst draws letters as shapes, so a
/// screen reader (and a test) finds the words there.
fn described(svg: &str, text: &str) -> String {
    let at = svg.find("<svg").and_then(|i| svg[i..].find('>').map(|j| i + j + 1));
    match at {
        Some(at) => format!("{}<desc>{}</desc>{}", &svg[..at], escape(text), &svg[at..]),
        None => svg.to_string(),
    }
}
