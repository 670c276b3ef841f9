//! The page of `netkaart serve`: the form's questions (`crate::form`, the same as the online
//! form's) as fields, one section per step, beside the poster's preview. Every word comes
//! from the language files and is escaped; the page holds no inline script.

use crate::form::{self, Kind};
use crate::lang::Lang;
use crate::limits::{MAX_ACTIONS, MAX_CONTACTS};
use crate::templates::{at, words};

/// `<`, `>`, `&` and quotes as HTML entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What the page is for.
pub enum Mode<'a> {
    /// One person at their own computer.
    Alone,
    /// A participant of a workshop: the answers go to the facilitator. `open`: the server
    /// is reachable from the whole network; `token`: the participant's own edit link.
    Workshop { open: bool, token: Option<&'a str> },
}

/// A word of the language file `w` (`words(lang)`) by its path, escaped for HTML.
pub(super) fn word(w: &serde_json::Value, path: &str) -> String {
    escape(at(w, path).as_str().unwrap_or_default())
}

/// The whole page in `lang`.
pub fn page(lang: Lang, mode: &Mode) -> String {
    let w = words(lang);
    let say = |path: &str| word(&w, path);
    let other = if lang == Lang::Nl { Lang::En } else { Lang::Nl };
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n\
         <script src=\"/app.js\" defer></script>\n</head>\n<body data-lang=\"{code}\"{data}>\n\
         <header><h1>{title}</h1><p>{intro}</p>{open_note}\
         <a href=\"/?lang={other_code}\" hreflang=\"{other_code}\" lang=\"{other_code}\">{other_name}</a></header>\n\
         <main>\n<form id=\"answers\" novalidate>\n\
         <p class=\"files\"><label for=\"open\">{open}</label>\
         <input id=\"open\" type=\"file\" accept=\".yaml,.yml,application/yaml,text/yaml\">\
         <button type=\"button\" id=\"clear\" data-confirm=\"{confirm}\">{clear}</button></p>\n",
        code = lang.code(),
        title = say("title"),
        intro = say("serve.intro"),
        data = match mode {
            Mode::Alone => String::new(),
            Mode::Workshop { token, .. } =>
                format!(" data-workshop=\"1\" data-token=\"{}\"", escape(token.unwrap_or_default())),
        },
        open_note = match mode {
            Mode::Workshop { open: true, .. } => {
                format!("<p class=\"warning\">{}</p>", say("serve.open_network"))
            }
            _ => String::new(),
        },
        other_code = other.code(),
        other_name = escape(words(other)["name"].as_str().unwrap_or_default()),
        open = say("serve.open"),
        clear = say("serve.clear"),
        confirm = say("serve.clear_confirm"),
    );
    let mut templates = String::new();
    for section in form::sections(lang) {
        let Some(first) = section.questions.first() else { continue };
        match list_item(&first.key) {
            // Every item of a list comes from one template; the list itself stands where
            // its first item would.
            Some((list, 1)) => {
                out.push_str(&list_field(&w, list));
                templates.push_str(&item_template(&w, lang, list));
            }
            Some(_) => {}
            None => {
                out.push_str(&format!("<fieldset>\n<legend>{}</legend>\n", escape(&section.title)));
                for question in &section.questions {
                    out.push_str(&field(question));
                }
                out.push_str("</fieldset>\n");
            }
        }
    }
    // In a workshop a participant downloads their poster and handout as PDF and their
    // calendar (the server makes no more for them: `files.rs`).
    let workshop = matches!(mode, Mode::Workshop { .. });
    let formats: &[&str] = if workshop { &["pdf"] } else { &["pdf", "png"] };
    let documents: &[(&str, &str)] = if workshop {
        &[("poster", "serve.poster"), ("handout", "serve.handout")]
    } else {
        &[("poster", "serve.poster"), ("handout", "serve.handout"), ("handbook", "serve.handbook")]
    };
    let mut downloads: String = documents
        .iter()
        .flat_map(|(file, word)| {
            formats.iter().map(move |ext| {
                format!(
                    "<button type=\"button\" data-download=\"{file}.{ext}\">{} ({})</button>",
                    say(word),
                    ext.to_uppercase()
                )
            })
        })
        .collect();
    downloads.push_str(&format!(
        "<button type=\"button\" data-download=\"calendar.ics\">{}</button>",
        say("serve.calendar")
    ));
    if !workshop {
        downloads.push_str(&format!(
            "<button type=\"button\" data-download=\"answers.yaml\">{}</button>",
            say("serve.save")
        ));
    }
    if let Mode::Workshop { .. } = mode {
        out.push_str(&format!(
            "<fieldset id=\"send\"><legend>{legend}</legend>\
             <p>{explain}</p><p><button type=\"button\" id=\"submit\">{send}</button></p>\
             <p id=\"sent\" role=\"status\" data-sent=\"{sent}\"></p><div id=\"sent-qr\" class=\"qr\"></div>\
             </fieldset>\n",
            legend = say("serve.send_title"),
            explain = say("serve.send_explain"),
            send = say("serve.send"),
            sent = say("serve.sent"),
        ));
    }
    out.push_str(&format!(
        "</form>\n<section id=\"preview\" aria-labelledby=\"preview-title\">\n\
         <h2 id=\"preview-title\">{preview}</h2>\n\
         <p id=\"status\" role=\"status\" data-working=\"{working}\" data-offline=\"{offline}\" data-opened=\"{opened}\"></p>\n\
         <div id=\"drawing\"></div>\n\
         <h2>{download}</h2>\n<p id=\"downloads\">{downloads}</p>\n\
         <p class=\"note\">{kept}</p>\n</section>\n</main>\n{templates}</body>\n</html>\n",
        preview = say(match mode {
            Mode::Alone => "serve.preview",
            Mode::Workshop { .. } => "serve.preview_map",
        }),
        working = say("serve.working"),
        offline = say("serve.offline"),
        opened = say("serve.opened"),
        download = say("serve.download"),
        kept = say(if workshop { "serve.kept_workshop" } else { "serve.kept" }),
    ));
    out
}

/// For a key of a list item (`contacts.3.name`), the list and the item's number.
fn list_item(key: &str) -> Option<(&'static str, usize)> {
    form::LISTS.iter().find_map(|list| {
        let rest = key.strip_prefix(list)?.strip_prefix('.')?;
        let (n, _) = rest.split_once('.')?;
        Some((*list, n.parse().ok()?))
    })
}

/// The id of a list in the page, its key with dashes (`sustain-actions`).
fn list_id(list: &str) -> String {
    list.replace('.', "-")
}

/// A list of items (contacts, actions) that the participant adds to, reorders and thins
/// out; empty until the script fills it.
fn list_field(w: &serde_json::Value, list: &str) -> String {
    let (legend, add, max) = match list {
        "contacts" => ("serve.contacts", "serve.add_contact", MAX_CONTACTS),
        _ => ("serve.actions", "serve.add_action", MAX_ACTIONS),
    };
    let say = |path: &str| word(w, path);
    let id = list_id(list);
    format!(
        "<fieldset class=\"list\">\n<legend>{legend}</legend>\n\
         <ol class=\"items\" id=\"list-{id}\" data-list=\"{list}\" data-max=\"{max}\"></ol>\n\
         <button type=\"button\" class=\"add\" data-add=\"{id}\">{add}</button>\n</fieldset>\n",
        legend = say(legend),
        add = say(add),
    )
}

/// The template of one item of `list`: its questions keyed with `{n}`, which the script
/// numbers, and the buttons that move and remove it.
fn item_template(w: &serde_json::Value, lang: Lang, list: &str) -> String {
    let say = |path: &str| word(w, path);
    let (title, questions) = form::item(lang, list);
    let fields: String = questions.iter().map(field).collect();
    format!(
        "<template id=\"item-{id}\"><li class=\"item\"><fieldset>\
         <legend>{title}</legend>\n{fields}<p class=\"moves\">\
         <button type=\"button\" data-move=\"up\">{up}</button>\
         <button type=\"button\" data-move=\"down\">{down}</button>\
         <button type=\"button\" data-move=\"remove\">{remove}</button></p>\
         </fieldset></li></template>\n",
        id = list_id(list),
        title = escape(&title),
        up = say("serve.up"),
        down = say("serve.down"),
        remove = say("serve.remove"),
    )
}

/// One question as a labelled field: its id is its key, with dots made dashes.
fn field(q: &form::Question) -> String {
    let id = format!("f-{}", q.key.replace('.', "-"));
    let key = escape(&q.key);
    let title = escape(&q.title);
    let problem =
        format!("<span class=\"problem\" id=\"{id}-problem\" aria-live=\"polite\"></span>");
    let control = match q.kind {
        Kind::Long => format!(
            "<textarea id=\"{id}\" data-key=\"{key}\" rows=\"3\" aria-describedby=\"{id}-problem\"></textarea>"
        ),
        Kind::Short | Kind::Words => format!(
            "<input id=\"{id}\" data-key=\"{key}\" type=\"text\" aria-describedby=\"{id}-problem\">"
        ),
        Kind::Date => format!(
            "<input id=\"{id}\" data-key=\"{key}\" type=\"date\" aria-describedby=\"{id}-problem\">"
        ),
        Kind::One => {
            let options: String =
                q.options.iter().map(|o| format!("<option>{}</option>", escape(o))).collect();
            format!(
                "<select id=\"{id}\" data-key=\"{key}\" aria-describedby=\"{id}-problem\"><option value=\"\"></option>{options}</select>"
            )
        }
        Kind::Several => {
            let boxes: String = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    format!(
                        "<label class=\"box\"><input type=\"checkbox\" id=\"{id}-{i}\" data-key=\"{key}\" value=\"{v}\"> {v}</label>",
                        v = escape(o)
                    )
                })
                .collect();
            return format!(
                "<fieldset class=\"several\" aria-describedby=\"{id}-problem\"><legend>{title}</legend>{boxes}{problem}</fieldset>\n"
            );
        }
    };
    format!("<p class=\"field\"><label for=\"{id}\">{title}</label>{control}{problem}</p>\n")
}
