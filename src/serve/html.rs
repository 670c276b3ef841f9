//! HTML escaped by type. A text becomes [`Html`] only by being escaped ([`Html::text`]) or
//! by being markup written in this crate ([`html!`]'s format string), so a page cannot show
//! a reader's or a participant's text unescaped: a `String` does not fit where `Html` goes,
//! and [`html!`] takes no value that is not `Html` or a number.

use std::fmt::{self, Display, Formatter};

/// A piece of HTML: markup of ours, or text escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// `text` escaped: `<`, `>`, `&` and quotes as entities, safe in an element and in a
    /// quoted attribute.
    pub fn text(text: &str) -> Html {
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
        Html(out)
    }

    /// Markup that this crate made itself: a QR code's SVG drawn by `workshop::qr`. Not for
    /// anything a request, a file or an answer brought.
    pub(crate) fn made(markup: String) -> Html {
        Html(markup)
    }

    /// What [`html!`] writes: its format string with every value escaped by type.
    #[doc(hidden)]
    pub fn formatted(markup: String) -> Html {
        Html(markup)
    }

    /// Appends another piece.
    pub fn push(&mut self, other: Html) {
        self.0.push_str(&other.0);
    }

    /// The HTML as text, to send.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The HTML as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Display for Html {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl axum::response::IntoResponse for Html {
    /// A page, sent as HTML.
    fn into_response(self) -> axum::response::Response {
        let content_type = (axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8");
        ([content_type], self.0).into_response()
    }
}

impl FromIterator<Html> for Html {
    fn from_iter<I: IntoIterator<Item = Html>>(pieces: I) -> Html {
        let mut out = Html::default();
        pieces.into_iter().for_each(|p| out.push(p));
        out
    }
}

/// What [`html!`] takes as a value: HTML as it is, and numbers, which need no escaping.
pub trait Part {
    /// The value as HTML.
    fn html(&self) -> HtmlPart<'_>;
}

/// A value of [`html!`], ready to be written.
#[doc(hidden)]
pub enum HtmlPart<'a> {
    Html(&'a str),
    Number(String),
}

impl Display for HtmlPart<'_> {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        match self {
            HtmlPart::Html(markup) => f.write_str(markup),
            HtmlPart::Number(digits) => f.write_str(digits),
        }
    }
}

impl Part for Html {
    fn html(&self) -> HtmlPart<'_> {
        HtmlPart::Html(&self.0)
    }
}

impl<T: Part + ?Sized> Part for &T {
    fn html(&self) -> HtmlPart<'_> {
        (**self).html()
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl Part for $t {
            fn html(&self) -> HtmlPart<'_> {
                HtmlPart::Number(self.to_string())
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64);

/// HTML from a format string of markup and named values, each `Html` or a number:
/// `html!("<p class=\"note\">{text}</p>", text = Html::text(note))`. A value of any other
/// type does not compile, nor does a `{name}` that captures a variable of the scope: the
/// format string reaches `format!` through `concat!`, which turns implicit capture off.
///
/// ```
/// use netkaart::serve::html::Html;
/// let page = netkaart::html!("<p>{name}</p>", name = Html::text("<b>"));
/// assert_eq!(page.as_str(), "<p>&lt;b&gt;</p>");
/// ```
///
/// A participant's text as it is does not compile:
///
/// ```compile_fail
/// let name = String::from("<script>");
/// netkaart::html!("<p>{name}</p>", name = name);
/// ```
///
/// nor does a variable captured by the format string:
///
/// ```compile_fail
/// let name = String::from("<script>");
/// netkaart::html!("<p>{name}</p>");
/// ```
#[macro_export]
macro_rules! html {
    ($markup:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::serve::html::Html::formatted(format!(
            concat!($markup)
            $(, $name = $crate::serve::html::Part::html(&$value))*
        ))
    };
}
