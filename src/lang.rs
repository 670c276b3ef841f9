//! The languages of the documents and of the messages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    /// Dutch, the original.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The language of a code (`nl`, `en`).
    pub fn from_code(code: &str) -> Option<Lang> {
        [Lang::Nl, Lang::En].into_iter().find(|l| l.code() == code)
    }

    /// The language code, which is also the name of its language file.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}
