//! The participants' side of a workshop (`netkaart serve --workshop DIR`): the form with a
//! button that sends the answers to the facilitator, and a private edit link per
//! submission. A participant reaches only their own answers, by their token.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use axum::extract::{ConnectInfo, Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::room::{Newcomers, Pace};
use super::{LangQuery, Said, Server, page, read_form};
use crate::error::Result;
use crate::event::Event;
use crate::form::fields_of;
use crate::lang::Lang;
use crate::limits::WORKSHOP_SUBMISSIONS_PER_DEVICE;
use crate::messages::Message;
use crate::workshop::{Refusal, Token, Workshop, network_address, qr};

/// A workshop in progress: its submissions, the facilitator's key, and where participants
/// reach the server.
pub struct Room {
    pub(super) workshop: Workshop,
    /// The facilitator's secret, for the facilitator's page from another machine.
    pub(super) key: Token,
    /// Whether the server listens beyond this machine.
    pub(super) open: bool,
    /// Where participants reach the server, and as a URL; known once the server is bound.
    pub(super) reach: OnceLock<(SocketAddr, String)>,
    /// The workshop's branding, on every handout.
    pub(super) event: Option<Arc<Event>>,
    pub(super) pace: Pace,
    /// The new submissions of each device.
    pub(super) newcomers: Newcomers,
}

impl Room {
    /// A room over `workshop`, with a new facilitator key.
    pub fn new(workshop: Workshop, event: Option<Arc<Event>>, open: bool) -> Result<Self> {
        Ok(Room {
            workshop,
            key: Token::new()?,
            open,
            reach: OnceLock::new(),
            event,
            pace: Pace::default(),
            newcomers: Newcomers::new(WORKSHOP_SUBMISSIONS_PER_DEVICE as usize),
        })
    }

    /// The same room, where each device makes at most `most` new submissions (the
    /// facilitator's own machine any number).
    pub fn with_most_per_device(self, most: usize) -> Self {
        Room { newcomers: Newcomers::new(most), ..self }
    }

    /// The participants' address.
    pub fn url(&self) -> &str {
        self.reach.get().map_or("", |(_, url)| url.as_str())
    }

    /// The port participants reach the server on (0 before it is bound).
    pub fn port(&self) -> u16 {
        self.reach.get().map_or(0, |(addr, _)| addr.port())
    }

    /// The facilitator's secret key.
    pub fn key(&self) -> &str {
        self.key.as_str()
    }

    /// Whether `key` is the facilitator's key (compared in constant time).
    pub fn admits(&self, key: &str) -> bool {
        self.key.matches(key)
    }

    /// Sets where participants reach the server bound at `bound`: this machine's address on
    /// its network when the server listens on every address.
    pub(super) fn bound(&self, bound: SocketAddr) {
        let ip = if bound.ip().is_unspecified() {
            network_address().unwrap_or(bound.ip())
        } else {
            bound.ip()
        };
        let addr = SocketAddr::new(ip, bound.port());
        let _ = self.reach.set((addr, format!("http://{addr}/")));
    }
}

/// The form for a participant, with the send button; with a token, their own answers.
pub(super) async fn form(
    State(server): State<Server>,
    Query(q): Query<LangQuery>,
    token: Option<UrlPath<String>>,
) -> Response {
    let Some(room) = &server.room else { return StatusCode::NOT_FOUND.into_response() };
    let token = match token {
        Some(UrlPath(text)) => match Token::parse(&text) {
            Some(token) if room.workshop.answers(&token).is_some() => Some(token),
            _ => return StatusCode::NOT_FOUND.into_response(),
        },
        None => None,
    };
    let mode = page::Mode::Workshop { open: room.open, token: token.as_ref().map(Token::as_str) };
    page::page(q.or(&server), &mode).into_response()
}

/// What the send button posts: the fields, and the token of an earlier submission.
#[derive(Deserialize)]
pub(super) struct Submission {
    fields: Vec<(String, String)>,
    token: Option<String>,
}

/// What a submission is answered with: the edit link and its QR code, or the problems.
#[derive(Serialize, Default)]
struct Receipt {
    token: Option<String>,
    edit: Option<String>,
    qr: Option<String>,
    problems: Vec<Said>,
}

fn refused(status: StatusCode, message: String) -> Response {
    let receipt = Receipt { problems: vec![Said { field: None, message }], ..Receipt::default() };
    (status, axum::Json(receipt)).into_response()
}

pub(super) async fn submit(
    State(server): State<Server>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(q): Query<LangQuery>,
    axum::Json(body): axum::Json<Submission>,
) -> Response {
    let Some(room) = server.room.clone() else { return StatusCode::NOT_FOUND.into_response() };
    let lang = q.or(&server);
    let say = |key: &'static str| Message::new(key).render(lang);
    let token = match body.token.as_deref().map(Token::parse) {
        Some(None) => return refused(StatusCode::NOT_FOUND, say("room.unknown_link")),
        Some(Some(token)) => Some(token),
        None => None,
    };
    if !room.pace.allow(peer.ip()) {
        return refused(StatusCode::TOO_MANY_REQUESTS, say("room.too_fast"));
    }
    let mut answers = match read_form(&body.fields, lang) {
        Ok(answers) => answers,
        Err(problems) => {
            let receipt = Receipt { problems, ..Receipt::default() };
            return (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(receipt)).into_response();
        }
    };
    if answers.is_empty() {
        return refused(StatusCode::UNPROCESSABLE_ENTITY, say("room.empty"));
    }
    answers.lang = answers.lang.or(Some(lang));
    // A new submission counts against the device's share, an edit does not.
    let new = token.is_none();
    if new && !room.newcomers.admit(peer.ip()) {
        let most = room.newcomers.most();
        return refused(
            StatusCode::TOO_MANY_REQUESTS,
            Message::new("room.device_full").arg("count", most).render(lang),
        );
    }
    let counted = room.clone();
    let kept =
        tokio::task::spawn_blocking(move || room.workshop.submit(&answers, token.as_ref())).await;
    if new && !matches!(kept, Ok(Ok(Ok(_)))) {
        counted.newcomers.undo(peer.ip());
    }
    match kept {
        Ok(Ok(Ok((token, _file)))) => {
            let edit =
                format!("{}edit/{}", server.room.as_ref().map_or("", |r| r.url()), token.as_str());
            let receipt = Receipt {
                qr: qr::svg(&edit),
                edit: Some(edit),
                token: Some(token.as_str().to_string()),
                problems: Vec::new(),
            };
            axum::Json(receipt).into_response()
        }
        Ok(Ok(Err(Refusal::UnknownToken))) => {
            refused(StatusCode::NOT_FOUND, say("room.unknown_link"))
        }
        Ok(Ok(Err(Refusal::Full(most)))) => refused(
            StatusCode::SERVICE_UNAVAILABLE,
            Message::new("room.full").arg("count", most).render(lang),
        ),
        Ok(Err(err)) => {
            refused(StatusCode::INTERNAL_SERVER_ERROR, super::unexpected(&err, lang).message)
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `{ "token": … }`: whose answers to fill the form with.
#[derive(Deserialize)]
pub(super) struct Mine {
    token: String,
}

/// A participant's own answers, as the form's fields, by their token.
pub(super) async fn mine(
    State(server): State<Server>,
    Query(q): Query<LangQuery>,
    axum::Json(body): axum::Json<Mine>,
) -> Response {
    let Some(room) = &server.room else { return StatusCode::NOT_FOUND.into_response() };
    let lang: Lang = q.or(&server);
    match Token::parse(&body.token).and_then(|t| room.workshop.answers(&t)) {
        Some(Ok(answers)) => {
            axum::Json(serde_json::json!({ "fields": fields_of(&answers, lang) })).into_response()
        }
        Some(Err(err)) => {
            refused(StatusCode::INTERNAL_SERVER_ERROR, super::unexpected(&err, lang).message)
        }
        None => refused(StatusCode::NOT_FOUND, Message::new("room.unknown_link").render(lang)),
    }
}
