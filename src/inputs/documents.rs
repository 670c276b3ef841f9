//! The documents of a YAML file that holds a whole workshop, split at their `---` markers,
//! each with the line it starts on, so that a problem is placed in the whole file.

use std::path::Path;

use super::{Part, Source};
use crate::input_error::InputError;

/// Calls `f` with each document of a YAML input, its source, and what places a problem
/// found in the document in the whole file. A file of one document is passed whole, as
/// `poster` reads it, so that lines count from its top whatever comes before the document.
pub(super) fn each_document(
    path: &Path,
    text: &str,
    mut f: impl FnMut(Source, &str, &dyn Fn(InputError) -> InputError),
) {
    let documents = split_documents(text);
    if documents.len() <= 1 {
        return f(Source { file: path.into(), part: Part::Whole }, text, &|e| e);
    }
    for (number, (first_line, doc)) in documents.into_iter().enumerate() {
        let place = move |e: InputError| e.in_document(first_line as u64, number + 1);
        f(Source { file: path.into(), part: Part::Document(number + 1) }, doc, &place);
    }
}

/// The documents of a YAML stream, each with the line it starts on. A document starts at
/// a `---` line (or the top of the file) and ends at the next, or at a `...` line; parts
/// that hold only comments and blank lines are not documents. Splitting by hand, rather
/// than letting the parser read the stream, keeps one document's syntax error from
/// hiding the documents after it.
pub fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut offset = 0;
    let is_content = |chunk: &str| {
        chunk.lines().any(|l| {
            let l = l.trim();
            !l.is_empty() && !l.starts_with('#') && l != "---" && l != "..."
        })
    };
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let marker = bare == "---" || bare.starts_with("--- ") || bare.starts_with("---\t");
        let end = bare == "..." || bare.starts_with("... ");
        if marker && offset > start {
            let chunk = &text[start..offset];
            if is_content(chunk) {
                out.push((start_line, chunk));
            }
            start = offset;
            start_line = i + 1;
        } else if end {
            let chunk = &text[start..offset];
            if is_content(chunk) {
                out.push((start_line, chunk));
            }
            start = offset + line.len();
            start_line = i + 2;
        }
        offset += line.len();
    }
    let chunk = &text[start..];
    if is_content(chunk) || out.is_empty() {
        out.push((start_line, chunk));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_split_at_their_markers_with_their_first_lines() {
        let text =
            "# people\n---\nversion: 1\n---\n# only a comment\n---\nversion: 1\nlang: en\n...\n";
        let docs = split_documents(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].0, 2);
        assert_eq!(docs[1].0, 6);
        assert!(docs[1].1.contains("lang: en"));
        assert_eq!(split_documents("version: 1\n").len(), 1);
    }
}
