//! Looking back in the browser (`serve`): earlier answers opened as "then" give the
//! comparison beside the form and its download, and the handout downloaded ends with it;
//! the facilitator's page of a workshop gives the group's portrait and the figures per
//! participant.

use serde_json::Value;

use crate::common::{get_text, post_json, request_bytes, turn};
use crate::common::{must_contain, pdf_page_texts, root, squash, temp_dir};
use netkaart::form::fields_of;
use netkaart::serve::{Room, Server, spawn};
use netkaart::workshop::Workshop;
use netkaart::{Engine, Lang};
use serde_json::json;

fn now_fields() -> Value {
    let fields = fields_of(&crate::common::example("an-peeters-2027-06.yaml"), Lang::Nl);
    json!(fields)
}

fn then_text() -> String {
    std::fs::read_to_string(root().join("examples/an-peeters.yaml")).unwrap()
}

#[test]
fn earlier_answers_opened_as_then_give_the_comparison_and_its_downloads() {
    let _turn = turn();
    let addr = spawn("127.0.0.1:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl)).unwrap();
    let (status, page) = get_text(addr, "/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"then\""), "the page offers to open earlier answers");
    assert!(page.contains("data-download=\"compare.pdf\" data-then=\"1\" hidden"));
    // The file is checked before the page keeps it.
    let (status, _, body) =
        request_bytes(addr, "POST", "/then?lang=nl", "application/yaml", then_text().as_bytes());
    assert_eq!(status, 200);
    let answer: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(answer["date"], "2026-12-03");
    let (status, _, body) = request_bytes(
        addr,
        "POST",
        "/then?lang=nl",
        "application/yaml",
        b"version: 1\ncontacts: [{ring: 9}]\n",
    );
    assert_eq!(status, 422);
    let answer: Value = serde_json::from_slice(&body).unwrap();
    assert!(answer["problems"][0]["message"].as_str().unwrap().contains("then.yaml"), "{answer}");
    // The comparison beside the form.
    let body = json!({ "fields": now_fields(), "then": then_text() });
    let (status, preview) = post_json(addr, "/preview?lang=nl&compare=1", body.clone());
    assert_eq!(status, 200, "{preview}");
    let svg = preview["svg"].as_str().unwrap();
    must_contain(svg, "Je netwerk toen en nu");
    must_contain(svg, "Jef Claes (2 → 1)");
    // Without the earlier answers, the comparison says what to do.
    let (status, refused) =
        post_json(addr, "/preview?lang=nl&compare=1", json!({ "fields": now_fields() }));
    assert_eq!(status, 422);
    must_contain(refused["problems"][0]["message"].as_str().unwrap(), "vroegere antwoorden");
    // Its download, and the handout with the comparison at its end.
    let (status, _, pdf) = request_bytes(
        addr,
        "POST",
        "/download/compare.pdf?lang=nl",
        "application/json",
        body.to_string().as_bytes(),
    );
    assert_eq!(status, 200);
    must_contain(&pdf_page_texts(&pdf)[0], "Dichterbij (1)");
    let (status, _, pdf) = request_bytes(
        addr,
        "POST",
        "/download/handout.pdf?lang=nl",
        "application/json",
        body.to_string().as_bytes(),
    );
    assert_eq!(status, 200);
    must_contain(pdf_page_texts(&pdf).last().unwrap(), "Je netwerk toen en nu");
    let (status, _, _) = request_bytes(
        addr,
        "POST",
        "/download/compare.pdf?lang=nl",
        "application/json",
        json!({ "fields": now_fields() }).to_string().as_bytes(),
    );
    assert_eq!(status, 422, "no comparison without the earlier answers");
}

#[test]
fn the_facilitator_gets_the_group_portrait_and_the_figures() {
    let _turn = turn();
    let dir = temp_dir("looking-back-room");
    let workshop = Workshop::open(&dir, 100).unwrap();
    let room = Room::new(workshop, None, false).unwrap();
    let addr =
        spawn("127.0.0.1:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl).with_room(room))
            .unwrap();
    for fields in
        [now_fields(), json!(fields_of(&crate::common::example("green-lane.yaml"), Lang::Nl))]
    {
        let (status, answer) = post_json(addr, "/submit?lang=nl", json!({ "fields": fields }));
        assert_eq!(status, 200, "{answer}");
    }
    let (status, page) = get_text(addr, "/facilitator?lang=nl");
    assert_eq!(status, 200);
    assert!(page.contains("/facilitator/portrait.pdf"));
    let (status, _, pdf) =
        request_bytes(addr, "GET", "/facilitator/portrait.pdf?lang=nl", "text/plain", b"");
    assert_eq!(status, 200);
    let text = pdf_page_texts(&pdf).join("\n");
    must_contain(&text, "Deelnemers: 2");
    assert!(!squash(&text).contains("AnPeeters"), "nobody named by default");
    let (_, _, pdf) =
        request_bytes(addr, "GET", "/facilitator/portrait.pdf?lang=nl&names=1", "text/plain", b"");
    must_contain(&pdf_page_texts(&pdf).join("\n"), "An Peeters");
    let (status, headers, csv) =
        request_bytes(addr, "GET", "/facilitator/stats.csv?lang=nl", "text/plain", b"");
    assert_eq!(status, 200);
    assert!(headers.contains("text/csv"), "{headers}");
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(text.lines().count(), 3, "a header and a row each:\n{text}");
    assert!(text.lines().nth(1).unwrap().starts_with("1;18;"), "{text}");
    // A request another site's page makes in the facilitator's browser gets nothing.
    let (status, _, _) = crate::common::request_with(
        addr,
        "GET",
        "/facilitator/stats.csv",
        &[("Sec-Fetch-Site", "cross-site")],
        "text/plain",
        b"",
    );
    assert_eq!(status, 403);
}

/// In Chromium: the participant opens this time's answers, then last time's as "then"; the
/// comparison is drawn beside the form, its download appears, and both stay after a
/// reload; closing the comparison goes back to the map.
#[test]
fn a_participant_compares_in_a_browser() {
    use crate::browser::{
        ONE_AT_A_TIME, browser_present, click, connect, keep_screenshot, start_driver, until,
    };
    use fantoccini::Locator;
    if !browser_present() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let _turn = turn();
    let (_driver, webdriver) = start_driver();
    let addr = spawn("127.0.0.1:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl)).unwrap();
    let downloads = temp_dir("compare-browser");
    let now = root().join("examples/an-peeters-2027-06.yaml");
    let then = root().join("examples/an-peeters.yaml");
    let text = crate::browser::PREVIEW_TEXT;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = connect(&webdriver, &downloads).await;
        client.goto(&format!("http://{addr}/")).await.unwrap();
        until(&client, text, "the first preview").await;
        let open = client.find(Locator::Id("open")).await.unwrap();
        open.send_keys(now.to_str().unwrap()).await.unwrap();
        until(&client, &format!("{text}.includes('Fátima')"), "this time's answers").await;
        // The comparison's view and download appear only with earlier answers open.
        until(&client, "document.querySelector('[data-view=compare]').hidden", "no comparison yet").await;
        let input = client.find(Locator::Id("then")).await.unwrap();
        input.send_keys(then.to_str().unwrap()).await.unwrap();
        until(&client, &format!("{text}.includes('toen en nu')"), "the comparison drawn").await;
        until(&client, "document.querySelector('[data-view=compare]').getAttribute('aria-pressed') === 'true'", "the comparison's view chosen").await;
        until(&client, "!document.querySelector('[data-download=\"compare.pdf\"]').hidden", "its download offered").await;
        until(&client, "document.getElementById('then-file').textContent.includes('an-peeters.yaml')", "the file named").await;
        let said = client
            .execute(&format!("return {text};"), vec![])
            .await
            .unwrap();
        let said = said.as_str().unwrap().to_string();
        must_contain(&said, "Jef Claes (2 → 1)");
        must_contain(&said, "Toen: 3 december 2026 · Nu: 10 juni 2027");
        keep_screenshot(&client.screenshot().await.unwrap(), "compare-nl.png");
        // On a phone the comparison fits the screen's width: the page does not scroll
        // sideways, the drawing's box does.
        client.set_window_size(412, 915).await.unwrap();
        until(
            &client,
            "document.documentElement.scrollWidth <= window.innerWidth + 1 && document.querySelector('#drawing svg').getBoundingClientRect().width > 300",
            "the comparison on a phone",
        )
        .await;
        keep_screenshot(&client.screenshot().await.unwrap(), "compare-phone-nl.png");
        client.set_window_size(1400, 1000).await.unwrap();
        // Kept across a reload, as the form is.
        client.refresh().await.unwrap();
        until(&client, "!document.querySelector('[data-view=compare]').hidden", "the comparison kept").await;
        click(&client, "#then-close").await;
        until(&client, "document.querySelector('[data-view=compare]').hidden && document.querySelector('[data-view=map]').getAttribute('aria-pressed') === 'true'", "back to the map").await;
        client.close().await.unwrap();
    });
}
