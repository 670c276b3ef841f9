//! The name someone meant when they typed one that does not exist: a key, a value of a
//! fixed list, a question's title.

/// The expected name closest to `given`, when it is close enough to be a typo.
pub fn closest<'a>(given: &str, expected: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| -> String {
        s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    let g = norm(given);
    expected
        .iter()
        .map(|e| (levenshtein(&g, &norm(e)), *e))
        .filter(|(d, e)| *d <= 1.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// Edit distance in which swapping two neighbouring letters (`nmae`) counts as one edit,
/// as it is one slip of the fingers (optimal string alignment).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_get_a_suggestion_and_far_ones_do_not() {
        let kinds = ["acquaintance", "neighbour", "policy_maker", "key_figure", "colleague"];
        assert_eq!(closest("policymaker", &kinds), Some("policy_maker"));
        assert_eq!(closest("Neighbor", &kinds), Some("neighbour"));
        assert_eq!(closest("friend", &kinds), None);
        assert_eq!(closest("fr", &["nl", "en"]), None);
        assert_eq!(closest("nmae", &["name", "kind", "ring"]), Some("name"));
    }
}
