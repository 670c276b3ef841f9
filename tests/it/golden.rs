//! Golden images: low-resolution renders compared with stored PNGs within a small
//! tolerance. Refresh them after an intended change with
//! `NETKAART_UPDATE_GOLDEN=1 cargo test --release --test it golden::`, then look at them.

use std::io::Cursor;
use std::path::PathBuf;

use crate::common::*;
use netkaart::{Compiled, Format, Lang, Orientation, Template};

const PPI: f32 = 18.0;
/// A pixel differs when a channel moves by more than this (anti-aliasing moves less).
const CHANNEL_TOLERANCE: u8 = 48;
/// The share of pixels that may differ before the images count as different.
const PIXEL_TOLERANCE: f64 = 0.004;

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    // Compare RGB only, whatever the colour type.
    let channels = info.color_type.samples();
    let rgb = buf.chunks(channels).flat_map(|px| px.iter().take(3).copied()).collect();
    (info.width, info.height, rgb)
}

#[track_caller]
fn must_match_golden(name: &str, compiled: &Compiled, page: usize) {
    let files = compiled.export(Format::Png, PPI).expect("PNG export");
    let actual = &files[page];
    let path: PathBuf = root().join("tests/golden").join(format!("{name}.png"));
    if std::env::var_os("NETKAART_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|_| {
        panic!("{} is missing; create it with NETKAART_UPDATE_GOLDEN=1", path.display())
    });
    let (ew, eh, e) = decode(&expected);
    let (aw, ah, a) = decode(actual);
    assert_eq!((aw, ah), (ew, eh), "{name}: the image size changed");
    let differing = e
        .chunks(3)
        .zip(a.chunks(3))
        .filter(|(x, y)| x.iter().zip(y.iter()).any(|(p, q)| p.abs_diff(*q) > CHANNEL_TOLERANCE))
        .count();
    let share = differing as f64 / (ew * eh) as f64;
    if share > PIXEL_TOLERANCE {
        let failed = std::env::temp_dir().join(format!("netkaart-{name}-actual.png"));
        std::fs::write(&failed, actual).unwrap();
        panic!(
            "{name}: {:.2}% of the pixels differ from {} (the new render is {}); if the change is intended, refresh with NETKAART_UPDATE_GOLDEN=1",
            share * 100.0,
            path.display(),
            failed.display()
        );
    }
}

#[test]
fn blank_poster_dutch() {
    must_match_golden("blank-nl", &blank(Lang::Nl, Orientation::Landscape), 0);
}

#[test]
fn blank_poster_english() {
    must_match_golden("blank-en", &blank(Lang::En, Orientation::Landscape), 0);
}

#[test]
fn blank_poster_portrait() {
    must_match_golden("blank-nl-portrait", &blank(Lang::Nl, Orientation::Portrait), 0);
}

#[test]
fn filled_poster() {
    let poster = compile(Template::Poster, example("an-peeters.yaml"), Orientation::Landscape);
    must_match_golden("poster-an-peeters", &poster, 0);
}

#[test]
fn handbook_first_page() {
    let handbook = compile(Template::Handbook, example("an-peeters.yaml"), Orientation::Portrait);
    must_match_golden("handbook-an-peeters-1", &handbook, 0);
}

#[test]
fn handout_both_pages() {
    let handout = compile(Template::Handout, example("green-lane.yaml"), Orientation::Portrait);
    must_match_golden("handout-green-lane-1", &handout, 0);
    must_match_golden("handout-green-lane-2", &handout, 1);
}
