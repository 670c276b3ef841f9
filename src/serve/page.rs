//! The page of `netkaart serve`: the form's questions (`crate::form`, the same as the online
//! form's) as fields, one section per step, beside the poster's preview. Every word comes
//! from the language files and is escaped; the page holds no inline script.

use crate::form::{self, Kind};
use crate::lang::Lang;
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

/// The whole page in `lang`.
pub fn page(lang: Lang) -> String {
    let w = words(lang);
    let say = |path: &str| escape(at(&w, path).as_str().unwrap_or_default());
    let other = if lang == Lang::Nl { Lang::En } else { Lang::Nl };
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n\
         <script src=\"/app.js\" defer></script>\n</head>\n<body data-lang=\"{code}\">\n\
         <header><h1>{title}</h1><p>{intro}</p>\
         <a href=\"/?lang={other_code}\" hreflang=\"{other_code}\">{other_name}</a></header>\n\
         <main>\n<form id=\"answers\" novalidate>\n",
        code = lang.code(),
        title = say("title"),
        intro = say("serve.intro"),
        other_code = other.code(),
        other_name = escape(words(other)["name"].as_str().unwrap_or_default()),
    );
    for section in form::sections(lang) {
        out.push_str(&format!("<fieldset>\n<legend>{}</legend>\n", escape(&section.title)));
        for question in &section.questions {
            out.push_str(&field(question));
        }
        out.push_str("</fieldset>\n");
    }
    out.push_str(&format!(
        "</form>\n<section id=\"preview\" aria-live=\"polite\">\n<h2>{}</h2>\n\
         <p id=\"status\" role=\"status\"></p>\n<div id=\"drawing\"></div>\n</section>\n\
         </main>\n</body>\n</html>\n",
        say("serve.preview")
    ));
    out
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
