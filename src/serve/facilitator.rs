//! The facilitator's side of a workshop: the participants' address and its QR code (also
//! as a sign to print on A4), the submissions as they arrive, every handout in one PDF for
//! the printer, and one participant's poster. Reachable from the facilitator's own machine,
//! or from elsewhere with the key printed at start.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use axum::extract::{ConnectInfo, FromRequestParts, Path as UrlPath, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::files::File;
use super::html::Html;
use super::page::{head, word};
use super::workshop::Room;
use super::{Server, in_turn};
use crate::answers::Answers;
use crate::batch::{Batch, NamePattern};
use crate::html;
use crate::inputs::{Part, Record, Source};
use crate::lang::Lang;
use crate::messages::Message;
use crate::render::Request;
use crate::review::group::{Group, Naming, Row};
use crate::review::table::{self, Separator};
use crate::templates::{at, words};
use crate::workshop::qr;
use crate::{Orientation, Print, Template};

/// `?key=…&lang=…`: the facilitator's key (not needed on their own machine).
#[derive(Deserialize)]
pub(super) struct KeyQuery {
    key: Option<String>,
    lang: Option<Lang>,
}

/// A request of the facilitator: from this machine, or with the key. Any other request to
/// a facilitator's route is refused (403) before its handler runs.
pub(super) struct Facilitator {
    room: Arc<Room>,
    lang: Lang,
    /// The key as the request gave it, for the page's own requests.
    key: Option<String>,
    /// Where the request came from, for the queue.
    peer: SocketAddr,
}

impl FromRequestParts<Server> for Facilitator {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, server: &Server) -> Result<Self, StatusCode> {
        if cross_site(parts) {
            return Err(StatusCode::FORBIDDEN);
        }
        let ConnectInfo(peer) = ConnectInfo::<SocketAddr>::from_request_parts(parts, server)
            .await
            .map_err(|_| StatusCode::FORBIDDEN)?;
        let Query(q) = Query::<KeyQuery>::from_request_parts(parts, server)
            .await
            .map_err(|_| StatusCode::FORBIDDEN)?;
        let room = server.room.clone().ok_or(StatusCode::NOT_FOUND)?;
        let with_key = q.key.as_deref().is_some_and(|k| room.admits(k));
        if !(from_this_machine(peer.ip()) || with_key) {
            return Err(StatusCode::FORBIDDEN);
        }
        Ok(Facilitator { room, lang: q.lang.unwrap_or(server.lang), key: q.key, peer })
    }
}

/// Whether a request was made by a page of another site, opened in the facilitator's
/// browser (a form posted there, an image's address): the browser says so in
/// `Sec-Fetch-Site`, or gives an `Origin` that is not this server's.
fn cross_site(parts: &Parts) -> bool {
    let text = |name: header::HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let site = text(header::HeaderName::from_static("sec-fetch-site"));
    if site.is_some_and(|s| s != "same-origin" && s != "none") {
        return true;
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (None, _) => false,
        (Some(origin), Some(host)) => {
            origin != format!("http://{host}") && origin != format!("https://{host}")
        }
        (Some(_), None) => true,
    }
}

/// Whether a request comes from the facilitator's own machine: a loopback address, also as
/// Whether a request comes from the facilitator's own machine: a loopback address, also as
/// an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, as a server listening on `[::]` sees it).
fn from_this_machine(ip: std::net::IpAddr) -> bool {
    ip.to_canonical().is_loopback()
}

/// The facilitator's page.
pub(super) async fn page(Facilitator { room, lang, key, .. }: Facilitator) -> Response {
    let w = words(lang);
    let say = |path: &str| word(w, path);
    let url = room.url();
    let key = Html::text(key.as_deref().unwrap_or_default());
    let code = Html::text(lang.code());
    let open = if room.open {
        html!("<p class=\"warning\">{note}</p>", note = say("serve.open_network"))
    } else {
        Html::default()
    };
    let body = html!(
        " class=\"facilitator\" data-key=\"{key}\" data-lang=\"{code}\" data-none=\"{none}\" data-count=\"{count}\" data-no-name=\"{no_name}\" data-poster=\"{poster}\"",
        key = key,
        code = code,
        none = say("serve.facilitator.none"),
        count = say("serve.facilitator.count"),
        no_name = say("serve.facilitator.no_name"),
        poster = say("serve.poster"),
    );
    let title = say("serve.facilitator.title");
    let mut out = head(lang, &title, Some("/facilitator.js"), body);
    out.push(html!(
        "<header><h1>{title}</h1>{open}</header>\n<main>\n<section>\n<h2>{invite_title}</h2>\n\
         <p>{invite}</p>\n<p class=\"url{unreachable}\">{url_text}</p>\n<div class=\"qr\">{qr}</div>\n\
         <p><a href=\"/facilitator/sign?key={key}&amp;lang={code}\" target=\"_blank\">{sign}</a></p>\n\
         <p><a href=\"/facilitator/blank.pdf?key={key}&amp;lang={code}\">{blank}</a></p>\n</section>\n\
         <section>\n<h2>{list_title}</h2>\n<p id=\"count\" role=\"status\"></p>\n\
         <table><thead><tr><th>{name}</th><th>{contacts}</th><th>{time}</th><th></th></tr></thead>\
         <tbody id=\"entries\"></tbody></table>\n\
         <p><button type=\"button\" id=\"handouts\">{handouts}</button></p>\n\
         <p id=\"handouts-status\" role=\"status\"></p>\n\
         <h2>{group_title}</h2>\n<p>{group_explain}</p>\n\
         <p><a id=\"portrait\" href=\"/facilitator/portrait.pdf?key={key}&amp;lang={code}\">{portrait}</a> \
         <a id=\"stats\" href=\"/facilitator/stats.csv?key={key}&amp;lang={code}\">{stats}</a></p>\n\
         <p><label><input type=\"checkbox\" id=\"with-names\"> {with_names}</label></p>\n\
         <p class=\"note\">{kept}</p>\n</section>\n</main>\n</body>\n</html>\n",
        title = title,
        open = open,
        key = key,
        code = code,
        invite_title = say("serve.facilitator.invite_title"),
        invite = say("serve.facilitator.invite"),
        url_text = Html::text(url),
        unreachable = if room.open { Html::default() } else { html!(" unreachable") },
        qr = invitation(&room, w),
        sign = say("serve.facilitator.sign"),
        blank = say("serve.facilitator.blank"),
        list_title = say("serve.facilitator.list_title"),
        name = say("serve.facilitator.name"),
        contacts = say("serve.facilitator.contacts"),
        time = say("serve.facilitator.time"),
        handouts = say("serve.facilitator.handouts"),
        group_title = say("serve.facilitator.group_title"),
        group_explain = say("serve.facilitator.group_explain"),
        portrait = say("serve.facilitator.portrait"),
        stats = say("serve.facilitator.stats"),
        with_names = say("serve.facilitator.with_names"),
        kept = Html::text(
            &at(w, "serve.facilitator.kept")
                .as_str()
                .unwrap_or_default()
                .replace("{dir}", &room.workshop.dir().display().to_string())
        ),
    ));
    out.into_response()
}

/// The invitation's code; or, where phones cannot reach the server (it listens on this
/// machine only), why there is none and the command that lets them in.
fn invitation(room: &Room, w: &serde_json::Value) -> Html {
    if room.open {
        return qr::svg(room.url()).map(Html::made).unwrap_or_default();
    }
    let text = |path: &str| at(w, path).as_str().unwrap_or_default().to_string();
    let restart = text("serve.facilitator.restart")
        .replace("{dir}", &room.workshop.dir().display().to_string())
        .replace("{port}", &room.port().to_string());
    html!(
        "<div class=\"warning\" id=\"local-only\"><h3>{title}</h3><p>{local}</p>\
         <pre><code>{restart}</code></pre></div>",
        title = word(w, "serve.facilitator.local_title"),
        local = Html::text(&text("serve.facilitator.local").replace("{url}", room.url())),
        restart = Html::text(&restart),
    )
}

/// The sign for the wall: the workshop's title, the address and its QR code, on A4.
pub(super) async fn sign(Facilitator { room, lang, .. }: Facilitator) -> Response {
    let w = words(lang);
    let title = word(w, "title");
    let mut out = head(lang, &title, None, html!(" class=\"sign\""));
    out.push(html!(
        "<h1>{title}</h1>\n<p class=\"lead\">{scan}</p>\n\
         <div class=\"qr\">{qr}</div>\n<p class=\"url\">{url}</p>\n</body>\n</html>\n",
        title = title,
        scan = word(w, "serve.facilitator.scan"),
        qr = if room.open {
            qr::svg(room.url()).map(Html::made).unwrap_or_default()
        } else {
            html!("<p class=\"warning\">{note}</p>", note = word(w, "serve.facilitator.local_sign"))
        },
        url = Html::text(room.url()),
    ));
    out.into_response()
}

/// A submission as the facilitator's list shows it.
#[derive(Serialize)]
struct Listed {
    file: String,
    name: Option<String>,
    contacts: usize,
    /// Seconds since 1970, for the page to show in its own time zone.
    time: u64,
}

/// The submissions, oldest first.
pub(super) async fn list(Facilitator { room, .. }: Facilitator) -> Response {
    let entries =
        tokio::task::spawn_blocking(move || room.workshop.entries()).await.unwrap_or_default();
    let listed: Vec<Listed> = entries
        .into_iter()
        .map(|e| Listed {
            time: e.time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
            file: e.file,
            name: e.name,
            contacts: e.contacts,
        })
        .collect();
    axum::Json(listed).into_response()
}

/// A PDF to download, its name given in any script (`zoë-janssens-poster.pdf`).
fn pdf(name: &str, bytes: Vec<u8>) -> Response {
    File { name: name.to_string(), content_type: "application/pdf", bytes }.into_response()
}

/// A failure answered in the facilitator's language: 422 for a participant's answers that
/// no longer read (a file edited by hand), 500 for anything else.
fn failed(err: &crate::Error, lang: Lang) -> Response {
    let status = match err {
        crate::Error::Input(_) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let text = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
    (status, text, super::unexpected(err, lang).message).into_response()
}

/// The PDF that `make` compiles in a turn of the server's queue (the job `job` of the
/// facilitator's machine), as a download named `name`; 204 when there is nothing to put in
/// one, 429 when the facilitator's newer requests pushed it out.
async fn compiled_pdf(
    server: &Server,
    facilitator: &Facilitator,
    job: &str,
    name: String,
    make: impl FnOnce() -> crate::Result<Option<Vec<u8>>> + Send + 'static,
) -> Response {
    let lang = facilitator.lang;
    let Some(turn) = server.queue.turn(facilitator.peer.ip(), job).await else {
        let text = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
        let said = Message::new("room.superseded").render(lang);
        return (StatusCode::TOO_MANY_REQUESTS, text, said).into_response();
    };
    match in_turn(server, turn, make).await {
        Ok(Ok(Some(bytes))) => pdf(&name, bytes),
        Ok(Ok(None)) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(err)) => failed(&err, lang),
        Err(response) => response,
    }
}

/// The body of a request for the handouts: an empty JSON object, which a form on another
/// site cannot send without the browser asking this server first.
#[derive(Deserialize)]
pub(super) struct HandoutsRequest {}

/// Every participant's handout, each written to `DIR/handouts/` and all in one PDF for the
/// printer, which is the answer. One worker, in one turn of the queue, so that the previews
/// of those still typing keep a core.
pub(super) async fn handouts(
    State(server): State<Server>,
    facilitator: Facilitator,
    axum::Json(HandoutsRequest {}): axum::Json<HandoutsRequest>,
) -> Response {
    let (engine, room) = (server.engine.clone(), facilitator.room.clone());
    compiled_pdf(&server, &facilitator, "facilitator/handouts", "handouts.pdf".into(), move || {
        let dir = room.workshop.dir();
        let records: Vec<Record> = room
            .workshop
            .entries()
            .into_iter()
            .map(|e| {
                let file = dir.join(&e.file);
                Record { answers: Answers::load(&file), source: Source { file, part: Part::Whole } }
            })
            .collect();
        let combined: PathBuf = dir.join("handouts").join("handouts.pdf");
        let batch = Batch {
            template: Template::Handout,
            orientation: Orientation::Portrait,
            event: room.event.clone(),
            out_dir: Some(dir.join("handouts")),
            combine: Some(combined),
            names: NamePattern::default(),
            shard: None,
            fail_fast: false,
            jobs: 1,
            skip_existing: false,
            print: Print::default(),
            calendar: None,
        };
        let summary = batch.run(&engine, records, &|_, _| {})?;
        match summary.combined {
            Some(path) => {
                std::fs::read(&path).map(Some).map_err(|source| crate::Error::Read { path, source })
            }
            None => Ok(None),
        }
    })
    .await
}

/// The blank poster for the wall, with the workshop's address as a QR code in its header.
pub(super) async fn blank(State(server): State<Server>, facilitator: Facilitator) -> Response {
    let (engine, room, lang) = (server.engine.clone(), facilitator.room.clone(), facilitator.lang);
    let name = format!("netkaart-blank-{}.pdf", lang.code());
    compiled_pdf(&server, &facilitator, "facilitator/blank", name, move || {
        let mut event = room.event.as_deref().cloned().unwrap_or_default();
        event.invite = qr::svg(room.url()).map(|svg| (room.url().to_string(), svg));
        let mut request =
            Request::new(Template::Poster, Answers::blank(lang), Orientation::Landscape);
        request.event = Some(Arc::new(event));
        engine.compile(&request)?.pdf().map(Some)
    })
    .await
}

/// `?names=1`: name the participants in the group's figures (the page's box "with names").
#[derive(Deserialize)]
pub(super) struct NamesQuery {
    names: Option<u8>,
}

impl NamesQuery {
    fn naming(&self) -> Naming {
        if self.names == Some(1) { Naming::Names } else { Naming::Numbers }
    }
}

/// Every submission's answers that still read, each with its file's name (a file edited by
/// hand that no longer reads is left out, as `stats` leaves it out).
fn submitted(room: &Room) -> Vec<(String, Answers)> {
    let dir = room.workshop.dir();
    room.workshop
        .entries()
        .into_iter()
        .filter_map(|e| {
            Some((
                e.file.trim_end_matches(".yaml").to_string(),
                Answers::load(&dir.join(&e.file)).ok()?,
            ))
        })
        .collect()
}

/// The group's portrait of the submissions so far, to project at the end of the workshop:
/// nobody named unless the facilitator asks (`?names=1`).
pub(super) async fn portrait(
    State(server): State<Server>,
    Query(q): Query<NamesQuery>,
    facilitator: Facilitator,
) -> Response {
    let (engine, room, lang) = (server.engine.clone(), facilitator.room.clone(), facilitator.lang);
    let name = format!("netkaart-{}.pdf", Template::Portrait.name());
    let naming = q.naming();
    compiled_pdf(&server, &facilitator, "facilitator/portrait", name, move || {
        let all: Vec<Answers> = submitted(&room).into_iter().map(|(_, a)| a).collect();
        let mut request =
            Request::new(Template::Portrait, Answers::blank(lang), Orientation::Landscape);
        request.event = room.event.clone();
        request.group = Some(Arc::new(Group::of(&all, naming)));
        engine.compile(&request)?.pdf().map(Some)
    })
    .await
}

/// The submissions' figures, a row per participant, as CSV for a spreadsheet: numbered
/// unless the facilitator asks for names (`?names=1`).
pub(super) async fn stats(Query(q): Query<NamesQuery>, facilitator: Facilitator) -> Response {
    let (room, lang, naming) = (facilitator.room.clone(), facilitator.lang, q.naming());
    let made = tokio::task::spawn_blocking(move || {
        let rows: Vec<Row> = submitted(&room)
            .iter()
            .enumerate()
            .map(|(i, (file, answers))| Row::of(i + 1, answers, naming, file))
            .collect();
        table::csv(&rows, lang, Separator::of(lang))
    })
    .await;
    match made {
        Ok(bytes) => File {
            name: "netkaart-stats.csv".to_string(),
            content_type: "text/csv; charset=utf-8",
            bytes,
        }
        .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// One participant's poster, by the name of their answers file.
pub(super) async fn poster(
    State(server): State<Server>,
    UrlPath(file): UrlPath<String>,
    facilitator: Facilitator,
) -> Response {
    let room = facilitator.room.clone();
    let Some(path) = room.workshop.path_of(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let engine = server.engine.clone();
    let name = format!("{}-poster.pdf", file.trim_end_matches(".yaml"));
    let job = format!("facilitator/poster/{file}");
    compiled_pdf(&server, &facilitator, &job, name, move || {
        let answers = Answers::load(&path)?;
        let mut request = Request::new(Template::Poster, answers, Orientation::Landscape);
        request.event = room.event.clone();
        engine.compile(&request)?.pdf().map(Some)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_laptops_own_requests_count_as_its_own_on_any_listening_address() {
        for ip in ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.8.9.10"] {
            assert!(from_this_machine(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["192.168.1.20", "::ffff:192.168.1.20", "fe80::1", "10.0.0.1"] {
            assert!(!from_this_machine(ip.parse().unwrap()), "{ip}");
        }
    }
}
