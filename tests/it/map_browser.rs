//! The map as the input, in a real browser (headless Chromium over WebDriver; skipped with
//! a word when it is not installed, unless `NETKAART_REQUIRE_BROWSER` is set). On a laptop
//! in Dutch with a mouse and on a phone in English with a finger, a participant places
//! twelve contacts by tapping cells and typing names (a tap, the name, Enter), each drawn
//! by the server in under 500 ms as the page measures it; drags one to another sector and
//! ring and finds it so in the saved answers; taps a name and lands in its fields; removes
//! a contact and brings it back; types 15/1/2027 into every date field and keeps the year
//! 2027; and a refused download says why next to its button, with the focus at the field at
//! fault. By keyboard alone the same twelve are placed. Screenshots for the README:
//! `NETKAART_UPDATE_SCREENSHOTS=1`, after looking at `target/screenshots/`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::browser::{
    ONE_AT_A_TIME, browser_present, click, connect, keep_screenshot, start_driver, type_into, until,
};
use crate::common::{KINDS, temp_dir, turn};
use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MouseActions, PointerAction, TouchActions,
};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use netkaart::serve::{Server, spawn};
use netkaart::{Engine, Lang};
use serde_json::{Value, json};

/// Twelve contacts, as a participant names them.
const NAMES: [&str; 12] = [
    "Luc Peeters",
    "Buurthuis De Kring",
    "Mira",
    "Schepen Marleen Vandenbroucke",
    "Sam",
    "Jo Claes",
    "Wijkagent Tom",
    "An",
    "Bart De Smet",
    "Lotte",
    "Karim",
    "Eva Janssens",
];

/// The cell of the `i`th contact: every sector, and every band.
fn cell(i: usize) -> (usize, usize) {
    (i % 7, (i * 3 + i / 7) % 4)
}

/// A JavaScript value of `value`.
fn js(value: &str) -> String {
    serde_json::to_string(value).unwrap()
}

async fn number(client: &Client, script: &str) -> f64 {
    client.execute(&format!("return {script};"), vec![]).await.unwrap().as_f64().unwrap()
}

/// The point of the viewport at a cell's middle, the cell scrolled into view if it is not
/// the element there.
async fn cell_point(client: &Client, sector: usize, band: usize) -> (f64, f64) {
    let script = "const p = document.querySelector(`.cell[data-sector=\"${arguments[0]}\"][data-band=\"${arguments[1]}\"]`);
        const [x, y] = p.dataset.middle.split(' ').map(Number);
        const svg = p.ownerSVGElement; const pt = svg.createSVGPoint(); pt.x = x; pt.y = y;
        let s = pt.matrixTransform(svg.getScreenCTM());
        if (document.elementFromPoint(s.x, s.y) !== p) {
          p.scrollIntoView({block: 'center', inline: 'center'});
          s = pt.matrixTransform(svg.getScreenCTM());
        }
        return [Math.round(s.x), Math.round(s.y)];";
    point(client.execute(script, vec![json!(sector), json!(band)]).await.unwrap())
}

/// The point at the middle of contact `n`'s name on the map, scrolled into view.
async fn name_point(client: &Client, n: usize) -> (f64, f64) {
    let script = "const r = document.querySelector(`.name[data-contact=\"${arguments[0]}\"]`);
        r.scrollIntoView({block: 'center', inline: 'center'});
        const b = r.getBoundingClientRect();
        return [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)];";
    point(client.execute(script, vec![json!(n)]).await.unwrap())
}

fn point(value: Value) -> (f64, f64) {
    (value[0].as_f64().unwrap(), value[1].as_f64().unwrap())
}

/// A pointer's moves and presses, by mouse or by finger.
async fn pointer(client: &Client, touch: bool, actions: Vec<PointerAction>) {
    if touch {
        let seq = actions.into_iter().fold(TouchActions::new("finger".into()), |s, a| s.then(a));
        client.perform_actions(seq).await.unwrap();
    } else {
        let seq = actions.into_iter().fold(MouseActions::new("mouse".into()), |s, a| s.then(a));
        client.perform_actions(seq).await.unwrap();
    }
    client.release_actions().await.unwrap();
}

/// One tap (or click) at `at`.
async fn tap(client: &Client, touch: bool, at: (f64, f64)) {
    let to = PointerAction::MoveTo { duration: None, x: at.0, y: at.1 };
    pointer(
        client,
        touch,
        vec![to, PointerAction::Down { button: 0 }, PointerAction::Up { button: 0 }],
    )
    .await;
}

/// A press at `from`, moved to `to` in a few steps, and let go.
async fn drag(client: &Client, touch: bool, from: (f64, f64), to: (f64, f64)) {
    let mut actions = vec![PointerAction::MoveTo { duration: None, x: from.0, y: from.1 }];
    actions.push(PointerAction::Down { button: 0 });
    for k in 1..=4 {
        let f = k as f64 / 4.0;
        let (x, y) = (from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f);
        actions.push(PointerAction::MoveTo { duration: Some(Duration::from_millis(60)), x, y });
    }
    actions.push(PointerAction::Up { button: 0 });
    pointer(client, touch, actions).await;
}

/// Keys pressed one after the other, as a keyboard sends them.
async fn press(client: &Client, keys: &str) {
    let seq = keys.chars().fold(KeyActions::new("keyboard".into()), |s, c| {
        s.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c })
    });
    client.perform_actions(seq).await.unwrap();
}

/// How many contacts the form holds.
async fn contacts(client: &Client) -> usize {
    number(client, "document.querySelectorAll('#list-contacts > li.item').length").await as usize
}

/// Every contact is on the map (a name or a number to tap) or said at its entry to be in
/// the list beside it.
async fn every_contact_placed(client: &Client, n: usize) {
    let script = format!(
        "Array.from({{length: {n}}}, (_, i) => document.querySelector(`.name[data-contact=\"${{i}}\"]`) !== null
            || document.querySelectorAll('#list-contacts .placed')[i].textContent !== '').every(Boolean)"
    );
    until(client, &script, "every contact on the map or said to be in the list").await;
}

/// The newest answers file downloaded into `dir`, once complete.
async fn downloaded_answers(client: &Client, dir: &Path) -> String {
    for old in std::fs::read_dir(dir).unwrap().flatten() {
        let _ = std::fs::remove_file(old.path());
    }
    click(client, "[data-download='answers.yaml']").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let file = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "yaml"));
        if let Some(file) = file {
            tokio::time::sleep(Duration::from_millis(200)).await;
            return std::fs::read_to_string(file).unwrap();
        }
        assert!(Instant::now() < deadline, "no answers file downloaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the participant does on the map in one page: `lang`, by finger or by mouse.
async fn participant_places_contacts(client: &Client, url: &str, touch: bool, downloads: &Path) {
    client.goto(url).await.unwrap();
    until(client, "document.querySelector('.cell') !== null", "the map's cells").await;

    // Twelve contacts: a tap on a cell, the name, Enter.
    let mut slowest: f64 = 0.0;
    for (i, name) in NAMES.iter().enumerate() {
        let (sector, band) = cell(i);
        let at = cell_point(client, sector, band).await;
        tap(client, touch, at).await;
        let input = client.wait().for_element(Locator::Css(".adder input")).await.unwrap();
        input.send_keys(&format!("{name}{}", char::from(Key::Enter))).await.unwrap();
        let drawn = format!("window.netkaartTimes.drawn[{}] !== undefined", js(name));
        until(client, &drawn, &format!("{name} drawn on the map")).await;
        let ms = number(
            client,
            &format!("netkaartTimes.drawn[{n}] - netkaartTimes.added[{n}]", n = js(name)),
        )
        .await;
        slowest = slowest.max(ms);
    }
    assert_eq!(contacts(client).await, 12);
    assert!(slowest < 500.0, "a name took {slowest:.0} ms to be drawn after Enter");
    // Shown with --nocapture, for the record.
    println!("the slowest of twelve names was drawn {slowest:.0} ms after its Enter");
    every_contact_placed(client, 12).await;
    // Every name a target for a finger, however small it is drawn.
    let smallest = number(
        client,
        "Math.min(...Array.from(document.querySelectorAll('.name'), r => {
            const b = r.getBoundingClientRect(); return Math.min(b.width, b.height); }))",
    )
    .await;
    assert!(smallest >= 43.5, "a name's target is {smallest:.0} px");
    // Each where it was tapped.
    for (i, name) in NAMES.iter().enumerate() {
        let (sector, band) = cell(i);
        let value =
            |field: &str| format!("document.getElementById('f-contacts-{}-{field}').value", i + 1);
        let kind = client.execute(&format!("return {};", value("kind")), vec![]).await.unwrap();
        let label = format!(
            "document.querySelector('.cell[data-sector=\"{sector}\"][data-band=\"{band}\"]').getAttribute('aria-label')"
        );
        let cell_label = client.execute(&format!("return {label};"), vec![]).await.unwrap();
        assert!(
            cell_label.as_str().unwrap().contains(kind.as_str().unwrap()),
            "{name}: {kind} is not the sector of {cell_label}"
        );
    }
    let lang = client.execute("return document.documentElement.lang;", vec![]).await.unwrap();
    let lang = lang.as_str().unwrap().to_string();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The screenshot: on a phone from the top of the page, the zoomed map scrolled to its
    // middle; on a laptop with the whole map in view.
    client
        .execute(
            "if (innerWidth > 800) { document.getElementById('preview').scrollIntoView(); }
             else { window.scrollTo(0, 0); }
             const d = document.getElementById('drawing');
             d.scrollLeft = (d.scrollWidth - d.clientWidth) / 2;
             d.scrollTop = (d.scrollHeight - d.clientHeight) / 2;",
            vec![],
        )
        .await
        .unwrap();
    let shot = if touch { format!("map-phone-{lang}.png") } else { format!("map-{lang}.png") };
    keep_screenshot(&client.screenshot().await.unwrap(), &shot);

    // The first contact dragged to the sector three on and the third ring. On a phone the
    // map is shown whole first, so that both cells are in view.
    if touch {
        while client.find(Locator::Css("[data-zoom='-1']:not([disabled])")).await.is_ok() {
            click(client, "[data-zoom='-1']").await;
        }
    }
    let from = name_point(client, 0).await;
    let (sector, _) = cell(0);
    let target = ((sector + 3) % 7, 2);
    let to = cell_point(client, target.0, target.1).await;
    let from_again = name_point(client, 0).await;
    assert_eq!(from, from_again, "both ends of the drag in view");
    drag(client, touch, from, to).await;
    until(
        client,
        &format!(
            "document.getElementById('map-said').textContent.startsWith({}) && document.getElementById('f-contacts-1-ring').value.startsWith('3')",
            js(NAMES[0])
        ),
        "the dragged name said in its new cell",
    )
    .await;
    let saved = downloaded_answers(client, downloads).await;
    let answers: Value = serde_saphyr::from_str(&saved).unwrap();
    assert_eq!(answers["contacts"][0]["kind"], KINDS[target.0], "{saved}");
    assert_eq!(answers["contacts"][0]["ring"], 3, "{saved}");

    // A tap on a name opens its entry.
    let at = name_point(client, 1).await;
    tap(client, touch, at).await;
    until(
        client,
        "document.activeElement.id === 'f-contacts-2-name'",
        "the second contact's name field",
    )
    .await;

    // Removed, and brought back.
    click(client, "#list-contacts > li.item:nth-child(2) [data-move=remove]").await;
    assert_eq!(contacts(client).await, 11);
    until(client, "document.querySelector('#list-contacts > li.undo') !== null", "the undo").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    click(client, "#list-contacts > li.undo button").await;
    assert_eq!(contacts(client).await, 12);
    let back = client.find(Locator::Id("f-contacts-2-name")).await.unwrap().prop("value").await;
    assert_eq!(back.unwrap().as_deref(), Some(NAMES[1]));

    // An entry left empty among the others is not on the map: a name still opens its own.
    click(client, "[data-add=contacts]").await;
    click(client, "#list-contacts > li.item:last-child [data-move=up]").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let at = name_point(client, 11).await;
    tap(client, touch, at).await;
    until(
        client,
        "document.activeElement.id === 'f-contacts-13-name'",
        "the last name's own entry",
    )
    .await;
    click(client, "#list-contacts > li.item:nth-child(12) [data-move=remove]").await;
    assert_eq!(contacts(client).await, 12);

    // 15/1/2027 in every date field stays in 2027.
    click(client, "[data-add=sustain-actions]").await;
    type_into(client, "f-sustain-actions-1-what", "Koffie met Luc").await;
    type_into(client, "f-sustain-actions-1-when", "15/1/2027").await;
    type_into(client, "f-person-date", "15/1/2027").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let saved = downloaded_answers(client, downloads).await;
    assert_eq!(saved.matches("2027-01-15").count(), 2, "{saved}");
    assert!(!saved.contains("0027"), "{saved}");

    // A contact without a name: the download is refused beside its button, and the focus
    // goes to the name that is missing.
    click(client, "[data-add=contacts]").await;
    client.find(Locator::Id("f-contacts-13-kind")).await.unwrap().select_by_index(2).await.unwrap();
    click(client, "[data-download='poster.pdf']").await;
    until(
        client,
        "document.activeElement.id === 'f-contacts-13-name'",
        "the focus at the missing name",
    )
    .await;
    until(client, "document.getElementById('downloads-refusal').textContent !== ''", "the refusal")
        .await;
}

fn serve_and_drive(
    lang: Lang,
    size: (u32, u32),
    drive: impl AsyncFnOnce(&Client, String, PathBuf),
) {
    if !browser_present() {
        return;
    }
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let _costly = turn();
    let (_driver, webdriver) = start_driver();
    let addr = spawn("127.0.0.1:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl)).unwrap();
    let downloads = temp_dir(&format!("map-browser-{}-{}", lang.code(), size.0));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = connect(&webdriver, &downloads).await;
        client.set_window_size(size.0, size.1).await.unwrap();
        drive(&client, format!("http://{addr}/?lang={}", lang.code()), downloads.clone()).await;
        client.close().await.unwrap();
    });
}

#[test]
fn on_a_laptop_a_participant_places_moves_opens_and_removes_contacts_on_the_map() {
    serve_and_drive(Lang::Nl, (1400, 1000), async |client, url, downloads| {
        participant_places_contacts(client, &url, false, &downloads).await;
    });
}

#[test]
fn on_a_phone_a_participant_places_moves_opens_and_removes_contacts_with_a_finger() {
    serve_and_drive(Lang::En, (390, 844), async |client, url, downloads| {
        participant_places_contacts(client, &url, true, &downloads).await;
    });
}

#[test]
fn by_keyboard_alone_the_same_twelve_contacts_are_placed() {
    serve_and_drive(Lang::Nl, (1400, 1000), async |client, url, _| {
        client.goto(&url).await.unwrap();
        until(client, "document.querySelector('.cell') !== null", "the map's cells").await;
        // From the top of the page, Tab until the map's cells.
        let tab = char::from(Key::Tab).to_string();
        let mut tabs = 0;
        while !client
            .execute("return document.activeElement.classList.contains('cell');", vec![])
            .await
            .unwrap()
            .as_bool()
            .unwrap()
        {
            press(client, &tab).await;
            tabs += 1;
            assert!(tabs < 20, "the map's cells are within reach of Tab");
        }
        let (right, up, enter) =
            (char::from(Key::Right), char::from(Key::Up), char::from(Key::Enter));
        let mut at = (0, 0);
        for (i, name) in NAMES.iter().enumerate() {
            // Arrow keys to the contact's cell, Enter, the name, Enter.
            let (sector, band) = cell(i);
            let mut keys = String::new();
            while at.0 != sector {
                keys.push(right);
                at.0 = (at.0 + 1) % 7;
            }
            while at.1 != band {
                keys.push(if band > at.1 { up } else { char::from(Key::Down) });
                at.1 = if band > at.1 { at.1 + 1 } else { at.1 - 1 };
            }
            keys.push(enter);
            press(client, &keys).await;
            client.wait().for_element(Locator::Css(".adder input")).await.unwrap();
            press(client, &format!("{name}{enter}")).await;
            let drawn = format!("window.netkaartTimes.drawn[{}] !== undefined", js(name));
            until(client, &drawn, &format!("{name} drawn")).await;
            until(
                client,
                "document.activeElement.classList.contains('cell')",
                "the focus back on the map's cell",
            )
            .await;
        }
        assert_eq!(contacts(client).await, 12);
        every_contact_placed(client, 12).await;
        let names = client
            .execute(
                "return Array.from(document.querySelectorAll('#list-contacts [data-key$=\".name\"]'), e => e.value);",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(names, json!(NAMES));
    });
}
