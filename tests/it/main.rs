//! The integration tests, one binary (as ripgrep's): each module is one behaviour of
//! netkaart as its users meet it, run through the real binary or the library; `common`
//! holds the helpers they share. One binary links Typst once, not once a file.
//!
//! Run one module with `cargo test --release --test it MODULE::`.

mod common;

mod architecture;
mod bad_input;
mod batch;
mod browser;
mod calendar;
mod cli;
mod fits;
mod form;
mod fuzz_regressions;
mod golden;
mod handbook;
mod handout;
mod injection;
mod install;
mod languages;
mod limits;
mod looking_back;
mod looking_back_page;
mod map;
mod map_browser;
mod map_page;
mod messages;
mod passes;
mod poster;
mod print;
mod serve;
mod workshop;
mod writing_budget;
