//! Files in and out of `netkaart serve`: the documents and the answers file made from the
//! form's fields (`POST /download/poster.pdf`, …), an answers file opened into the form
//! (`POST /open`, and `GET /opened` for the file named on the command line), and the form's
//! own fields worded again in the page's language (`POST /fields`).

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::{Fields, LangQuery, Said, Server, in_turn, read_form, read_then, said, unexpected};
use crate::Template;
use crate::answers::Answers;
use crate::batch::name_stem;
use crate::error::Error;
use crate::form::fields_of;
use crate::lang::Lang;
use crate::limits::{SERVE_DOWNLOAD_BYTES, SERVE_PNG_PAGES};
use crate::messages::Message;
use crate::reading::comment_warnings;
use crate::render::{DEFAULT_PPI, Engine, Format, Request};
use crate::templates::{EDITION_DATE, Then};
use std::sync::Arc;

/// What a download is: a document of the form's answers in a format, or the answers file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Download {
    Document(Template, Format),
    Answers,
    Calendar,
}

impl Download {
    /// The download a route's file name asks for (`poster.pdf`, `handbook.png`,
    /// `answers.yaml`, `calendar.ics`), or `None`.
    fn parse(file: &str) -> Option<Download> {
        match file {
            "answers.yaml" => return Some(Download::Answers),
            "calendar.ics" => return Some(Download::Calendar),
            _ => {}
        }
        let (document, extension) = file.split_once('.')?;
        let template =
            Template::all().find(|t| t.name() == document && t.document().download.is_some())?;
        let format = [Format::Pdf, Format::Png].into_iter().find(|f| f.extension() == extension)?;
        Some(Download::Document(template, format))
    }
}

/// A file to download: its name, type and bytes.
pub(super) struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl IntoResponse for File {
    fn into_response(self) -> Response {
        // The name as it is (any script) for browsers, and an ASCII fallback.
        let ascii: String =
            self.name.chars().map(|c| if c.is_ascii() && c != '"' { c } else { '_' }).collect();
        let encoded: String = self
            .name
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
        (
            [
                (header::CONTENT_TYPE, self.content_type.to_string()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            self.bytes,
        )
            .into_response()
    }
}

/// Why a download was not made, worded where it is answered.
#[derive(Debug)]
enum Refused {
    /// The answers or the compilation failed.
    Error(Error),
    /// A PNG download of a document of this many pages, more than [`SERVE_PNG_PAGES`].
    Pages(usize),
    /// A PNG download that grew past [`SERVE_DOWNLOAD_BYTES`].
    TooLarge,
    /// The comparison, without the earlier answers to compare with.
    NoThen,
}

impl From<Error> for Refused {
    fn from(err: Error) -> Self {
        Refused::Error(err)
    }
}

impl Refused {
    /// What the participant reads, in `lang`.
    fn said(&self, lang: Lang) -> Said {
        match self {
            Refused::Error(Error::Input(e)) => said(e, lang),
            Refused::Error(other) => unexpected(other, lang),
            Refused::Pages(pages) => Said {
                field: None,
                message: Message::new("room.png_pages")
                    .arg("pages", pages)
                    .arg("most", SERVE_PNG_PAGES)
                    .render(lang),
            },
            Refused::NoThen => {
                Said { field: None, message: Message::new("room.then_needed").render(lang) }
            }
            Refused::TooLarge => Said {
                field: None,
                message: Message::new("room.too_large")
                    .arg("mb", SERVE_DOWNLOAD_BYTES / (1024 * 1024))
                    .render(lang),
            },
        }
    }
}

/// `POST /download/{file}`: the file made from the form's fields, in its turn of the
/// server's queue (a newer download of the same file from the same device, or the device's
/// newer work, pushes it out: 429 with the reason). In a workshop, a participant downloads
/// their poster and their handout as PDF and their calendar.
pub(super) async fn download(
    State(server): State<Server>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    UrlPath(file): UrlPath<String>,
    Query(q): Query<LangQuery>,
    axum::Json(body): axum::Json<Fields>,
) -> Response {
    let Some(download) = Download::parse(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if server.room.is_some() && !download.in_workshop() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let lang = q.or(&server);
    let Some(turn) = server.queue.turn(peer.ip(), &format!("download/{file}")).await else {
        let message = Message::new("room.superseded").render(lang);
        let problem = Said { field: None, message };
        return problems_as(StatusCode::TOO_MANY_REQUESTS, vec![problem]);
    };
    let engine = server.engine.clone();
    let made = in_turn(&server, turn, move || {
        let mut answers = read_form(&body.fields, lang)?;
        answers.lang = answers.lang.or(Some(lang));
        let before = read_then(body.then.as_deref(), lang)?;
        make(&engine, download, answers, before).map_err(|refused| vec![refused.said(lang)])
    })
    .await;
    match made {
        Ok(Ok(file)) => file.into_response(),
        Ok(Err(said)) => problems(said),
        Err(response) => response,
    }
}

impl Download {
    /// Whether a workshop's participant may download it: their poster and handout as PDF
    /// and their calendar. The handbook, the PNG pages and the answers file are for a form
    /// on one's own machine.
    fn in_workshop(self) -> bool {
        match self {
            Download::Calendar => true,
            Download::Document(template, Format::Pdf) => {
                template.document().download.is_some_and(|(_, in_workshop)| in_workshop)
            }
            Download::Document(..) | Download::Answers => false,
        }
    }
}

/// The file of `download` for `answers`, named after the participant as `poster` names it
/// beside an answers file (`an-peeters-poster.pdf`); with the earlier answers opened as
/// "then", the documents that show the network then and now show it, as with `--before`.
fn make(
    engine: &Engine,
    download: Download,
    answers: Answers,
    before: Option<Answers>,
) -> Result<File, Refused> {
    let stem = name_stem(&answers).unwrap_or_else(|| "netkaart".to_string());
    let (template, format) = match download {
        Download::Answers => {
            return Ok(File {
                name: format!("{stem}.yaml"),
                content_type: "application/yaml; charset=utf-8",
                bytes: answers.to_yaml().into_bytes(),
            });
        }
        Download::Calendar => {
            let options = crate::calendar::Options::default();
            let made = crate::calendar::calendar(&answers, Path::new("form"), &options)?;
            return Ok(File {
                name: format!("{stem}-calendar.ics"),
                content_type: "text/calendar; charset=utf-8",
                bytes: made.ics.into_bytes(),
            });
        }
        Download::Document(template, format) => (template, format),
    };
    let document = template.document();
    let before = match document.then {
        Then::Never => None,
        Then::Optional(_) => before.map(Arc::new),
        Then::Required(_) => Some(Arc::new(before.ok_or(Refused::NoThen)?)),
    };
    let request = Request { before, ..Request::new(template, answers, document.orientation) };
    let compiled = engine.compile(&request)?;
    let name = format!("{stem}-{}", template.name());
    if format == Format::Pdf {
        let bytes = compiled.pdf()?;
        return Ok(File { name: format!("{name}.pdf"), content_type: "application/pdf", bytes });
    }
    let count = compiled.page_count();
    if count > SERVE_PNG_PAGES {
        return Err(Refused::Pages(count));
    }
    // Page by page, so that a download that grows too large stops as soon as it does.
    let mut pages = Vec::with_capacity(count);
    let mut size = 0;
    for i in 0..count {
        let page = compiled.png(i, DEFAULT_PPI)?;
        size += page.len();
        if size > SERVE_DOWNLOAD_BYTES {
            return Err(Refused::TooLarge);
        }
        pages.push(page);
    }
    Ok(match pages.len() {
        1 => {
            File { name: format!("{name}.png"), content_type: "image/png", bytes: pages.remove(0) }
        }
        _ => File {
            name: format!("{name}-png.zip"),
            content_type: "application/zip",
            bytes: zip_pages(&name, &pages)?,
        },
    })
}

/// The pages of a document as PNG files in a ZIP archive, `name-1.png`, `name-2.png`, …,
/// stored as they are (PNG is compressed already) and dated with the templates' edition,
/// so that the same answers give the same bytes.
fn zip_pages(name: &str, pages: &[Vec<u8>]) -> crate::error::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let failed = |err: zip::result::ZipError| Error::Export(format!("ZIP: {err}"));
    let (y, m, d) = EDITION_DATE;
    let date = zip::DateTime::from_date_and_time(y as u16, m, d, 0, 0, 0)
        .map_err(|_| Error::Export("ZIP: the edition date is no date".into()))?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(date);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, page) in pages.iter().enumerate() {
        zip.start_file(format!("{name}-{}.png", i + 1), options).map_err(failed)?;
        zip.write_all(page).map_err(|err| Error::Export(format!("ZIP: {err}")))?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// The form's fields, and what was said about them, as the page fills its form.
#[derive(Serialize, Default)]
struct Filled {
    /// Tells the file from another (for `/opened`).
    id: Option<String>,
    fields: Vec<(String, String)>,
    warnings: Vec<Said>,
    problems: Vec<Said>,
}

/// `?lang=…&name=…`: the page's language and the name of the file opened, for messages.
#[derive(Deserialize)]
pub(super) struct OpenQuery {
    lang: Option<Lang>,
    name: Option<String>,
}

/// An answers file sent in the body, read as `poster` reads one: its fields to fill the
/// form with, or its problem with the line and the column, in the file's language.
pub(super) async fn open(
    State(server): State<Server>,
    Query(q): Query<OpenQuery>,
    body: Bytes,
) -> Response {
    let lang = q.lang.unwrap_or(server.lang);
    // Only the name's last part, for messages: the server reads no path.
    let name = q
        .name
        .as_deref()
        .and_then(|n| n.rsplit(['/', '\\']).next())
        .filter(|n| !n.is_empty())
        .unwrap_or("answers.yaml")
        .to_string();
    let origin = Path::new(&name);
    match Answers::parse(&body, origin) {
        Ok(answers) => {
            let text = String::from_utf8_lossy(&body);
            let warnings = comment_warnings(&text, origin)
                .iter()
                .map(|w| Said { field: w.field.clone(), message: w.render(w.lang.unwrap_or(lang)) })
                .collect();
            let fields = fields_of(&answers, lang);
            axum::Json(Filled { fields, warnings, ..Filled::default() }).into_response()
        }
        Err(Error::Input(e)) => {
            problems(vec![Said { field: None, message: e.render(e.lang.unwrap_or(lang)) }])
        }
        Err(other) => problems(vec![unexpected(&other, lang)]),
    }
}

/// What the page is told of an earlier answers file it opened as "then": the day it was
/// filled in, when it says; or its problems.
#[derive(Serialize, Default)]
struct ThenFile {
    date: Option<String>,
    problems: Vec<Said>,
}

/// `POST /then`: an earlier answers file, checked as `compare` checks one, before the page
/// keeps it for the comparison. The page sends its text again with each comparison: the
/// server keeps nothing.
pub(super) async fn then(
    State(server): State<Server>,
    Query(q): Query<LangQuery>,
    body: Bytes,
) -> Response {
    let lang = q.or(&server);
    let text = String::from_utf8_lossy(&body);
    match read_then(Some(&text), lang) {
        Ok(answers) => {
            let date = answers.and_then(|a| a.person.and_then(|p| p.date)).map(|d| d.0);
            axum::Json(ThenFile { date, ..ThenFile::default() }).into_response()
        }
        Err(problems) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(ThenFile { problems, ..ThenFile::default() }),
        )
            .into_response(),
    }
}

/// The answers file given on the command line, as the form's fields in the page's
/// language, with its id; no fields and no id when none was given.
pub(super) async fn opened(State(server): State<Server>, Query(q): Query<LangQuery>) -> Response {
    let lang = q.or(&server);
    let filled = match &server.opened {
        Some(opened) => Filled {
            id: Some(opened.id.clone()),
            fields: fields_of(&opened.answers, lang),
            ..Filled::default()
        },
        None => Filled::default(),
    };
    axum::Json(filled).into_response()
}

/// The form's fields worded in the page's language: what the page asks when it fills its
/// form from local storage, which may hold the other language's words.
pub(super) async fn fields(
    State(server): State<Server>,
    Query(q): Query<LangQuery>,
    axum::Json(body): axum::Json<Fields>,
) -> Response {
    let lang = q.or(&server);
    match read_form(&body.fields, lang) {
        Ok(answers) => {
            axum::Json(Filled { fields: fields_of(&answers, lang), ..Filled::default() })
                .into_response()
        }
        Err(said) => problems(said),
    }
}

/// 422 with the problems.
fn problems(problems: Vec<Said>) -> Response {
    problems_as(StatusCode::UNPROCESSABLE_ENTITY, problems)
}

/// `status` with the problems.
fn problems_as(status: StatusCode, problems: Vec<Said>) -> Response {
    (status, axum::Json(Filled { problems, ..Filled::default() })).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_are_named_by_document_and_format() {
        assert_eq!(
            Download::parse("poster.pdf"),
            Some(Download::Document(Template::Poster, Format::Pdf))
        );
        assert_eq!(
            Download::parse("handbook.png"),
            Some(Download::Document(Template::Handbook, Format::Png))
        );
        assert_eq!(Download::parse("answers.yaml"), Some(Download::Answers));
        let in_workshop: Vec<_> = ["poster", "handout", "handbook"]
            .iter()
            .flat_map(|d| [format!("{d}.pdf"), format!("{d}.png")])
            .chain(["answers.yaml".into(), "calendar.ics".into()])
            .filter(|f| Download::parse(f).unwrap().in_workshop())
            .collect();
        assert_eq!(in_workshop, ["poster.pdf", "handout.pdf", "calendar.ics"]);
        for refused in ["poster.svg", "../etc/passwd", "poster", "blank.pdf", "answers.yml"] {
            assert_eq!(Download::parse(refused), None, "{refused}");
        }
    }
}
