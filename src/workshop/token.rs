//! A participant's private edit token: 128 random bits from the operating system, written
//! as 32 lowercase hexadecimal digits. Only such a string is ever read as a token, so a
//! token can name a file of its own.

use crate::error::{Error, Result};

/// An edit token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token(String);

impl Token {
    /// A new token, unguessable.
    pub fn new() -> Result<Self> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|err| Error::Random(err.to_string()))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The token written in `text`, if it is one: 32 lowercase hexadecimal digits.
    pub fn parse(text: &str) -> Option<Self> {
        let fits = text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        fits.then(|| Token(text.to_string()))
    }

    /// The token as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `text` is this token, compared in a time that does not depend on where they
    /// differ: a key tried over the network learns nothing from how long the answer takes.
    pub fn matches(&self, text: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), text.as_bytes());
        // The length is no secret: every token has 32 digits.
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::Token;

    #[test]
    fn tokens_are_new_each_time_and_only_hex_reads_as_one() {
        let a = Token::new().unwrap();
        assert_ne!(a, Token::new().unwrap());
        assert_eq!(Token::parse(a.as_str()), Some(a.clone()));
        for bad in ["", "../../etc/passwd", &"G".repeat(32), &"a".repeat(31), &"A".repeat(32)] {
            assert_eq!(Token::parse(bad), None, "{bad}");
        }
        let text = a.as_str().to_string();
        assert!(a.matches(&text));
        let mut wrong = text.clone().into_bytes();
        wrong[31] = if wrong[31] == b'0' { b'1' } else { b'0' };
        assert!(!a.matches(std::str::from_utf8(&wrong).unwrap()));
        assert!(!a.matches(&text[..31]) && !a.matches(""));
    }
}
