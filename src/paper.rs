//! Paper: the ISO A sizes netkaart prints on, and which way round a sheet is. The sizes are
//! written once, in `templates/paper.yaml`, which the templates read too.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The paper file, embedded; the templates read it at `/templates/paper.yaml`.
pub(crate) const SIZES_FILE: &str = include_str!("../templates/paper.yaml");

/// An ISO 216 A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Paper {
    /// 841 × 1189 mm
    A0,
    /// 594 × 841 mm
    A1,
    /// 420 × 594 mm: the poster's own size
    A2,
    /// 297 × 420 mm
    A3,
    /// 210 × 297 mm
    A4,
    /// 148 × 210 mm, a booklet
    A5,
}

impl Paper {
    /// Short and long side in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        let [short, long] = file().sizes[self.name()];
        (short, long)
    }

    /// How the handbook is scaled on this paper: its lengths and its type against A4;
    /// `None` for a paper the handbook does not take.
    pub fn handbook_scale(self) -> Option<(f64, f64)> {
        file().handbook.get(self.name()).map(|s| (s.lengths, s.r#type))
    }

    /// Width and height in millimetres, turned to `orientation`.
    pub fn oriented_mm(self, orientation: Orientation) -> (f64, f64) {
        let (short, long) = self.size_mm();
        match orientation {
            Orientation::Landscape => (long, short),
            Orientation::Portrait => (short, long),
        }
    }

    /// `a4`: the word of the command line, of the paper sizes file and of the templates'
    /// `paper` input.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A0 => "a0",
            Paper::A1 => "a1",
            Paper::A2 => "a2",
            Paper::A3 => "a3",
            Paper::A4 => "a4",
            Paper::A5 => "a5",
        }
    }
}

/// `templates/paper.yaml`.
#[derive(serde::Deserialize)]
struct PaperFile {
    sizes: HashMap<String, [f64; 2]>,
    handbook: HashMap<String, Scale>,
}

#[derive(serde::Deserialize)]
struct Scale {
    lengths: f64,
    r#type: f64,
}

fn file() -> &'static PaperFile {
    static FILE: OnceLock<PaperFile> = OnceLock::new();
    FILE.get_or_init(|| serde_saphyr::from_str(SIZES_FILE).expect("templates/paper.yaml is valid"))
}

/// Which way round a sheet is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Orientation {
    /// wider than tall (594 × 420 mm on A2)
    #[default]
    Landscape,
    /// taller than wide (420 × 594 mm on A2)
    Portrait,
}

impl Orientation {
    /// The word the templates read from `sys.inputs.orientation`.
    pub fn name(self) -> &'static str {
        match self {
            Orientation::Landscape => "landscape",
            Orientation::Portrait => "portrait",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_paper_has_its_iso_size() {
        for paper in Paper::value_variants() {
            let (short, long) = paper.size_mm();
            // Each A size is the one before it folded in two.
            assert!((long / short - 2f64.sqrt()).abs() < 0.01, "{paper:?}");
        }
        assert_eq!(Paper::A2.size_mm(), (420.0, 594.0));
        assert_eq!(Paper::A4.oriented_mm(Orientation::Landscape), (297.0, 210.0));
    }
}
