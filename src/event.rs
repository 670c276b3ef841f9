//! The workshop's branding: the organisation, its logo and colour, and the workshop's title,
//! date, place and facilitator, read from an event file and shown on every document.

use crate::messages::Message;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

use crate::answers::checker::{self, Placed};
use crate::answers::{Date, SCHEMA_VERSION};
use crate::error::{Error, Remedy, Result};
use crate::input_error::InputError;
use crate::limits::{MAX_FILE_BYTES, MAX_LOGO_BYTES};
use crate::problem::{Problem, ValueKind};
use crate::reading::{check_size, decode, prescan, read_limited};
use crate::tree::{Node, Origin, Value};

/// The keys of an event file, in the order the README gives them.
const KEYS: &[&str] =
    &["version", "organisation", "logo", "accent", "title", "date", "place", "facilitator"];

/// A colour written as `#rrggbb` or `#rgb`, as `#rrggbb`.
fn colour(text: &str) -> Option<String> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let full = match hex.len() {
        6 => hex.to_ascii_lowercase(),
        3 => hex.chars().flat_map(|c| [c, c]).collect::<String>().to_ascii_lowercase(),
        _ => return None,
    };
    Some(format!("#{full}"))
}

/// An event file's values as written, each checked, with the logo's name and place.
#[derive(Default)]
struct EventFile {
    texts: Vec<(&'static str, String)>,
    logo: Option<(String, Origin)>,
    accent: Option<String>,
    date: Option<Date>,
}

/// Reads an event file's tree: every key known and written once, every value of its kind.
/// The first problem, placed.
fn check(tree: &Node) -> Result<EventFile, Box<Placed>> {
    let say = |problem, at: &Origin, field: &str| {
        Box::new(Placed { problem, at: at.clone(), field: field.to_string() })
    };
    let Value::Map(entries) = &tree.value else {
        let found = checker::found(&tree.value);
        return Err(say(Problem::WrongKind { expected: ValueKind::Group, found }, &tree.at, ""));
    };
    let mut file = EventFile::default();
    let mut seen: Vec<&str> = Vec::new();
    for entry in entries {
        let key = entry.key.as_str();
        let Some(key) = KEYS.iter().find(|k| **k == key) else {
            let expected = KEYS.iter().map(|k| k.to_string()).collect();
            return Err(say(Problem::UnknownKey { key: key.into(), expected }, &entry.key_at, ""));
        };
        if seen.contains(key) {
            return Err(say(Problem::KeyTwice { key: key.to_string() }, &entry.key_at, ""));
        }
        seen.push(key);
        let node = &entry.node;
        let text = match &node.value {
            Value::Nothing => continue,
            Value::Scalar { text, .. } => text.clone(),
            other => {
                let expected = if *key == "version" { ValueKind::Number } else { ValueKind::Text };
                let found = checker::found(other);
                return Err(say(Problem::WrongKind { expected, found }, &node.at, key));
            }
        };
        if let Some(problem) = checker::text_problem(&text) {
            return Err(say(problem, &node.at, key));
        }
        let trimmed = text.trim();
        match *key {
            "version" if trimmed == SCHEMA_VERSION.to_string() => {}
            "version" => {
                let problem = Problem::Version { found: trimmed.into(), supported: SCHEMA_VERSION };
                return Err(say(problem, &node.at, key));
            }
            "logo" => file.logo = Some((text.clone(), node.at.clone())),
            "accent" => match colour(&text) {
                Some(c) => file.accent = Some(c),
                None => return Err(say(Problem::NotAColour { text }, &node.at, key)),
            },
            "date" => match Date::parse(trimmed) {
                Ok(_) => file.date = Some(Date(trimmed.to_string())),
                Err(problem) => return Err(say(problem, &node.at, key)),
            },
            _ if trimmed.is_empty() => {}
            _ => file.texts.push((key, trimmed.to_string())),
        }
    }
    Ok(file)
}

/// The kinds of image a logo may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG.
    Svg,
}

impl LogoFormat {
    /// The name Typst's `image` takes as `format`.
    pub fn typst_name(self) -> &'static str {
        match self {
            LogoFormat::Png => "png",
            LogoFormat::Jpeg => "jpg",
            LogoFormat::Svg => "svg",
        }
    }

    /// The format of an image, told from its first bytes, not from its name.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(LogoFormat::Png);
        }
        if bytes.starts_with(b"\xFF\xD8\xFF") {
            return Some(LogoFormat::Jpeg);
        }
        let head = &bytes[..bytes.len().min(4096)];
        let head = String::from_utf8_lossy(head);
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if (head.starts_with('<')) && head.contains("<svg") {
            return Some(LogoFormat::Svg);
        }
        None
    }
}

/// A logo, read and checked.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Where it was read from.
    pub path: PathBuf,
    /// What kind of image it is.
    pub format: LogoFormat,
    /// Its bytes.
    pub bytes: Bytes,
}

/// A workshop's branding, checked: every document of a batch shows it.
#[derive(Debug, Clone, Default)]
pub struct Event {
    /// The organisation that runs the workshop.
    pub organisation: Option<String>,
    /// Its logo.
    pub logo: Option<Logo>,
    /// Its colour, `#rrggbb`.
    pub accent: Option<String>,
    /// The workshop's title.
    pub title: Option<String>,
    /// The day of the workshop.
    pub date: Option<Date>,
    /// Where it takes place.
    pub place: Option<String>,
    /// Who leads it.
    pub facilitator: Option<String>,
    /// The address where participants fill in their poster, and its QR code as SVG: a
    /// workshop's blank poster shows the code (`netkaart serve --workshop`). Not in event
    /// files.
    pub invite: Option<(String, String)>,
}

/// The virtual path at which the templates find the event, when there is one.
pub const EVENT_PATH: &str = "/event.json";
/// The virtual path of the logo.
pub const LOGO_PATH: &str = "/event-logo";

impl Event {
    /// Reads and checks an event file. Its logo is read relative to the file's folder and
    /// must lie inside it, or inside one of the `allowed` folders.
    pub fn load(path: &Path, allowed: &[PathBuf]) -> Result<Self> {
        let bytes = read_limited(path, MAX_FILE_BYTES)?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Self::parse(&bytes, path, &base, allowed)
    }

    /// Parses and checks an event file; `origin` names it in messages, `base` is the folder
    /// that a relative logo path starts from and that the logo must stay inside, unless it
    /// is inside one of the `allowed` folders.
    pub fn parse(bytes: &[u8], origin: &Path, base: &Path, allowed: &[PathBuf]) -> Result<Self> {
        check_size(bytes.len() as u64, MAX_FILE_BYTES, origin)?;
        let text = decode(bytes, origin)?;
        prescan(text, origin)?;
        let read = crate::tree::yaml::read(text);
        let placed = |p: Placed| -> Error { InputError::placed(origin, text, p).into() };
        let boxed = |p: Box<Placed>| placed(*p);
        if let Some((problem, at)) = read.stopped {
            return Err(placed(Placed { problem, at, field: read.field }));
        }
        let Some(tree) = read.tree else {
            return Err(InputError::new(origin, Message::new("event.empty"))
                .help(Message::new("event.empty_help"))
                .into());
        };
        let file = check(&tree).map_err(boxed)?;
        let logo = match &file.logo {
            Some((name, at)) => Some(read_logo(name, at, text, origin, base, allowed)?),
            None => None,
        };
        let text_of =
            |key: &str| file.texts.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
        Ok(Event {
            organisation: text_of("organisation"),
            logo,
            accent: file.accent,
            title: text_of("title"),
            date: file.date,
            place: text_of("place"),
            facilitator: text_of("facilitator"),
            invite: None,
        })
    }

    /// The event as the templates read it.
    pub fn to_json(&self) -> String {
        let mut map = serde_json::Map::new();
        let mut put = |key: &str, value: &Option<String>| {
            if let Some(v) = value {
                map.insert(key.into(), v.clone().into());
            }
        };
        put("organisation", &self.organisation);
        put("accent", &self.accent);
        put("title", &self.title);
        put("date", &self.date.as_ref().map(|d| d.0.clone()));
        put("place", &self.place);
        put("facilitator", &self.facilitator);
        if let Some((url, svg)) = &self.invite {
            map.insert("invite_url".into(), url.clone().into());
            map.insert("invite_qr".into(), svg.clone().into());
        }
        if let Some(logo) = &self.logo {
            map.insert("logo".into(), LOGO_PATH.into());
            map.insert("logo_format".into(), logo.format.typst_name().into());
        }
        serde_json::to_string_pretty(&map).expect("strings always serialise")
    }

    /// Texts of the event that a font must be able to show, with the key they came from.
    pub fn texts(&self) -> Vec<(String, String)> {
        [
            ("organisation", &self.organisation),
            ("title", &self.title),
            ("place", &self.place),
            ("facilitator", &self.facilitator),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (format!("event.{k}"), v.clone())))
        .collect()
    }
}

fn read_logo(
    name: &str,
    place: &Origin,
    text: &str,
    origin: &Path,
    base: &Path,
    allowed: &[PathBuf],
) -> Result<Logo> {
    let at = |message: Message, help: &'static str| -> Error {
        let help = Message::new(help);
        let (line, column) = place.line_column().unwrap_or((0, 0));
        let mut err = InputError::new(origin, message).help(help).at(text, line, column);
        err.field = Some("logo".into());
        err.into()
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(at(Message::new("event.logo_empty"), "event.logo_empty_help"));
    }
    let path = base.join(name);
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(at(
                Message::new("event.logo_missing").arg("path", path.display()),
                "event.logo_missing_help",
            ));
        }
        Err(err) => {
            return Err(at(
                Message::new("event.logo_unreadable")
                    .arg("path", path.display())
                    .with("reason", crate::error::io_reason(&err)),
                "event.logo_unreadable_help",
            ));
        }
    };
    if meta.is_dir() {
        return Err(at(
            Message::new("event.logo_folder").arg("path", path.display()),
            "event.logo_folder_help",
        ));
    }
    // The path is the event file's to choose, so it must not reach files elsewhere on the
    // machine: compared after following every link, `..` and symlinks included.
    let real = std::fs::canonicalize(&path)
        .map_err(|source| Error::Read { path: path.clone(), source })?;
    let inside = |dir: &Path| {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        std::fs::canonicalize(dir).is_ok_and(|dir| real.starts_with(dir))
    };
    if !inside(base) && !allowed.iter().any(|dir| inside(dir)) {
        let mut outside = at(
            Message::new("event.logo_outside")
                .arg("path", path.display())
                .arg("real", real.display()),
            "event.logo_outside_help",
        );
        if let Error::Input(e) = &mut outside {
            e.remedy = Some(Remedy::AllowPath);
        }
        return Err(outside);
    }
    if meta.len() > MAX_LOGO_BYTES {
        return Err(at(
            Message::new("event.logo_too_big")
                .arg("path", path.display())
                .arg("size", format!("{:.1}", meta.len() as f64 / 1e6)),
            "event.logo_too_big_help",
        ));
    }
    let bytes =
        std::fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
    let Some(format) = LogoFormat::sniff(&bytes) else {
        return Err(at(
            Message::new("event.logo_format").arg("path", path.display()),
            "event.logo_format_help",
        ));
    };
    let bytes = Bytes::new(bytes);
    let decoded = match format {
        LogoFormat::Png => RasterImage::plain(bytes.clone(), ExchangeFormat::Png).map(|_| ()),
        LogoFormat::Jpeg => RasterImage::plain(bytes.clone(), ExchangeFormat::Jpg).map(|_| ()),
        LogoFormat::Svg => {
            SvgImage::new(bytes.clone()).map(|_| ()).map_err(|_| "not valid SVG".into())
        }
    };
    if let Err(reason) = decoded {
        return Err(at(
            Message::new("event.logo_broken").arg("path", path.display()).arg("reason", reason),
            "event.logo_broken_help",
        ));
    }
    Ok(Logo { path, format, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_told_by_their_bytes() {
        assert_eq!(LogoFormat::sniff(b"\x89PNG\r\n\x1a\nrest"), Some(LogoFormat::Png));
        assert_eq!(LogoFormat::sniff(b"\xFF\xD8\xFF\xE0"), Some(LogoFormat::Jpeg));
        assert_eq!(
            LogoFormat::sniff(b"<?xml version='1.0'?>\n<svg xmlns='x'/>"),
            Some(LogoFormat::Svg)
        );
        assert_eq!(LogoFormat::sniff(b"GIF89a"), None);
        assert_eq!(LogoFormat::sniff(b"plain text <svg"), None);
    }

    #[test]
    fn colours_take_three_or_six_hex_digits() {
        assert_eq!(colour("#C0392B").unwrap(), "#c0392b");
        assert_eq!(colour("#abc").unwrap(), "#aabbcc");
        assert_eq!(colour("red"), None);
        assert_eq!(colour("#12345"), None);
    }
}
