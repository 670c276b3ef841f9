//! `POST /preview`: the map (or the poster's first page) as SVG for the form's fields, the
//! map's cells and where each name went (`mapview`), the answers that were cut and the
//! problems, each at its field.

use axum::extract::{Query, State};
use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::ConnectInfo;
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::html::Html;
use super::mapview::MapView;
use super::{Fields, Said, Server, in_turn, read_form, read_then, unexpected};
use crate::Template;
use crate::lang::Lang;
use crate::messages::Message;
use crate::render::{Engine, Format, Request};
use crate::templates::Then;
use std::sync::Arc;

const SERVER_TIMING: HeaderName = HeaderName::from_static("server-timing");

/// What the preview answers: the map or the poster's first page as SVG, the map for the
/// page, the warnings (an answer cut, by field) and the problems (by field), worded in the
/// form's language.
#[derive(Serialize, Default)]
pub(super) struct Preview {
    svg: Option<String>,
    pub(super) map: Option<MapView>,
    warnings: Vec<Said>,
    problems: Vec<Said>,
}

/// `?lang=…&client=…&map=1`: the page's language; which page asks (a random name each page
/// makes for itself), so that its older previews still waiting can be dropped; and whether
/// to draw the map alone (the page's map, which it lays its cells and names over) rather
/// than the whole poster; `compare=1`: the comparison with the earlier answers sent.
#[derive(Deserialize)]
pub(super) struct PreviewQuery {
    lang: Option<Lang>,
    client: Option<String>,
    map: Option<u8>,
    compare: Option<u8>,
}

pub(super) async fn preview(
    State(server): State<Server>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(q): Query<PreviewQuery>,
    axum::Json(body): axum::Json<Fields>,
) -> Response {
    let lang = q.lang.unwrap_or(server.lang);
    // A newer preview of the same page came in while this one waited: it answers instead.
    let page = q.client.as_deref().unwrap_or_default();
    let Some(turn) = server.queue.turn(peer.ip(), &format!("preview/{page}")).await else {
        return StatusCode::NO_CONTENT.into_response();
    };
    let engine = server.engine.clone();
    let template = match (q.map, q.compare) {
        (_, Some(1)) => Template::Compare,
        (Some(1), _) => Template::Map,
        _ => Template::Poster,
    };
    let made = in_turn(&server, turn, move || {
        let start = Instant::now();
        let preview = make_preview(&engine, template, &body, lang);
        let json = serde_json::to_vec(&preview).expect("a preview always serialises");
        (preview.problems.is_empty(), json, start.elapsed())
    })
    .await;
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

/// The preview of the poster (or of its map, or of the comparison with the earlier answers)
/// for the fields of the form.
pub(super) fn make_preview(
    engine: &Engine,
    template: Template,
    body: &Fields,
    lang: Lang,
) -> Preview {
    let mut answers = match read_form(&body.fields, lang) {
        Ok(answers) => answers,
        Err(problems) => return Preview { problems, ..Preview::default() },
    };
    // A form that names no language is drawn in the page's.
    answers.lang = answers.lang.or(Some(lang));
    let before = match read_then(body.then.as_deref(), lang) {
        Ok(before) => before.map(Arc::new),
        Err(problems) => return Preview { problems, ..Preview::default() },
    };
    if matches!(template.document().then, Then::Required(_)) && before.is_none() {
        let message = Message::new("room.then_needed").render(lang);
        return Preview { problems: vec![Said { field: None, message }], ..Preview::default() };
    }
    let orientation = template.document().orientation;
    let request = Request { before, ..Request::new(template, answers, orientation) };
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
    let map = Some(MapView::of(&compiled.map, &request.answers, lang));
    Preview { svg, map, warnings, problems: Vec::new() }
}

/// The SVG with the poster's words as its description: Typst draws letters as shapes, so a
/// screen reader (and a test) finds the words there.
fn described(svg: &str, text: &str) -> String {
    let at = svg.find("<svg").and_then(|i| svg[i..].find('>').map(|j| i + j + 1));
    match at {
        Some(at) => format!("{}<desc>{}</desc>{}", &svg[..at], Html::text(text), &svg[at..]),
        None => svg.to_string(),
    }
}
