//! A slice of a batch, to split a large one over machines.

use crate::error::{Result, Setting};

/// Which slice of the records to make: the K-th of N (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1.
    pub index: usize,
    /// How many slices.
    pub count: usize,
}

impl Shard {
    /// Parses `K/N`.
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || Setting::Shard(text.to_string());
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad().into());
        }
        Ok(Shard { index, count })
    }

    /// The positions of this slice among `total` records: a contiguous run, so that the
    /// slices in order are the batch in order.
    pub fn range(self, total: usize) -> std::ops::Range<usize> {
        (self.index - 1) * total / self.count..self.index * total / self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_batch_once() {
        let total = 20;
        let mut all = Vec::new();
        for k in 1..=3 {
            all.extend(Shard { index: k, count: 3 }.range(total));
        }
        assert_eq!(all, (0..total).collect::<Vec<_>>());
        assert!(Shard::parse("0/3").is_err());
        assert!(Shard::parse("4/3").is_err());
        assert_eq!(Shard::parse("2/3").unwrap(), Shard { index: 2, count: 3 });
    }
}
