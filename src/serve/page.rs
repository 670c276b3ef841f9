//! The page of `netkaart serve`: the form's questions (`crate::form`, the same as the online
//! form's) as fields, one section per step, beside the poster's preview. Every word comes
//! from the language files and is escaped by type (`Html`); the page holds no inline
//! script. The head of every page of the server is [`head`].

use super::html::Html;
use crate::form::{self, Control};
use crate::html;
use crate::lang::Lang;
use crate::limits::{MAX_ACTIONS, MAX_CONTACTS};
use crate::templates::{DOCUMENTS, Then, at, words};

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
        Some(src) => {
            html!("<script type=\"module\" src=\"{src}\"></script>\n", src = Html::text(src))
        }
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

/// The whole page in `lang`: the map first (on a phone it comes first; on a laptop it
/// stands beside the form), the form's steps, then the downloads.
pub fn page(lang: Lang, mode: &Mode) -> Html {
    let w = words(lang);
    let say = |path: &str| word(w, path);
    // The same page in every other language, each named in its own words: a participant's
    // edit link stays their edit link.
    let path = match mode {
        Mode::Workshop { token: Some(token), .. } => format!("/edit/{token}"),
        _ => "/".to_string(),
    };
    let others: Html = Lang::ALL
        .iter()
        .filter(|&&l| l != lang)
        .map(|l| {
            html!(
                "<a href=\"{path}?lang={code}\" hreflang=\"{code}\" lang=\"{code}\">{name}</a>",
                path = Html::text(&path),
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
    let workshop = matches!(mode, Mode::Workshop { .. });
    let mut out = head(lang, &say("title"), Some("/app.js"), body);
    out.push(html!(
        "<header><h1>{title}</h1><p>{intro}</p>{open_note}\
         <nav class=\"langs\">{others}</nav></header>\n<main>\n",
        title = say("title"),
        intro = say("serve.intro"),
        open_note = match mode {
            Mode::Workshop { open: true, .. } => {
                html!("<p class=\"warning\">{note}</p>", note = say("serve.open_network"))
            }
            _ => Html::default(),
        },
        others = others,
    ));
    out.push(map_section(w, workshop));
    out.push(html!(
        "<form id=\"answers\" novalidate>\n\
         <p class=\"files\"><label for=\"open\">{open}</label>\
         <input id=\"open\" type=\"file\" accept=\".yaml,.yml,application/yaml,text/yaml\">\
         <button type=\"button\" id=\"clear\" data-confirm=\"{confirm}\">{clear}</button></p>\n{then}",
        open = say("serve.open"),
        clear = say("serve.clear"),
        confirm = say("serve.clear_confirm"),
        then = if workshop { Html::default() } else { then_files(w) },
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
                let fields: Html = section.questions.iter().map(|q| field(w, q)).collect();
                out.push(html!(
                    "<fieldset>\n<legend>{title}</legend>\n{fields}</fieldset>\n",
                    title = Html::text(&section.title),
                    fields = fields,
                ));
            }
        }
    }
    if workshop {
        out.push(html!(
            "<fieldset id=\"send\"><legend>{legend}</legend>\
             <p>{explain}</p><p><button type=\"button\" id=\"submit\">{send}</button></p>\
             <p id=\"submit-refusal\" class=\"refusal\" role=\"alert\" {refusal}></p>\
             <p id=\"sent\" role=\"status\" data-sent=\"{sent}\"></p><div id=\"sent-qr\" class=\"qr\"></div>\
             </fieldset>\n",
            legend = say("serve.send_title"),
            explain = say("serve.send_explain"),
            send = say("serve.send"),
            sent = say("serve.sent"),
            refusal = refusal_words(w),
        ));
    }
    out.push(html!(
        "</form>\n<section id=\"documents\" aria-labelledby=\"documents-title\">\n\
         <h2 id=\"documents-title\">{download}</h2>\n<p id=\"downloads\">{downloads}</p>\n\
         <p id=\"downloads-refusal\" class=\"refusal\" role=\"alert\" {refusal}></p>\n\
         <p class=\"note\">{kept}</p>\n</section>\n</main>\n\
         <template id=\"undo\"><li class=\"undo\" role=\"status\" data-removed=\"{removed}\">\
         <span></span> <button type=\"button\">{undo}</button></li></template>\n\
         {templates}{adder}</body>\n</html>\n",
        download = say("serve.download"),
        downloads = downloads(w, workshop),
        refusal = refusal_words(w),
        kept = say(if workshop { "serve.kept_workshop" } else { "serve.kept" }),
        removed = say("serve.map.removed"),
        undo = say("serve.map.undo"),
        templates = templates,
        adder = adder(w),
    ));
    out
}

/// An earlier answers file to compare with ("then"): the file to open, what is open, and
/// the button that closes it. Outside a workshop.
fn then_files(w: &serde_json::Value) -> Html {
    let say = |path: &str| word(w, path);
    html!(
        "<p class=\"files then\"><label for=\"then\">{open}</label>\
         <input id=\"then\" type=\"file\" accept=\".yaml,.yml,application/yaml,text/yaml\">\
         <span id=\"then-file\" data-opened=\"{opened}\" data-no-date=\"{no_date}\"></span>\
         <button type=\"button\" id=\"then-close\" hidden>{close}</button></p>\n\
         <p class=\"note\" id=\"then-note\">{note}</p>\n",
        open = say("serve.then.open"),
        opened = say("serve.then.opened"),
        no_date = say("compare.no_date"),
        close = say("serve.then.close"),
        note = say("serve.then.note"),
    )
}

/// The words of a refusal next to its button, for the script: the first problem, and how
/// many more are shown at their fields.
fn refusal_words(w: &serde_json::Value) -> Html {
    html!(
        "data-refused=\"{refused}\" data-more=\"{more}\"",
        refused = word(w, "serve.refused"),
        more = word(w, "serve.refused_more"),
    )
}

/// The map: its drawing, which the script lays the cells and names over, the switch to the
/// whole poster (not in a workshop, whose phones draw the map alone), the zoom, and where
/// the script says what happened and why the drawing is out of date.
fn map_section(w: &serde_json::Value, workshop: bool) -> Html {
    let say = |path: &str| word(w, path);
    let views = if workshop {
        Html::default()
    } else {
        html!(
            "<button type=\"button\" data-view=\"map\" aria-pressed=\"true\">{map}</button>\
             <button type=\"button\" data-view=\"poster\" aria-pressed=\"false\">{poster}</button>\
             <button type=\"button\" data-view=\"compare\" aria-pressed=\"false\" hidden>{compare}</button>",
            map = say("serve.map.view_map"),
            poster = say("serve.map.view_poster"),
            compare = say("serve.map.view_compare"),
        )
    };
    html!(
        "<section id=\"preview\" aria-labelledby=\"preview-title\">\n\
         <h2 id=\"preview-title\">{title}</h2>\n\
         <p class=\"views\">{views}<button type=\"button\" data-zoom=\"1\">{larger}</button>\
         <button type=\"button\" data-zoom=\"-1\" disabled>{smaller}</button></p>\n\
         <p class=\"note\" id=\"map-hint\">{hint}</p>\n\
         <p id=\"status\" role=\"status\" data-working=\"{working}\" data-offline=\"{offline}\" data-opened=\"{opened}\"></p>\n\
         <div id=\"stale\" class=\"warning\" hidden><p>{stale}</p>\
         <button type=\"button\">{show}</button></div>\n\
         <div id=\"drawing\" data-label=\"{label}\" data-cell=\"{cell}\" data-contact=\"{contact}\" data-drop=\"{drop}\"></div>\n\
         <p id=\"map-said\" role=\"status\" aria-live=\"polite\"></p>\n</section>\n",
        title = say("serve.preview_map"),
        views = views,
        larger = say("serve.map.zoom_in"),
        smaller = say("serve.map.zoom_out"),
        hint = say("serve.map.hint"),
        working = say("serve.working"),
        offline = say("serve.offline"),
        opened = say("serve.opened"),
        stale = say("serve.map.stale"),
        show = say("serve.map.show_problem"),
        label = say("serve.map.label"),
        cell = say("serve.map.cell"),
        contact = say("serve.map.contact"),
        drop = say("serve.map.drop"),
    )
}

/// The small box that opens on the map where a cell is tapped: the name, Enter to add;
/// the level and the status as two toggles, named by the form's options (the script sets
/// them from the map's data).
fn adder(w: &serde_json::Value) -> Html {
    let say = |path: &str| word(w, path);
    html!(
        "<template id=\"adder\"><form class=\"adder\" data-title=\"{title}\">\
         <p class=\"adder-title\"></p>\
         <label for=\"adder-name\">{name}</label>\
         <input id=\"adder-name\" type=\"text\" autocomplete=\"off\" enterkeyhint=\"done\">\
         <span class=\"toggles\"><button type=\"button\" data-toggle=\"level\" aria-pressed=\"false\"></button>\
         <button type=\"button\" data-toggle=\"status\" aria-pressed=\"false\"></button></span>\
         <span class=\"actions\"><button type=\"submit\">{add}</button>\
         <button type=\"button\" data-close=\"1\">{close}</button></span></form></template>\n",
        title = say("serve.map.add_title"),
        name = say("serve.map.name"),
        add = say("serve.map.add"),
        close = say("serve.map.close"),
    )
}

/// The download buttons: every document the browser offers (in a workshop a participant
/// downloads their poster and handout as PDF and their calendar: the server makes no more
/// for them, `files.rs`), the calendar, and outside a workshop the answers file.
fn downloads(w: &serde_json::Value, workshop: bool) -> Html {
    let say = |path: &str| word(w, path);
    let formats: &[&str] = if workshop { &["pdf"] } else { &["pdf", "png"] };
    let documents = DOCUMENTS.iter().filter_map(|d| match d.download {
        Some((word, in_workshop)) if in_workshop || !workshop => Some((d, word)),
        _ => None,
    });
    let mut out: Html = documents
        .flat_map(|(d, word)| {
            // The comparison is offered once earlier answers are open ("then").
            let then = if matches!(d.then, Then::Required(_)) {
                html!(" data-then=\"1\" hidden")
            } else {
                Html::default()
            };
            formats.iter().map(move |ext| {
                html!(
                    "<button type=\"button\" data-download=\"{file}.{ext}\"{then}>{name} ({upper})</button>",
                    file = Html::text(d.name),
                    ext = Html::text(ext),
                    then = then.clone(),
                    name = say(word),
                    upper = Html::text(&ext.to_uppercase()),
                )
            })
        })
        .collect();
    out.push(html!(
        "<button type=\"button\" data-download=\"calendar.ics\">{name}</button>",
        name = say("serve.calendar")
    ));
    if !workshop {
        out.push(html!(
            "<button type=\"button\" data-download=\"answers.yaml\">{name}</button>",
            name = say("serve.save")
        ));
    }
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

/// The fields of a contact that the map draws: the others (how, where, a note) are folded
/// away until asked for.
const ON_MAP: &[&str] = &["name", "kind", "ring", "status", "level"];

/// The template of one item of `list`: its questions keyed with `{n}`, which the script
/// numbers (a contact's fields that the map does not draw folded away), where a contact's
/// name went on the map, and the buttons that move and remove it.
fn item_template(w: &serde_json::Value, lang: Lang, list: &str) -> Html {
    let (title, questions) = form::item(lang, list);
    let id = Html::text(&list_id(list));
    let on_map = |q: &&form::Question| {
        list != "contacts" || q.key.rsplit('.').next().is_some_and(|leaf| ON_MAP.contains(&leaf))
    };
    let shown: Html = questions.iter().filter(on_map).map(|q| field(w, q)).collect();
    let folded: Vec<&form::Question> = questions.iter().filter(|q| !on_map(q)).collect();
    let folded = if folded.is_empty() {
        Html::default()
    } else {
        html!(
            "<details class=\"more\"><summary>{more}</summary>{fields}</details>",
            more = word(w, "serve.map.more"),
            fields = folded.into_iter().map(|q| field(w, q)).collect::<Html>(),
        )
    };
    // A contact is one line (its name and cell) until opened: twelve contacts placed on the
    // map make a short list, and a tap on a name opens its entry.
    let (open, close) = if list == "contacts" {
        (
            html!(
                "<details class=\"entry\" open><summary class=\"summary\"></summary>\
                 <div class=\"fields\">"
            ),
            html!("</div></details>"),
        )
    } else {
        (Html::default(), Html::default())
    };
    let (placed, show) = if list == "contacts" {
        (
            html!(
                "<p class=\"placed\" id=\"f-{id}-{{n}}-placed\" aria-live=\"polite\"></p>",
                id = id
            ),
            html!(
                "<button type=\"button\" data-move=\"map\">{on_map}</button>",
                on_map = word(w, "serve.map.on_map")
            ),
        )
    } else {
        (Html::default(), Html::default())
    };
    html!(
        "<template id=\"item-{id}\"><li class=\"item\"><fieldset>\
         <legend>{title}</legend>\n{placed}{open}{shown}{folded}<p class=\"moves\">\
         <button type=\"button\" data-move=\"up\">{up}</button>\
         <button type=\"button\" data-move=\"down\">{down}</button>{show}\
         <button type=\"button\" data-move=\"remove\">{remove}</button></p>{close}\
         </fieldset></li></template>\n",
        id = id,
        title = Html::text(&title),
        placed = placed,
        open = open,
        close = close,
        shown = shown,
        folded = folded,
        up = word(w, "serve.up"),
        down = word(w, "serve.down"),
        show = show,
        remove = word(w, "serve.remove"),
    )
}

/// One question as a labelled field: its id is its key, with dots made dashes. A date is a
/// line of text that the reader reads day first (15/1/2027), as a date field would show
/// the browser's own order rather than the page's.
fn field(w: &serde_json::Value, q: &form::Question) -> Html {
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
            "<input id=\"{id}\" data-key=\"{key}\" type=\"text\" inputmode=\"numeric\" \
             autocomplete=\"off\" placeholder=\"{placeholder}\" aria-describedby=\"{id}-problem\">",
            id = id,
            key = key,
            placeholder = word(w, "serve.date_placeholder"),
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
