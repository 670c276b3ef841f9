//! netkaart turns the Flemish fill-in poster “Je netwerk uitbreiden en in kaart brengen”
//! (map and grow your network) and its handbook into print-ready documents.
//!
//! Answers are read once from YAML into typed structs ([`answers::Answers`]), checked, and
//! handed to the embedded Typst templates as data at one fixed virtual path
//! ([`templates::ANSWERS_PATH`]); they are never turned into Typst source.
//!
//! ```no_run
//! use netkaart::{Answers, Engine, Format, Lang, Orientation, Request, Template};
//!
//! let engine = Engine::new();
//! let request = Request::new(Template::Poster, Answers::blank(Lang::En), Orientation::Landscape);
//! let compiled = engine.compile(&request)?;
//! let pdf = compiled.pdf()?;
//! netkaart::output::write_atomic("blank.pdf".as_ref(), &pdf)?;
//! # Ok::<(), netkaart::Error>(())
//! ```

pub mod answers;
pub mod batch;
pub mod calendar;
pub mod check;
mod clock;
pub mod error;
pub mod event;
pub mod fonts;
pub mod form;
#[doc(hidden)]
pub mod fuzzing;
pub mod input_error;
pub mod inputs;
pub mod labels;
pub mod lang;
pub mod limits;
pub mod lists;
pub mod map;
pub mod messages;
pub mod output;
pub mod paper;
pub mod print;
pub mod problem;
pub mod reading;
pub mod render;
pub mod review;
pub mod serve;
pub mod starter;
pub mod suggest;
pub mod templates;
pub mod tiling;
pub mod tree;
pub mod workshop;
mod world;

pub use answers::{Answers, Lang};
pub use error::{Error, Result, Setting};
pub use event::Event;
pub use input_error::InputError;
pub use paper::{Orientation, Paper};
pub use print::{Print, Standard};
pub use render::{Compiled, Engine, Format, Request, Warning};
pub use templates::Template;
