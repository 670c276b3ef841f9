//! Helpers shared by the integration tests: run the real binary, compile through the
//! library, and compare text the way a reader sees it.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use netkaart::{Answers, Compiled, Engine, Lang, Orientation, Request, Template};

/// The seven kinds of contact of the schema, in the order of the map's sectors.
pub const KINDS: [&str; 7] = [
    "acquaintance",
    "neighbour",
    "policy_maker",
    "key_figure",
    "colleague",
    "organisation",
    "other",
];

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The tests that time something (a server's fairness to a device) run alone: in one
/// binary the other tests would share the two cores with them. The others take their turn
/// in the helpers that do the costly work (compiling, running the binary); a test that runs
/// alone marks its thread, so that it may use those helpers itself.
static ALONE: RwLock<()> = RwLock::new(());

thread_local! {
    static RUNS_ALONE: Cell<bool> = const { Cell::new(false) };
    /// How many turns this thread holds: a turn within a turn takes no second lock, which
    /// would wait behind a test waiting to run alone, forever.
    static TURNS: Cell<u32> = const { Cell::new(0) };
}

/// While it lives, no other test compiles or runs the binary.
pub struct Alone(#[allow(dead_code)] RwLockWriteGuard<'static, ()>);

impl Drop for Alone {
    fn drop(&mut self) {
        RUNS_ALONE.set(false);
    }
}

/// Waits until no other test works, and keeps them waiting until dropped. Typst's caches
/// are emptied first: what the tests before left there (they compile without trimming)
/// would make each trim of the server's under test walk it, and time that instead.
pub fn alone() -> Alone {
    let guard = ALONE.write().unwrap_or_else(PoisonError::into_inner);
    typst::comemo::evict(0);
    RUNS_ALONE.set(true);
    Alone(guard)
}

/// A turn to do costly work: none while a test runs alone (unless it is that test). The
/// helpers take it; a test whose costly work goes round them (a browser, a server or a
/// batch run as a program) takes it itself, for as long as that work runs.
pub fn turn() -> Turn {
    let first = !RUNS_ALONE.get() && TURNS.get() == 0;
    TURNS.set(TURNS.get() + 1);
    Turn(first.then(|| ALONE.read().unwrap_or_else(PoisonError::into_inner)))
}

/// A turn of costly work, given back when dropped.
pub struct Turn(#[allow(dead_code)] Option<RwLockReadGuard<'static, ()>>);

impl Drop for Turn {
    fn drop(&mut self) {
        TURNS.set(TURNS.get() - 1);
    }
}

/// One engine for the whole test binary: fonts and templates load once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

pub fn compile(template: Template, answers: Answers, orientation: Orientation) -> Compiled {
    let request = Request::new(template, answers, orientation);
    let _turn = turn();
    match engine().compile(&request) {
        Ok(compiled) => compiled,
        Err(err) => panic!("compiling failed: {err}"),
    }
}

pub fn blank(lang: Lang, orientation: Orientation) -> Compiled {
    compile(Template::Poster, Answers::blank(lang), orientation)
}

pub fn example(name: &str) -> Answers {
    Answers::load(&root().join("examples").join(name)).expect("the examples are valid")
}

/// The `netkaart` binary, run in `dir`, in an environment that asks for no language (so
/// that messages not tied to answers are in English, whatever the machine's locale).
pub fn netkaart(dir: &Path, args: &[&str]) -> Output {
    netkaart_in(dir, args, None)
}

/// The `netkaart` binary, run in `dir` with `LANG` set to `lang` (or unset).
pub fn netkaart_in(dir: &Path, args: &[&str], lang: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_netkaart"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    if let Some(lang) = lang {
        cmd.env("LANG", lang);
    }
    let _turn = turn();
    cmd.output().expect("the binary runs")
}

/// Runs the binary in `dir` with `SOURCE_DATE_EPOCH` set to `epoch`.
pub fn netkaart_at_epoch(dir: &Path, args: &[&str], epoch: &str) -> Output {
    let _turn = turn();
    Command::new(env!("CARGO_BIN_EXE_netkaart"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("the binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
pub fn must_succeed(out: &Output) {
    assert!(out.status.success(), "netkaart failed ({}):\n{}", out.status, stderr(out));
    must_not_panic(out);
}

#[track_caller]
pub fn must_fail(out: &Output) {
    assert_eq!(out.status.code(), Some(1), "expected exit status 1, stderr:\n{}", stderr(out));
    must_not_panic(out);
}

#[track_caller]
pub fn must_not_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "netkaart panicked:\n{err}");
}

/// Text without white space: line breaks and spacing differ between the input and the
/// laid-out page, the characters do not.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[track_caller]
pub fn must_contain(haystack: &str, needle: &str) {
    assert!(
        squash(haystack).contains(&squash(needle)),
        "expected to find {needle:?} in the text:\n{}",
        haystack.chars().take(3000).collect::<String>()
    );
}

/// Panics unless `haystack` holds the contact's name `name`, which the map may have broken
/// after a hyphen of its own or between syllables with one: compared without spaces and
/// hyphens.
#[track_caller]
pub fn must_name(haystack: &str, name: &str) {
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>();
    assert!(
        bare(haystack).contains(&bare(name)),
        "expected to find the name {name:?} in:\n{haystack}"
    );
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("netkaart-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Every string in a language file's section, recursively.
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// The text of each page of a PDF, decoded through the fonts' ToUnicode maps (which
/// lopdf's own `extract_text` cannot read in Typst's PDFs), forms included.
pub fn pdf_page_texts(bytes: &[u8]) -> Vec<String> {
    use lopdf::{Dictionary, Document, Object};
    use std::collections::HashMap;

    fn dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
        match obj {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        }
    }

    fn cmap(doc: &Document, font: &Dictionary) -> HashMap<u16, String> {
        let mut map = HashMap::new();
        let Ok(Object::Reference(id)) = font.get(b"ToUnicode") else { return map };
        let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else { return map };
        let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let text = String::from_utf8_lossy(&data);
        let hex = |s: &str| -> Vec<u16> {
            let s: String = s.chars().filter(char::is_ascii_hexdigit).collect();
            (0..s.len() / 4)
                .map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).unwrap())
                .collect()
        };
        let mut mode = "";
        for line in text.lines() {
            if line.ends_with("beginbfchar") {
                mode = "char";
            } else if line.ends_with("beginbfrange") {
                mode = "range";
            } else if line.starts_with("end") {
                mode = "";
            } else if !mode.is_empty() {
                let parts: Vec<&str> =
                    line.split('>').map(|p| p.trim().trim_start_matches('<')).collect();
                if mode == "char" && parts.len() >= 2 {
                    let (src, dst) = (hex(parts[0]), hex(parts[1]));
                    map.insert(src[0], String::from_utf16_lossy(&dst));
                } else if mode == "range" && parts.len() >= 3 {
                    let (lo, hi, dst) = (hex(parts[0])[0], hex(parts[1])[0], hex(parts[2]));
                    for (k, code) in (lo..=hi).enumerate() {
                        let mut d = dst.clone();
                        if let Some(last) = d.last_mut() {
                            *last += k as u16;
                        }
                        map.insert(code, String::from_utf16_lossy(&d));
                    }
                }
            }
        }
        map
    }

    fn walk(doc: &Document, content: &[u8], resources: Option<&Dictionary>, out: &mut String) {
        let fonts: HashMap<Vec<u8>, HashMap<u16, String>> = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| dict(doc, f))
            .map(|f| {
                f.iter()
                    .filter_map(|(name, font)| Some((name.clone(), cmap(doc, dict(doc, font)?))))
                    .collect()
            })
            .unwrap_or_default();
        let xobjects = resources.and_then(|r| r.get(b"XObject").ok()).and_then(|x| dict(doc, x));
        let Ok(ops) = lopdf::content::Content::decode(content) else { return };
        let mut current: Option<&HashMap<u16, String>> = None;
        let show = |bytes: &[u8], current: Option<&HashMap<u16, String>>, out: &mut String| {
            if let Some(map) = current {
                for pair in bytes.chunks(2) {
                    if pair.len() == 2 {
                        let code = u16::from_be_bytes([pair[0], pair[1]]);
                        out.push_str(map.get(&code).map(String::as_str).unwrap_or(""));
                    }
                }
            }
        };
        for op in &ops.operations {
            match op.operator.as_str() {
                "Tf" => {
                    current = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| fonts.get(n));
                }
                "Tj" | "'" | "\"" => {
                    if let Some(Object::String(s, _)) = op.operands.last() {
                        show(s, current, out);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            if let Object::String(s, _) = item {
                                show(s, current, out);
                            }
                        }
                    }
                }
                "ET" => out.push(' '),
                "Do" => {
                    let name = op.operands.first().and_then(|n| n.as_name().ok());
                    let stream = name
                        .and_then(|n| xobjects?.get(n).ok())
                        .and_then(|o| o.as_reference().ok())
                        .and_then(|id| doc.get_object(id).ok())
                        .and_then(|o| o.as_stream().ok());
                    if let Some(stream) = stream {
                        let data = stream
                            .decompressed_content()
                            .unwrap_or_else(|_| stream.content.clone());
                        let res = stream.dict.get(b"Resources").ok().and_then(|r| dict(doc, r));
                        walk(doc, &data, res.or(resources), out);
                    }
                }
                _ => {}
            }
        }
    }

    let doc = Document::load_mem(bytes).expect("a valid PDF");
    doc.get_pages()
        .values()
        .map(|&page| {
            let mut out = String::new();
            let content = doc.get_page_content(page).unwrap_or_default();
            let (resources, ids) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
            let resources =
                resources.or_else(|| ids.first().and_then(|id| doc.get_dictionary(*id).ok()));
            walk(&doc, &content, resources, &mut out);
            out
        })
        .collect()
}

/// A run of text as laid out on a page: where its baseline starts (mm from the page's top
/// left corner), its width (mm) and printed size (pt), whether it is turned, and its text.
#[derive(Debug, Clone)]
pub struct Run {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub turned: bool,
    pub text: String,
}

/// Every run of text of a page, in the order the page holds them.
pub fn runs(frame: &typst::layout::Frame) -> Vec<Run> {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    fn walk(frame: &Frame, ts: Transform, out: &mut Vec<Run>) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), out),
                FrameItem::Text(t) => {
                    let at = Point::zero().transform(here);
                    out.push(Run {
                        x: at.x.to_mm(),
                        y: at.y.to_mm(),
                        width: t.width().to_mm() * here.sx.get(),
                        size: t.size.to_pt() * here.sy.get(),
                        turned: here.kx.get().abs() > 1e-9 || here.ky.get().abs() > 1e-9,
                        text: t.text.to_string(),
                    });
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(frame, Transform::identity(), &mut out);
    out
}

/// A `metadata` a template set under a label: its dictionary's texts and numbers, and where
/// it stands on its page (mm from the top left corner).
#[derive(Debug, Clone)]
pub struct Mark {
    pub texts: HashMap<String, String>,
    pub numbers: HashMap<String, f64>,
    pub x: f64,
    pub y: f64,
}

/// Every metadata of `compiled` under `label`, in document order.
pub fn marks(compiled: &Compiled, label: &str) -> Vec<Mark> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let introspector = compiled.document.introspector();
    let label = Label::new(typst::utils::PicoStr::intern(label)).unwrap();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .map(|content| {
            let meta = content.to_packed::<MetadataElem>().expect("a metadata element");
            let Value::Dict(dict) = &meta.value else {
                panic!("{:?} is no dictionary", meta.value)
            };
            let (mut texts, mut numbers) = (HashMap::new(), HashMap::new());
            for (key, value) in dict.iter() {
                match value {
                    Value::Str(s) => {
                        texts.insert(key.to_string(), s.to_string());
                    }
                    Value::Int(i) => {
                        numbers.insert(key.to_string(), *i as f64);
                    }
                    Value::Float(f) => {
                        numbers.insert(key.to_string(), *f);
                    }
                    _ => {}
                }
            }
            let at = introspector.position(content.location().unwrap()).unwrap().point;
            Mark { texts, numbers, x: at.x.to_mm(), y: at.y.to_mm() }
        })
        .collect()
}

/// The status, headers (lower case) and body of a request to the server at `addr`.
pub fn request_bytes(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    request_with(addr, method, path, &[], content_type, body)
}

/// A JSON request to the server at `addr`: the status and the JSON answered (null if none).
pub fn post_json(
    addr: std::net::SocketAddr,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let (status, _, bytes) =
        request_bytes(addr, "POST", path, "application/json", body.to_string().as_bytes());
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

/// A page of the server at `addr`: the status and the text.
pub fn get_text(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let (status, _, bytes) = request_bytes(addr, "GET", path, "text/plain", b"");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// As `request_bytes`, with more `headers` (name, value).
pub fn request_with(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let stream = std::net::TcpStream::connect(addr).unwrap();
    exchange(stream, method, path, headers, content_type, body)
}

/// A connection to the server at `addr` from the address `source` (another of this
/// machine's loopback addresses: another device of the room, to the server).
pub fn connect_from(
    source: std::net::IpAddr,
    addr: std::net::SocketAddr,
) -> std::io::Result<std::net::TcpStream> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    socket.bind(&std::net::SocketAddr::new(source, 0).into())?;
    socket.connect(&addr.into())?;
    Ok(socket.into())
}

/// As `request_bytes`, from the address `source` (see [`connect_from`]).
pub fn request_from(
    source: std::net::IpAddr,
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let stream = connect_from(source, addr).unwrap();
    exchange(stream, method, path, &[], content_type, body)
}

/// Sends one request on `stream` and reads its answer to the end.
fn exchange(
    mut stream: std::net::TcpStream,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let more: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\n{more}Content-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    std::io::Write::write_all(&mut stream, head.as_bytes()).unwrap();
    // A server may answer before reading the whole of a body it refuses.
    let _ = std::io::Write::write_all(&mut stream, body);
    let mut out = Vec::new();
    let _ = std::io::Read::read_to_end(&mut stream, &mut out);
    let end = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(out.len());
    let head = String::from_utf8_lossy(&out[..end]).to_lowercase();
    let body = out.get(end + 4..).unwrap_or_default().to_vec();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head, body)
}

/// A shape as drawn on a page: its box (mm from the page's top left corner, its line
/// included), whether it has a line, and whether it is a circle's curve.
#[derive(Debug, Clone, Copy)]
pub struct Drawn {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub stroked: bool,
    pub curve: bool,
    /// Half the line's thickness, mm.
    pub line: f64,
}

impl Drawn {
    /// Half the width of the box, for a circle its radius, mm.
    pub fn half_width(&self) -> f64 {
        (self.x1 - self.x0) / 2.0
    }

    /// The middle of the box, mm.
    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
}

/// Every shape of a page but its lines, in the order the page draws them.
pub fn drawn_shapes(frame: &typst::layout::Frame) -> Vec<Drawn> {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    use typst::visualize::Geometry;
    fn walk(frame: &Frame, ts: Transform, out: &mut Vec<Drawn>) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), out),
                FrameItem::Shape(shape, _) => {
                    if matches!(shape.geometry, Geometry::Line(_)) {
                        continue;
                    }
                    let bbox = shape.bbox(false);
                    let corners = [
                        Point::new(bbox.min.x, bbox.min.y),
                        Point::new(bbox.max.x, bbox.min.y),
                        Point::new(bbox.min.x, bbox.max.y),
                        Point::new(bbox.max.x, bbox.max.y),
                    ]
                    .map(|p| p.transform(here));
                    let xs = corners.map(|p| p.x.to_mm());
                    let ys = corners.map(|p| p.y.to_mm());
                    let line = shape.stroke.as_ref().map_or(0.0, |s| s.thickness.to_mm() / 2.0)
                        * here.sx.get().abs();
                    out.push(Drawn {
                        x0: xs.iter().copied().fold(f64::INFINITY, f64::min) - line,
                        y0: ys.iter().copied().fold(f64::INFINITY, f64::min) - line,
                        x1: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max) + line,
                        y1: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max) + line,
                        stroked: shape.stroke.is_some(),
                        curve: matches!(shape.geometry, Geometry::Curve(_)),
                        line,
                    });
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(frame, Transform::identity(), &mut out);
    out
}

/// The circles of the map on a page, from its largest stroked circle inwards: the map's
/// centre on the page and the radii of its circles (their middle lines), mm, largest first.
pub fn map_circles(frame: &typst::layout::Frame) -> ((f64, f64), Vec<f64>) {
    let shapes = drawn_shapes(frame);
    let circles: Vec<&Drawn> = shapes
        .iter()
        .filter(|d| d.curve && d.stroked && ((d.x1 - d.x0) - (d.y1 - d.y0)).abs() < 0.01)
        .collect();
    let outer = circles
        .iter()
        .max_by(|a, b| a.half_width().total_cmp(&b.half_width()))
        .expect("the page has circles");
    let centre = outer.centre();
    let mut radii: Vec<f64> = circles
        .iter()
        .filter(|d| {
            let (x, y) = d.centre();
            (x - centre.0).abs() < 0.01 && (y - centre.1).abs() < 0.01
        })
        .map(|d| d.half_width() - d.line)
        .collect();
    radii.sort_by(|a, b| b.total_cmp(a));
    radii.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    (centre, radii)
}
