//! `netkaart serve` in a real browser: headless Chromium driven over WebDriver (Debian's
//! `chromium` and `chromium-driver`). A participant types a name and three contacts, sees
//! them drawn, fixes a problem shown at its field, moves a contact, reloads the page and
//! finds the form as it was, and downloads the poster as PDF. The test also takes the
//! screenshots of the README: `NETKAART_UPDATE_SCREENSHOTS=1` writes them to `docs/`, after you have
//! looked at the ones in `target/screenshots/`.
//!
//! Without the two packages the test says that it skipped, unless `NETKAART_REQUIRE_BROWSER`
//! is set (as `.ci/run` sets it), where their absence is a failure.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{pdf_page_texts, root, temp_dir};
use fantoccini::{Client, ClientBuilder, Locator};
use netkaart::serve::{Server, spawn};
use netkaart::{Engine, Lang};

const CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver, stopped when the test ends however it ends.
pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // The browser the driver started goes with it, also when a test failed before it
        // closed its session; the test's turn lasts until it has gone, so that a test that
        // times something does not share the cores with a browser shutting down.
        let browsers = children(self.0.id());
        if !browsers.is_empty() {
            let _ =
                Command::new("kill").arg("-9").args(browsers.iter().map(u32::to_string)).status();
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
        let deadline = Instant::now() + Duration::from_secs(10);
        while browsers.iter().any(|&pid| running(pid)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The processes whose parent is `parent`.
fn children(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| stat(pid).is_some_and(|(_, ppid)| ppid == parent))
        .collect()
}

/// Whether `pid` still runs (a process that ended and waits to be reaped does not).
fn running(pid: u32) -> bool {
    stat(pid).is_some_and(|(state, _)| state != 'Z')
}

/// A process's state and parent, from `/proc/PID/stat`.
fn stat(pid: u32) -> Option<(char, u32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command's name in parentheses: the state, then the parent.
    let mut rest = text[text.rfind(')')? + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    Some((state, rest.next()?.parse().ok()?))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// chromedriver on a free port, once it answers.
pub(crate) fn start_driver() -> (Driver, String) {
    let port = free_port();
    // Chromium takes the language of its own words (the file picker's, the date field's)
    // from LANGUAGE; LANG stays as it is, as it also sets how file names are encoded.
    let child = Command::new(DRIVER)
        .arg(format!("--port={port}"))
        .env("LANGUAGE", "nl_BE:nl")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, format!("http://127.0.0.1:{port}"))
}

/// One browser test at a time: three headless Chromiums and their servers on two cores
/// starve each other's previews.
pub(crate) static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Whether the browser and its driver are installed; if not, says so where `cargo test`
/// shows it (past the test harness's capture), or fails when they are required.
pub(crate) fn browser_present() -> bool {
    if Path::new(CHROMIUM).exists() && Path::new(DRIVER).exists() {
        return true;
    }
    let required = std::env::var_os("NETKAART_REQUIRE_BROWSER").is_some();
    assert!(!required, "NETKAART_REQUIRE_BROWSER is set, but {CHROMIUM} or {DRIVER} is missing");
    let _ = writeln!(
        std::io::stderr(),
        "\nSKIPPED the browser test: it needs {CHROMIUM} and {DRIVER} \
         (Debian: apt-get install chromium chromium-driver)."
    );
    false
}

pub(crate) async fn connect(webdriver: &str, downloads: &Path) -> Client {
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--lang=nl-BE"],
            "prefs": {
                "intl.accept_languages": "nl-BE,nl",
                "download.default_directory": downloads.to_str().unwrap(),
                "download.prompt_for_download": false,
            },
        },
    });
    let serde_json::Value::Object(capabilities) = capabilities else { unreachable!() };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(webdriver)
        .await
        .expect("a WebDriver session")
}

/// Waits until `script` (a JavaScript expression) is true in the page, or fails with `what`.
pub(crate) async fn until(client: &Client, script: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let value = client.execute(&format!("return Boolean({script});"), vec![]).await.unwrap();
        if value == serde_json::Value::Bool(true) {
            return;
        }
        assert!(Instant::now() < deadline, "waited 20 s for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn type_into(client: &Client, id: &str, text: &str) {
    client.find(Locator::Id(id)).await.unwrap().send_keys(text).await.unwrap();
}

pub(crate) async fn choose(client: &Client, id: &str, option: &str) {
    let select = client.find(Locator::Id(id)).await.unwrap();
    select.select_by_label(option).await.unwrap();
}

pub(crate) async fn click(client: &Client, css: &str) {
    client.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

/// Saves a screenshot to `target/screenshots/`, and to `docs/` when asked.
pub(crate) fn keep_screenshot(png: &[u8], name: &str) {
    let dir = root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
    if std::env::var_os("NETKAART_UPDATE_SCREENSHOTS").is_some() {
        std::fs::write(root().join("docs").join(name), png).unwrap();
    }
}

/// The preview's text: the SVG's description, which holds the poster's words.
/// In brackets, so that `{PREVIEW_TEXT}.includes(…)` asks about the text and not about `''`.
pub(crate) const PREVIEW_TEXT: &str =
    "((document.querySelector('#drawing svg desc') || {}).textContent || '')";

async fn participant_fills_in_the_poster(client: &Client, url: &str, downloads: &Path) {
    client.goto(url).await.unwrap();
    until(client, PREVIEW_TEXT, "the first preview").await;
    type_into(client, "f-person-name", "Zoë Janssens").await;
    type_into(client, "f-person-organisation", "Buurtwerk 't Pleintje").await;
    for (n, name) in ["Luc Peeters", "Buurthuis De Kring", "Mira"].iter().enumerate() {
        click(client, "[data-add=contacts]").await;
        type_into(client, &format!("f-contacts-{}-name", n + 1), name).await;
    }
    for (id, option) in [
        ("f-contacts-1-kind", "Beleidsmakers"),
        ("f-contacts-1-ring", "1 Kern"),
        ("f-contacts-2-kind", "Organisaties"),
        ("f-contacts-2-status", "gewenst contact"),
        ("f-contacts-3-kind", "Buurtbewoners"),
        ("f-contacts-3-ring", "3 Af en toe"),
    ] {
        choose(client, id, option).await;
    }
    until(
        client,
        &format!(
            "{PREVIEW_TEXT}.includes('Mira') && {PREVIEW_TEXT}.includes('Buurthuis De Kring')"
        ),
        "the three contacts on the poster",
    )
    .await;

    // A fourth contact with a sector and no name: the problem stands at its name field.
    click(client, "[data-add=contacts]").await;
    choose(client, "f-contacts-4-kind", "Collega’s").await;
    until(
        client,
        r#"document.getElementById('f-contacts-4-name-problem').textContent === "vul 'Naam' in, of verwijder Contact 4""#,
        "the problem at the fourth contact's name",
    )
    .await;
    type_into(client, "f-contacts-4-name", "Sam").await;
    until(
        client,
        &format!("document.getElementById('f-contacts-4-name-problem').textContent === '' && {PREVIEW_TEXT}.includes('Sam')"),
        "the problem gone and Sam drawn",
    )
    .await;

    // Sam moves up to be the first contact: the same button, three times.
    let up =
        client.find(Locator::Css("#list-contacts li:last-child [data-move=up]")).await.unwrap();
    for _ in 0..3 {
        up.click().await.unwrap();
    }
    until(
        client,
        "document.getElementById('f-contacts-1-name').value === 'Sam'",
        "Sam moved to the top",
    )
    .await;
    // The README's screenshot: the contacts beside their map.
    client
        .execute("document.getElementById('list-contacts').scrollIntoView();", vec![])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    keep_screenshot(&client.screenshot().await.unwrap(), "serve-nl.png");

    // A reload keeps the form, in the order it was left.
    client.refresh().await.unwrap();
    until(
        client,
        "document.getElementById('f-contacts-1-name') && document.getElementById('f-contacts-1-name').value === 'Sam'",
        "the form kept over a reload",
    )
    .await;
    let name =
        client.find(Locator::Id("f-person-name")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(name.as_deref(), Some("Zoë Janssens"));
    let count = client.find_all(Locator::Css("#list-contacts > li.item")).await.unwrap().len();
    assert_eq!(count, 4);

    // The poster as PDF, named after the participant, with her contacts on it.
    click(client, "[data-download='poster.pdf']").await;
    let pdf = downloads.join("zoë-janssens-poster.pdf");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !pdf.exists() {
        assert!(Instant::now() < deadline, "no {} in 30 s", pdf.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let text = pdf_page_texts(&std::fs::read(&pdf).unwrap()).join("\n");
    for name in ["Zoë Janssens", "Luc Peeters", "Mira", "Sam"] {
        assert!(text.contains(name), "{name} not in the PDF's text:\n{text}");
    }

    // The other language: the same answers, in the English page's words.
    click(client, "header a[hreflang=en]").await;
    until(
        client,
        "document.documentElement.lang === 'en' && document.getElementById('f-contacts-2-kind') && document.getElementById('f-contacts-2-kind').value === 'Policy makers'",
        "the answers kept in the English page",
    )
    .await;
}

#[test]
fn a_participant_fills_in_the_poster_in_a_browser() {
    if !browser_present() {
        return;
    }
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let _costly = crate::common::turn();
    let (_driver, webdriver) = start_driver();
    let addr = spawn("127.0.0.1:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl)).unwrap();
    let downloads: PathBuf = temp_dir("browser-downloads");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = connect(&webdriver, &downloads).await;
        participant_fills_in_the_poster(&client, &format!("http://{addr}/"), &downloads).await;
        client.close().await.unwrap();
    });
}

/// A participant on a phone: a name and contacts, sent; returns their edit link.
async fn participant_sends(client: &Client, url: &str, name: &str, contacts: &[&str]) -> String {
    client.set_window_size(412, 915).await.unwrap();
    client.goto(url).await.unwrap();
    until(client, PREVIEW_TEXT, "the map drawn").await;
    type_into(client, "f-person-name", name).await;
    for (n, contact) in contacts.iter().enumerate() {
        click(client, "[data-add=contacts]").await;
        type_into(client, &format!("f-contacts-{}-name", n + 1), contact).await;
    }
    let last = contacts.last().copied().unwrap_or(name);
    until(client, &format!("{PREVIEW_TEXT}.includes('{last}')"), "the contacts on the map").await;
    click(client, "#submit").await;
    until(client, "document.querySelector('#sent a') !== null", "the edit link").await;
    let link = client.find(Locator::Css("#sent a")).await.unwrap();
    link.attr("href").await.unwrap().expect("a link")
}

#[test]
fn a_workshop_collects_two_participants_and_the_facilitator_prints_their_handouts() {
    if !browser_present() {
        return;
    }
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let _costly = crate::common::turn();
    let (_driver, webdriver) = start_driver();
    let dir = temp_dir("browser-workshop");
    let room = netkaart::serve::Room::new(
        netkaart::workshop::Workshop::open(&dir.join("answers"), 100).unwrap(),
        None,
        // As with `--listen`: the facilitator's page shows the code.
        true,
    )
    .unwrap();
    let server = Server::new(Engine::new(), Lang::Nl).with_room(room);
    let addr = spawn("127.0.0.1:0".parse().unwrap(), server).unwrap();
    let url = format!("http://{addr}/");
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let an = connect(&webdriver, &downloads).await;
        let mira = connect(&webdriver, &downloads).await;
        let an_link = participant_sends(&an, &url, "An Peeters", &["Luc", "Buurthuis De Kring"]).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        an.execute("document.getElementById('send').scrollIntoView();", vec![]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        keep_screenshot(&an.screenshot().await.unwrap(), "workshop-phone-nl.png");
        participant_sends(&mira, &url, "Mira Claes", &["Sam", "Jo", "Wijkagent Tom"]).await;

        // An comes back through her link, from a fresh page, and adds her organisation.
        an.goto("about:blank").await.unwrap();
        an.execute("localStorage.clear();", vec![]).await.ok();
        an.goto(&an_link).await.unwrap();
        until(&an, "document.getElementById('f-contacts-2-name') && document.getElementById('f-contacts-2-name').value === 'Buurthuis De Kring'", "An's own answers back").await;
        type_into(&an, "f-person-organisation", "Buurtwerk De Brug").await;
        click(&an, "#submit").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let kept = std::fs::read_to_string(dir.join("answers/an-peeters.yaml")).unwrap();
        assert!(kept.contains("Buurtwerk De Brug"), "An's edit in her own file:\n{kept}");

        // The facilitator, on this machine, sees both and prints every handout.
        mira.set_window_size(1300, 900).await.unwrap();
        mira.goto(&format!("{url}facilitator")).await.unwrap();
        until(&mira, "document.querySelectorAll('#entries tr').length === 2", "both submissions listed").await;
        keep_screenshot(&mira.screenshot().await.unwrap(), "workshop-facilitator-nl.png");
        click(&mira, "#handouts").await;
        let pdf = downloads.join("handouts.pdf");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !pdf.exists() {
            assert!(Instant::now() < deadline, "no handouts.pdf in 60 s");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let text = pdf_page_texts(&std::fs::read(&pdf).unwrap()).join("\n");
        for name in ["An Peeters", "Mira Claes", "Wijkagent Tom"] {
            assert!(text.contains(name), "{name} not in the handouts:\n{text}");
        }
        an.close().await.unwrap();
        mira.close().await.unwrap();
    });
}
