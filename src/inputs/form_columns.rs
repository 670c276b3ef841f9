//! The columns that online form tools add to their exports, which hold no answers.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::labels::fold;
use crate::lang::Lang;
use crate::templates::words;

/// Whether a header, folded as [`fold`] folds it, is one of a form tool's own columns (Google
/// Forms, Microsoft Forms and LimeSurvey, in any language: `tool_columns` of the language
/// files).
pub fn is_form_column(folded: &str) -> bool {
    static COLUMNS: OnceLock<HashSet<String>> = OnceLock::new();
    let columns = COLUMNS.get_or_init(|| {
        let all = Lang::ALL.iter().flat_map(|&l| words(l)["tool_columns"].as_array().into_iter());
        all.flatten().filter_map(|c| c.as_str()).map(fold).collect()
    });
    columns.contains(folded)
}
