//! The languages of the documents and of the messages: the one list of them.
//!
//! A language is a line of [`languages!`] below and its two files,
//! `templates/lang/CODE.yaml` (the documents' words) and `templates/lang/messages/CODE.yaml`
//! (what netkaart says). Everything else that depends on the languages goes over
//! [`Lang::ALL`]: the command line's choices, the form's options, the words read in either
//! language, the page's links to the others, the hyphenation (Typst's patterns, by code).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares `Lang` from the one list: each language's variant, its code (the name of its
/// files) and its help line.
macro_rules! languages {
    ($( $(#[$attr:meta])* $variant:ident = $code:literal ),* $(,)?) => {
        /// A language of the documents.
        #[derive(
            Debug,
            Clone,
            Copy,
            Default,
            PartialEq,
            Eq,
            Hash,
            Serialize,
            Deserialize,
            JsonSchema,
            clap::ValueEnum,
        )]
        #[serde(rename_all = "lowercase")]
        pub enum Lang {
            $( $(#[$attr])* $variant, )*
        }

        impl Lang {
            /// Every language, in the order of the list.
            pub const ALL: &'static [Lang] = &[$(Lang::$variant),*];

            /// The language code, which is also the name of its language files.
            pub fn code(self) -> &'static str {
                match self {
                    $( Lang::$variant => $code, )*
                }
            }

            /// The text of its documents' language file (`templates/lang/CODE.yaml`).
            pub(crate) fn words_file(self) -> &'static str {
                match self {
                    $( Lang::$variant => include_str!(concat!("../templates/lang/", $code, ".yaml")), )*
                }
            }

            /// The text of its message file (`templates/lang/messages/CODE.yaml`).
            pub(crate) fn messages_file(self) -> &'static str {
                match self {
                    $( Lang::$variant => include_str!(concat!("../templates/lang/messages/", $code, ".yaml")), )*
                }
            }
        }
    };
}

languages! {
    /// Dutch, the original.
    #[default]
    Nl = "nl",
    /// English.
    En = "en",
    /// French, as written in Belgium.
    Fr = "fr",
}

/// As many as there are languages: the size of a table kept per language.
pub const COUNT: usize = Lang::ALL.len();

impl Lang {
    /// The language of the messages when neither the answers, `--lang` nor the environment
    /// name one, of the JSON Schema's descriptions and of the manual pages (whose text is
    /// `--help`'s): English, the one most readers share.
    /// (The documents' own default is Dutch, the original's: `Lang::default()`.)
    pub const FALLBACK: Lang = Lang::En;

    /// The language of a code (`nl`, `en`).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| l.code() == code)
    }

    /// Its place in [`Lang::ALL`]: the index of a table kept per language.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The virtual path of its language file, where the templates read it.
    pub fn words_path(self) -> String {
        format!("/templates/lang/{}.yaml", self.code())
    }

    /// The hyphenation patterns of its documents: Typst's, found by the language's code.
    pub fn hyphenation(self) -> Option<hypher::Lang> {
        let code = self.code().as_bytes();
        hypher::Lang::from_iso([code[0], code[1]])
    }
}
