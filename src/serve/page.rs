//! The page of `netkaart serve`: the form's questions (`crate::form`, the same as the online
//! form's) as fields, one section per step, beside the poster's preview. Every word comes
//! from the language files and is escaped by type (`Html`); the page holds no inline
//! script. The head of every page of the server is [`head`].

use super::html::Html;
use crate::form::{self, Control};
use crate::html;
use crate::lang::Lang;
use crate::limits::{MAX_ACTIONS, MAX_CONTACTS};
use crate::templates::{DOCUMENTS, at, words};

/// What the page is for.
pub enum Mode<'a> {
    /// One person at their own computer.
    Alone,
    /// A participant of a workshop: the answers go to the facilitator. `open`: the server
    /// is reachable from the whole network; `token`: the participant's own edit link.
    Workshop { open: bool, token: Option<&'a str> },
}

/// A word of the language file `w` (`words(lang)`) by its path, escaped for HTML.
pub(super) fn word(w: &serde_json::Value, path: &str) -> Html {
    Html::text(at(w, path).as_str().unwrap_or_default())
}

/// The start of every page of the server, up to its `<body>`: its language, its title,
/// the style, its script if it has one, and the body's attributes.
pub(super) fn head(lang: Lang, title: &Html, script: Option<&str>, body: Html) -> Html {
    let script = match script {
        Some(src) => html!("<script src=\"{src}\" defer></script>\n", src = Html::text(src)),
        None => Html::default(),
    };
    html!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n\
         {script}</head>\n<body{body}>\n",
        code = Html::text(lang.code()),
        title = title,
        script = script,
        body = body,
    )
}

/// The whole page in `lang`.
pub fn page(lang: Lang, mode: &Mode) -> Html {
    let w = words(lang);
    let say = |path: &str| word(w, path);
    // Every other language, each named in its own words.
    let others: Html = Lang::ALL
        .iter()
        .filter(|&&l| l != lang)
        .map(|l| {
            html!(
                "<a href=\"/?lang={code}\" hreflang=\"{code}\" lang=\"{code}\">{name}</a>",
                code = Html::text(l.code()),
                name = word(words(*l), "name"),
            )
        })
        .collect();
    let body = match mode {
        Mode::Alone => html!(" data-lang=\"{code}\"", code = Html::text(lang.code())),
        Mode::Workshop { token, .. } => html!(
            " data-lang=\"{code}\" data-workshop=\"1\" data-token=\"{token}\"",
            code = Html::text(lang.code()),
            token = Html::text(token.unwrap_or_default()),
        ),
    };
    let mut out = head(lang, &say("title"), Some("/app.js"), body);
    out.push(html!(
        "<header><h1>{title}</h1><p>{intro}</p>{open_note}\
         <nav class=\"langs\">{others}</nav></header>\n\
         <main>\n<form id=\"answers\" novalidate>\n\
         <p class=\"files\"><label for=\"open\">{open}</label>\
         <input id=\"open\" type=\"file\" accept=\".yaml,.yml,application/yaml,text/yaml\">\
         <button type=\"button\" id=\"clear\" data-confirm=\"{confirm}\">{clear}</button></p>\n",
        title = say("title"),
        intro = say("serve.intro"),
        open_note = match mode {
            Mode::Workshop { open: true, .. } => {
                html!("<p class=\"warning\">{note}</p>", note = say("serve.open_network"))
            }
            _ => Html::default(),
        },
        others = others,
        open = say("serve.open"),
        clear = say("serve.clear"),
        confirm = say("serve.clear_confirm"),
    ));
    let mut templates = Html::default();
    for section in form::sections(lang) {
        let Some(first) = section.questions.first() else { continue };
        match list_item(&first.key) {
            // Every item of a list comes from one template; the list itself stands where
            // its first item would.
            Some((list, 1)) => {
                out.push(list_field(w, list));
                templates.push(item_template(w, lang, list));
            }
            Some(_) => {}
            None => {
                let fields: Html = section.questions.iter().map(field).collect();
                out.push(html!(
                    "<fieldset>\n<legend>{title}</legend>\n{fields}</fieldset>\n",
                    title = Html::text(&section.title),
                    fields = fields,
                ));
            }
        }
    }
    // In a workshop a participant downloads their poster and handout as PDF and their
    // calendar (the server makes no more for them: `files.rs`).
    let workshop = matches!(mode, Mode::Workshop { .. });
    let formats: &[&str] = if workshop { &["pdf"] } else { &["pdf", "png"] };
    let documents = DOCUMENTS.iter().filter_map(|d| match d.download {
        Some((word, in_workshop)) if in_workshop || !workshop => Some((d.name, word)),
        _ => None,
    });
    let mut downloads: Html = documents
        .flat_map(|(file, word)| {
            formats.iter().map(move |ext| {
                html!(
                    "<button type=\"button\" data-download=\"{file}.{ext}\">{name} ({upper})</button>",
                    file = Html::text(file),
                    ext = Html::text(ext),
                    name = say(word),
                    upper = Html::text(&ext.to_uppercase()),
                )
            })
        })
        .collect();
    downloads.push(html!(
        "<button type=\"button\" data-download=\"calendar.ics\">{name}</button>",
        name = say("serve.calendar")
    ));
    if !workshop {
        downloads.push(html!(
            "<button type=\"button\" data-download=\"answers.yaml\">{name}</button>",
            name = say("serve.save")
        ));
    }
    if let Mode::Workshop { .. } = mode {
        out.push(html!(
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
    out.push(html!(
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
        downloads = downloads,
        kept = say(if workshop { "serve.kept_workshop" } else { "serve.kept" }),
        templates = templates,
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
fn list_field(w: &serde_json::Value, list: &str) -> Html {
    let (legend, add, max) = match list {
        "contacts" => ("serve.contacts", "serve.add_contact", MAX_CONTACTS),
        _ => ("serve.actions", "serve.add_action", MAX_ACTIONS),
    };
    html!(
        "<fieldset class=\"list\">\n<legend>{legend}</legend>\n\
         <ol class=\"items\" id=\"list-{id}\" data-list=\"{list}\" data-max=\"{max}\"></ol>\n\
         <button type=\"button\" class=\"add\" data-add=\"{id}\">{add}</button>\n</fieldset>\n",
        legend = word(w, legend),
        id = Html::text(&list_id(list)),
        list = Html::text(list),
        max = max,
        add = word(w, add),
    )
}

/// The template of one item of `list`: its questions keyed with `{n}`, which the script
/// numbers, and the buttons that move and remove it.
fn item_template(w: &serde_json::Value, lang: Lang, list: &str) -> Html {
    let (title, questions) = form::item(lang, list);
    html!(
        "<template id=\"item-{id}\"><li class=\"item\"><fieldset>\
         <legend>{title}</legend>\n{fields}<p class=\"moves\">\
         <button type=\"button\" data-move=\"up\">{up}</button>\
         <button type=\"button\" data-move=\"down\">{down}</button>\
         <button type=\"button\" data-move=\"remove\">{remove}</button></p>\
         </fieldset></li></template>\n",
        id = Html::text(&list_id(list)),
        title = Html::text(&title),
        fields = questions.iter().map(field).collect::<Html>(),
        up = word(w, "serve.up"),
        down = word(w, "serve.down"),
        remove = word(w, "serve.remove"),
    )
}

/// One question as a labelled field: its id is its key, with dots made dashes.
fn field(q: &form::Question) -> Html {
    let id = Html::text(&format!("f-{}", q.key.replace('.', "-")));
    let key = Html::text(&q.key);
    let title = Html::text(&q.title);
    let problem =
        html!("<span class=\"problem\" id=\"{id}-problem\" aria-live=\"polite\"></span>", id = id);
    let control = match q.kind {
        Control::Long => html!(
            "<textarea id=\"{id}\" data-key=\"{key}\" rows=\"3\" aria-describedby=\"{id}-problem\"></textarea>",
            id = id,
            key = key,
        ),
        Control::Short | Control::Words => html!(
            "<input id=\"{id}\" data-key=\"{key}\" type=\"text\" aria-describedby=\"{id}-problem\">",
            id = id,
            key = key,
        ),
        Control::Date => html!(
            "<input id=\"{id}\" data-key=\"{key}\" type=\"date\" aria-describedby=\"{id}-problem\">",
            id = id,
            key = key,
        ),
        Control::One => {
            let options: Html = q
                .options
                .iter()
                .map(|o| html!("<option>{option}</option>", option = Html::text(o)))
                .collect();
            html!(
                "<select id=\"{id}\" data-key=\"{key}\" aria-describedby=\"{id}-problem\"><option value=\"\"></option>{options}</select>",
                id = id,
                key = key,
                options = options,
            )
        }
        Control::Several => {
            let boxes: Html = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    html!(
                        "<label class=\"box\"><input type=\"checkbox\" id=\"{id}-{i}\" data-key=\"{key}\" value=\"{v}\"> {v}</label>",
                        id = id,
                        i = i,
                        key = key,
                        v = Html::text(o),
                    )
                })
                .collect();
            return html!(
                "<fieldset class=\"several\" aria-describedby=\"{id}-problem\"><legend>{title}</legend>{boxes}{problem}</fieldset>\n",
                id = id,
                title = title,
                boxes = boxes,
                problem = problem,
            );
        }
    };
    html!(
        "<p class=\"field\"><label for=\"{id}\">{title}</label>{control}{problem}</p>\n",
        id = id,
        title = title,
        control = control,
        problem = problem,
    )
}
