//! `netkaart serve --workshop DIR` over HTTP: participants send their answers, each into
//! a file of their own that `netkaart poster` reads; each edits only their own with their
//! token, also after a restart; the facilitator's page answers only this machine or the
//! key; the room's limits hold and bad requests write nothing.
//!
//! Each test's server compiles: each takes a turn of the costly work (`common::turn`), so
//! that a test that times something runs alone.

use std::net::SocketAddr;
use std::path::Path;

use crate::common::get_text as get;
use crate::common::post_json as post;
use crate::common::{must_succeed, netkaart, request_bytes, request_from, request_with, temp_dir};
use netkaart::serve::{Room, Server, spawn};
use netkaart::workshop::Workshop;
use netkaart::{Engine, Lang};
use serde_json::{Value, json};

/// A workshop server over `dir`, listening on `addr`.
fn workshop(dir: &Path, addr: &str, most: usize) -> SocketAddr {
    let room = Room::new(Workshop::open(dir, most).unwrap(), None, false).unwrap();
    spawn(addr.parse().unwrap(), Server::new(Engine::new(), Lang::Nl).with_room(room)).unwrap()
}

/// The answers files in `dir`, by name.
fn answers_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
}

#[test]
fn two_participants_send_their_answers_and_each_edits_only_their_own() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-two");
    let addr = workshop(&dir, "127.0.0.1:0", 100);
    let (status, page) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(page.contains("data-workshop=\"1\"") && page.contains("id=\"submit\""));

    let an = json!({ "fields": [["person.name", "An Peeters"], ["contacts.1.name", "Luc"], ["contacts.2.name", "Mira"]] });
    let (status, first) = post(addr, "/submit?lang=nl", an);
    assert_eq!(status, 200, "{first}");
    let token = first["token"].as_str().unwrap().to_string();
    assert!(first["edit"].as_str().unwrap().ends_with(&format!("/edit/{token}")));
    assert!(first["qr"].as_str().unwrap().starts_with("<svg"));
    let (_, second) =
        post(addr, "/submit?lang=nl", json!({ "fields": [["person.name", "An Peeters"]] }));
    let other = second["token"].as_str().unwrap().to_string();
    assert_ne!(token, other);
    assert_eq!(answers_files(&dir), ["an-peeters-2.yaml", "an-peeters.yaml"]);

    // The first An changes her answers with her token: her file, not the other's.
    let changed = json!({ "token": token, "fields": [["person.name", "An Peeters"], ["contacts.1.name", "Luc"]] });
    assert_eq!(post(addr, "/submit?lang=nl", changed).0, 200);
    let (status, mine) = post(addr, "/mine?lang=nl", json!({ "token": token }));
    assert_eq!(status, 200);
    assert_eq!(
        mine["fields"],
        json!([["lang", "Nederlands"], ["person.name", "An Peeters"], ["contacts.1.name", "Luc"]])
    );
    // Her edit page; nobody's with a made-up token.
    assert_eq!(get(addr, &format!("/edit/{token}")).0, 200);
    assert!(get(addr, &format!("/edit/{token}")).1.contains(&format!("data-token=\"{token}\"")));
    assert_eq!(get(addr, &format!("/edit/{}", "0".repeat(32))).0, 404);
    assert_eq!(get(addr, "/edit/..%2F..%2Fetc%2Fpasswd").0, 404);
    let (status, said) = post(addr, "/mine?lang=en", json!({ "token": "0".repeat(32) }));
    assert_eq!(status, 404);
    assert!(said["problems"][0]["message"].as_str().unwrap().starts_with("this link is not"));
    let (status, _) = post(
        addr,
        "/submit?lang=nl",
        json!({ "token": "../an-peeters", "fields": [["person.name", "X"]] }),
    );
    assert_eq!(status, 404);

    // Each file is an answers file that netkaart poster prints.
    let out = netkaart(&dir, &["poster", "an-peeters.yaml", "-o", "an.pdf"]);
    must_succeed(&out);

    // The facilitator, on this machine, sees both.
    let (status, list) = get(addr, "/facilitator/list");
    assert_eq!(status, 200);
    let list: Value = serde_json::from_str(&list).unwrap();
    let names: Vec<(&str, u64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap(), e["contacts"].as_u64().unwrap()))
        .collect();
    assert!(names.contains(&("an-peeters.yaml", 1)) && names.contains(&("an-peeters-2.yaml", 0)));
    let (status, _, pdf) =
        request_bytes(addr, "GET", "/facilitator/poster/an-peeters.yaml", "text/plain", b"");
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(get(addr, "/facilitator/poster/..%2Fsecret.yaml").0, 404);
    let (status, _, pdf) =
        request_bytes(addr, "POST", "/facilitator/handouts", "application/json", b"{}");
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));
    assert!(dir.join("handouts/an-peeters.pdf").is_file());
    let (status, page) = get(addr, "/facilitator");
    assert_eq!(status, 200);
    // On this machine only, the page says how to let phones in rather than show a code.
    assert!(page.contains("id=\"local-only\"") && page.contains("/facilitator.js"));
}

#[test]
fn edit_links_outlive_a_restart() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-restart");
    let addr = workshop(&dir, "127.0.0.1:0", 100);
    let (_, sent) = post(addr, "/submit", json!({ "fields": [["person.name", "Mira"]] }));
    let token = sent["token"].as_str().unwrap().to_string();
    // A second server on the same folder, as after a restart.
    let again = workshop(&dir, "127.0.0.1:0", 100);
    let (status, mine) = post(again, "/mine", json!({ "token": token }));
    assert_eq!(status, 200);
    assert_eq!(mine["fields"][1], json!(["person.name", "Mira"]));
}

#[test]
fn the_room_has_limits_and_bad_sendings_write_nothing() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-limits");
    let addr = workshop(&dir, "127.0.0.1:0", 3);
    // A problem: said at its field, nothing written.
    let (status, said) =
        post(addr, "/submit?lang=nl", json!({ "fields": [["contacts.1.kind", "colleague"]] }));
    assert_eq!(status, 422);
    assert_eq!(said["problems"][0]["field"], "contacts.1.name");
    for (content_type, body) in [
        ("text/plain", b"{\"fields\": []}".to_vec()),
        ("application/json", b"{\"fields\": 5}".to_vec()),
        ("application/json", vec![b'a'; 2 * 1024 * 1024]),
    ] {
        let (status, _, _) = request_bytes(addr, "POST", "/submit", content_type, &body);
        assert!(matches!(status, 413 | 415 | 422 | 400), "{status}");
    }
    assert!(answers_files(&dir).is_empty(), "nothing written for bad sendings");
    // At most 3 submissions in this workshop.
    for n in 0..3 {
        let name = format!("P{n}");
        assert_eq!(post(addr, "/submit", json!({ "fields": [["person.name", name]] })).0, 200);
    }
    let (status, said) =
        post(addr, "/submit?lang=en", json!({ "fields": [["person.name", "P4"]] }));
    assert_eq!(status, 503);
    assert!(said["problems"][0]["message"].as_str().unwrap().contains("takes no more"));
    assert_eq!(answers_files(&dir).len(), 3);
}

#[test]
fn one_client_sends_at_most_ten_times_a_minute() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-pace");
    let addr = workshop(&dir, "127.0.0.1:0", 100);
    let mut statuses = Vec::new();
    for n in 0..12 {
        statuses
            .push(post(addr, "/submit", json!({ "fields": [["person.name", format!("P{n}")]] })).0);
    }
    assert_eq!(&statuses[..10], &[200; 10]);
    assert_eq!(&statuses[10..], &[429, 429]);
    assert_eq!(answers_files(&dir).len(), 10);
}

fn post_from(source: [u8; 4], addr: SocketAddr, path: &str, body: Value) -> (u16, Value) {
    let body = body.to_string();
    let (status, _, bytes) =
        request_from(source.into(), addr, "POST", path, "application/json", body.as_bytes());
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[test]
fn a_device_sends_its_share_of_new_answers_and_edits_them_after() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-per-device");
    let room = Room::new(Workshop::open(&dir, 100).unwrap(), None, false).unwrap();
    let server = Server::new(Engine::new(), Lang::Nl).with_room(room.with_most_per_device(3));
    let addr = spawn("127.0.0.1:0".parse().unwrap(), server).unwrap();
    let (phone, other) = ([127, 0, 1, 1], [127, 0, 1, 2]);
    let send = |from, name: &str, token: Option<&str>| {
        post_from(
            from,
            addr,
            "/submit?lang=en",
            json!({ "fields": [["person.name", name]], "token": token }),
        )
    };
    let mut tokens = Vec::new();
    for n in 0..3 {
        let (status, receipt) = send(phone, &format!("P{n}"), None);
        assert_eq!(status, 200, "{receipt}");
        tokens.push(receipt["token"].as_str().unwrap().to_string());
    }
    let (status, said) = send(phone, "P3", None);
    assert_eq!(status, 429);
    let message = said["problems"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("3 new submissions") && message.contains("your own link"),
        "{message}"
    );
    // Edits still go through, another device sends, the facilitator's laptop sends any number.
    assert_eq!(send(phone, "P0 changed", Some(&tokens[0])).0, 200);
    assert_eq!(send(other, "Q", None).0, 200);
    for n in 0..4 {
        assert_eq!(
            post(addr, "/submit", json!({ "fields": [["person.name", format!("L{n}")]] })).0,
            200
        );
    }
    assert_eq!(answers_files(&dir).len(), 8);
}

#[test]
fn a_participant_downloads_their_poster_handout_and_calendar_and_nothing_costlier() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-downloads");
    let addr = workshop(&dir, "127.0.0.1:0", 100);
    let form = json!({ "fields": [["person.name", "An Peeters"], ["contacts.1.name", "Luc"], ["sustain.actions.1.what", "Luc mailen"], ["sustain.actions.1.when", "2027-01-15"]] });
    for (file, kind) in [
        ("poster.pdf", "application/pdf"),
        ("handout.pdf", "application/pdf"),
        ("calendar.ics", "text/calendar"),
    ] {
        let (status, head, _) = request_bytes(
            addr,
            "POST",
            &format!("/download/{file}"),
            "application/json",
            form.to_string().as_bytes(),
        );
        assert_eq!(status, 200, "{file}");
        assert!(head.contains(kind), "{file}: {head}");
    }
    for file in ["handbook.pdf", "handbook.png", "poster.png", "handout.png", "answers.yaml"] {
        let path = format!("/download/{file}");
        let (status, _, _) =
            request_bytes(addr, "POST", &path, "application/json", form.to_string().as_bytes());
        assert_eq!(status, 404, "{file}");
    }
    let (_, page) = get(addr, "/");
    assert!(
        page.contains("data-download=\"poster.pdf\"")
            && page.contains("data-download=\"calendar.ics\"")
    );
    for file in ["handbook.pdf", "poster.png", "answers.yaml"] {
        assert!(!page.contains(&format!("data-download=\"{file}\"")), "{file} offered");
    }
}

#[test]
fn the_facilitators_page_answers_another_machine_only_with_the_key() {
    let _turn = crate::common::turn();
    let address = netkaart::workshop::network_address().filter(|ip| !ip.is_loopback());
    let Some(ip) = address else {
        eprintln!("no network address: the other-machine case is not tested here");
        return;
    };
    let dir = temp_dir("workshop-key");
    let room = Room::new(Workshop::open(&dir, 10).unwrap(), None, true).unwrap();
    let key = room.key().to_string();
    let bound =
        spawn("0.0.0.0:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl).with_room(room))
            .unwrap();
    let remote = SocketAddr::new(ip, bound.port());
    for path in ["/facilitator", "/facilitator/list", "/facilitator/sign"] {
        assert_eq!(get(remote, path).0, 403, "{path} without the key");
        assert_eq!(get(remote, &format!("{path}?key={}", "0".repeat(32))).0, 403, "{path}");
        assert_eq!(get(remote, &format!("{path}?key={key}")).0, 200, "{path} with the key");
    }
    // Participants reach the form, which says that the whole network can.
    let (status, page) = get(remote, "/");
    assert_eq!(status, 200);
    assert!(page.contains("iedereen op dit netwerk"), "the page says it is open");
}

#[test]
fn the_bad_inputs_sent_over_the_network_get_an_answer_and_write_nothing() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-bad");
    let addr = workshop(&dir, "127.0.0.1:0", 100);
    let bad = crate::common::root().join("tests/bad_input");
    let mut sent = 0;
    for entry in std::fs::read_dir(&bad).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        // As an answers file opened into the form: read, or refused with its place.
        let (status, _, _) =
            request_bytes(addr, "POST", "/open?name=x.yaml", "application/yaml", &bytes);
        assert!(matches!(status, 200 | 413 | 422), "{}: /open answered {status}", path.display());
        // As the body of a sending, and as each line a field.
        let (status, _, _) = request_bytes(addr, "POST", "/submit", "application/json", &bytes);
        assert!(
            matches!(status, 400 | 413 | 415 | 422),
            "{}: /submit answered {status}",
            path.display()
        );
        let text = String::from_utf8_lossy(&bytes);
        let fields: Vec<(String, String)> = text
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().trim_start_matches("- ").to_string(), v.trim().to_string()))
            .collect();
        let (status, _) = post(addr, "/preview", json!({ "fields": fields }));
        assert!(
            matches!(status, 200 | 204 | 413 | 422),
            "{}: /preview answered {status}",
            path.display()
        );
        sent += 1;
    }
    assert!(sent > 40, "the held-out inputs are there");
    assert!(answers_files(&dir).is_empty(), "nothing written");
    assert_eq!(get(addr, "/").0, 200, "the server is still up");
}

/// The images of a page: where each stands (mm from the top left) and how wide it is (mm).
fn images(frame: &typst::layout::Frame) -> Vec<(f64, f64, f64)> {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    fn walk(frame: &Frame, ts: Transform, out: &mut Vec<(f64, f64, f64)>) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), out),
                FrameItem::Image(_, size, _) => {
                    let at = Point::zero().transform(here);
                    out.push((at.x.to_mm(), at.y.to_mm(), size.x.to_mm() * here.sx.get()));
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(frame, Transform::identity(), &mut out);
    out
}

#[test]
fn the_blank_poster_of_a_workshop_carries_its_address_as_a_qr_code_and_keeps_its_geometry() {
    let _turn = crate::common::turn();
    use netkaart::{Answers, Orientation, Request, Template};
    for orientation in [Orientation::Landscape, Orientation::Portrait] {
        let plain = Request::new(Template::Poster, Answers::blank(Lang::Nl), orientation);
        let mut with_code = plain.clone();
        let url = "http://192.168.1.20:8470/";
        let event = netkaart::Event {
            invite: Some((url.to_string(), netkaart::workshop::qr::svg(url).unwrap())),
            ..Default::default()
        };
        with_code.event = Some(std::sync::Arc::new(event));
        let plain = crate::common::engine().compile(&plain).unwrap();
        let coded = crate::common::engine().compile(&with_code).unwrap();
        // To look at: target/screenshots/blank-with-code-*.png.
        let dir = crate::common::root().join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let png = coded.export(netkaart::Format::Png, 40.0).unwrap().remove(0);
        std::fs::write(dir.join(format!("blank-with-code-{orientation:?}.png")), png).unwrap();
        let (plain_page, coded_page) =
            (&plain.document.pages()[0].frame, &coded.document.pages()[0].frame);
        assert!(images(plain_page).is_empty());
        let codes = images(coded_page);
        assert_eq!(codes.len(), 1, "{orientation:?}: one code");
        let (x, y, width) = codes[0];
        assert!(
            (width - 18.0).abs() < 0.5 && y < 60.0,
            "{orientation:?}: 18 mm wide in the header, at {x},{y}"
        );
        // Everything but the title and its subtitle (which make room) stands where it stood.
        let runs = crate::common::runs(plain_page);
        let title = [runs[0].text.clone(), runs[1].text.clone()];
        let moved: Vec<String> = runs
            .iter()
            .zip(crate::common::runs(coded_page))
            .filter(|(a, b)| {
                !title.contains(&a.text) && ((a.x - b.x).abs() > 0.01 || (a.y - b.y).abs() > 0.01)
            })
            .map(|(a, _)| a.text.clone())
            .collect();
        let deltas: Vec<(String, f64, f64)> = runs
            .iter()
            .zip(crate::common::runs(coded_page))
            .filter(|(a, _)| moved.contains(&a.text))
            .map(|(a, b)| (a.text.clone(), b.x - a.x, b.y - a.y))
            .collect();
        assert!(moved.is_empty(), "{orientation:?}: moved {deltas:?}");
    }
}

#[test]
fn the_facilitator_gets_the_blank_poster_with_the_code() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-blank");
    let addr = workshop(&dir, "127.0.0.1:0", 10);
    let (status, head, pdf) =
        request_bytes(addr, "GET", "/facilitator/blank.pdf?lang=en", "text/plain", b"");
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF") && head.contains("netkaart-blank-en.pdf"));
    let text = crate::common::pdf_page_texts(&pdf).join("\n");
    assert!(text.contains("Map and grow your network"), "{text}");
}

#[test]
fn a_request_for_another_host_name_is_refused() {
    let _turn = crate::common::turn();
    // A page of another site whose name points at this machine (DNS rebinding) asks with
    // its own name as Host.
    let dir = temp_dir("workshop-host");
    let addr = workshop(&dir, "127.0.0.1:0", 10);
    let ask = |host: &str| {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        let head =
            format!("GET /facilitator/list HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        std::io::Write::write_all(&mut stream, head.as_bytes()).unwrap();
        let mut out = String::new();
        let _ = std::io::Read::read_to_string(&mut stream, &mut out);
        out.split(' ').nth(1).unwrap_or_default().to_string()
    };
    assert_eq!(ask("evil.example"), "421");
    assert_eq!(ask(&format!("evil.example:{}", addr.port())), "421");
    assert_eq!(ask(&addr.to_string()), "200");
    assert_eq!(ask(&format!("localhost:{}", addr.port())), "200");
    assert_eq!(ask("[::1]:8470"), "200");
}

#[test]
fn the_facilitator_gets_posters_of_any_name_and_a_broken_file_said_in_words() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-broken");
    let addr = workshop(&dir, "127.0.0.1:0", 100);
    let zoe = json!({ "fields": [["person.name", "Zoë Ağaoğlu"], ["contacts.1.name", "Luc"]] });
    assert_eq!(post(addr, "/submit?lang=nl", zoe).0, 200);
    assert_eq!(answers_files(&dir), ["zoë-ağaoğlu.yaml"]);
    let path = "/facilitator/poster/zo%C3%AB-a%C4%9Fao%C4%9Flu.yaml";
    let (status, head, pdf) = request_bytes(addr, "GET", path, "text/plain", b"");
    assert_eq!(status, 200, "{head}");
    assert!(pdf.starts_with(b"%PDF"));
    assert!(head.contains("filename*=utf-8''zo%c3%ab-a%c4%9fao%c4%9flu-poster.pdf"), "{head}");

    // The file edited by hand, and broken: the facilitator reads what is wrong and where.
    std::fs::write(
        dir.join("zoë-ağaoğlu.yaml"),
        "version: 1\ncontacts:\n  - name: Luc\n    ring: 7\n",
    )
    .unwrap();
    let (status, said) = get(addr, &format!("{path}?lang=en"));
    assert_eq!(status, 422);
    assert!(said.contains("zoë-ağaoğlu.yaml:4") && said.contains("contacts.1.ring"), "{said}");
    let (status, _, body) =
        request_bytes(addr, "POST", "/facilitator/handouts?lang=en", "application/json", b"{}");
    // The batch goes on without the broken file: nothing to put in one PDF.
    assert_eq!(status, 204, "{}", String::from_utf8_lossy(&body));
    // The list shows the file as it is now.
    let (_, list) = get(addr, "/facilitator/list");
    let list: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list[0]["name"], Value::Null);
}

#[test]
fn a_page_of_another_site_cannot_use_the_facilitators_routes() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-cross-site");
    let addr = workshop(&dir, "127.0.0.1:0", 10);
    post(addr, "/submit", json!({ "fields": [["person.name", "An Peeters"]] }));
    // A form posted from another site: plain text or a form's body, or the right body with
    // the browser saying where the page is.
    for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
        let (status, _, _) =
            request_bytes(addr, "POST", "/facilitator/handouts", content_type, b"");
        assert_eq!(status, 415, "{content_type}");
    }
    for headers in [
        [("Sec-Fetch-Site", "cross-site")],
        [("Sec-Fetch-Site", "same-site")],
        [("Origin", "http://evil.example")],
    ] {
        let (status, _, _) = request_with(
            addr,
            "POST",
            "/facilitator/handouts",
            &headers,
            "application/json",
            b"{}",
        );
        assert_eq!(status, 403, "{headers:?}");
        // An image's address on another site's page.
        let (status, _, _) =
            request_with(addr, "GET", "/facilitator/blank.pdf", &headers, "text/plain", b"");
        assert_eq!(status, 403, "{headers:?}");
    }
    assert!(!dir.join("handouts").exists(), "a handout was written");
    // The facilitator's own page: the same origin, or typed into the address bar.
    for headers in [
        [("Sec-Fetch-Site", "same-origin")],
        [("Origin", "http://localhost")],
        [("Sec-Fetch-Site", "none")],
    ] {
        let (status, _, _) =
            request_with(addr, "GET", "/facilitator/blank.pdf", &headers, "text/plain", b"");
        assert_eq!(status, 200, "{headers:?}");
    }
    let (status, _, _) = request_with(
        addr,
        "POST",
        "/facilitator/handouts",
        &[("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin")],
        "application/json",
        b"{}",
    );
    assert_eq!(status, 200);
}

#[test]
fn the_submission_limit_is_the_facilitators_to_set_within_a_batchs() {
    let _turn = crate::common::turn();
    let dir = temp_dir("workshop-limit-option");
    for bad in ["0", "5001", "many"] {
        let out = netkaart(&dir, &["serve", "--workshop", "room", "--max-submissions", bad]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "--max-submissions {bad}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("--max-submissions"));
    }
    // Without a workshop the option means nothing.
    let out = netkaart(&dir, &["serve", "--max-submissions", "10"]);
    assert_eq!(out.status.code(), Some(2));
}
