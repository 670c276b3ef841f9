//! A workshop's submissions (`netkaart serve --workshop DIR`): each participant's answers as
//! an answers file in DIR, the same YAML `netkaart poster` reads, written whole or not at
//! all, never over another participant's; and a private edit token per submission, kept
//! in `DIR/.netkaart/tokens/`, so that an edit link still works after a restart.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::answers::Answers;
use crate::batch::name_stem;
use crate::error::{Error, Result};
use crate::output::{private_dir, remove_stale_temporaries, write_private};

pub mod qr;
mod token;

pub use token::Token;

/// Where the tokens are kept, inside the workshop's folder.
const TOKENS: &str = ".netkaart/tokens";

/// One participant's submission, as the facilitator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The answers file's name in DIR (`an-peeters.yaml`).
    pub file: String,
    /// The participant's name, if they gave one.
    pub name: Option<String>,
    /// How many contacts they put on their map.
    pub contacts: usize,
    /// When they last sent it.
    pub time: SystemTime,
}

/// What a submission is refused for.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The workshop has as many submissions as it takes.
    Full(usize),
    /// The token is none the workshop gave.
    UnknownToken,
}

/// The submissions of one workshop.
pub struct Workshop {
    dir: PathBuf,
    /// Each token's answers file name; guarded, so that two submissions never take one name.
    tokens: Mutex<HashMap<Token, String>>,
    most: usize,
    /// What the list shows of each answers file, by the file's time and size when it was
    /// read: the facilitator's page asks every few seconds, and most files have not changed.
    listed: Mutex<HashMap<String, Listed>>,
}

/// An answers file as it was read for the list.
#[derive(Clone)]
struct Listed {
    time: SystemTime,
    size: u64,
    name: Option<String>,
    contacts: usize,
}

impl Workshop {
    /// The workshop kept in `dir` (made if missing), with the tokens of an earlier run, and
    /// at most `most` submissions.
    pub fn open(dir: &Path, most: usize) -> Result<Self> {
        let tokens_dir = dir.join(TOKENS);
        // The answers and the edit tokens are the participants' own: folders and files open
        // only to the facilitator's account.
        if !dir.exists() {
            private_dir(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        }
        private_dir(&tokens_dir)
            .map_err(|source| Error::Write { path: tokens_dir.clone(), source })?;
        // A run that was killed leaves its temporary files, never a half-written file.
        remove_stale_temporaries(dir);
        remove_stale_temporaries(&tokens_dir);
        let mut tokens = HashMap::new();
        let entries = std::fs::read_dir(&tokens_dir)
            .map_err(|source| Error::Read { path: tokens_dir.clone(), source })?;
        for entry in entries.flatten() {
            let Some(token) = entry.file_name().to_str().and_then(Token::parse) else { continue };
            let Ok(file) = std::fs::read_to_string(entry.path()) else { continue };
            let file = file.trim().to_string();
            if is_answers_name(&file) && dir.join(&file).is_file() {
                tokens.insert(token, file);
            }
        }
        Ok(Workshop {
            dir: dir.to_path_buf(),
            tokens: Mutex::new(tokens),
            most,
            listed: Mutex::new(HashMap::new()),
        })
    }

    /// The workshop's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps `answers`: as a new submission with a new token, or, with the token of an
    /// earlier one, in its place. Returns the token and the file's name.
    pub fn submit(
        &self,
        answers: &Answers,
        token: Option<&Token>,
    ) -> Result<Result<(Token, String), Refusal>> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let (token, file, new) = match token {
            Some(token) => match tokens.get(token) {
                Some(file) => (token.clone(), file.clone(), false),
                None => return Ok(Err(Refusal::UnknownToken)),
            },
            None => {
                if tokens.len() >= self.most {
                    return Ok(Err(Refusal::Full(self.most)));
                }
                let taken: Vec<&String> = tokens.values().collect();
                (Token::new()?, self.free_name(answers, &taken), true)
            }
        };
        let path = self.dir.join(&file);
        write_private(&path, answers.to_yaml().as_bytes())?;
        // Read again for the list, even if the clock did not move between two sendings.
        self.listed.lock().unwrap_or_else(|e| e.into_inner()).remove(&file);
        if new {
            // After the answers: a token never points to a file that is not there.
            write_private(&self.dir.join(TOKENS).join(token.as_str()), file.as_bytes())?;
            tokens.insert(token.clone(), file.clone());
        }
        Ok(Ok((token, file)))
    }

    /// The answers kept under `token`, if it is one of this workshop's.
    pub fn answers(&self, token: &Token) -> Option<Result<Answers>> {
        let file = self.tokens.lock().unwrap_or_else(|e| e.into_inner()).get(token)?.clone();
        Some(Answers::load(&self.dir.join(file)))
    }

    /// Every submission, oldest first. A file is read again only when it changed.
    pub fn entries(&self) -> Vec<Entry> {
        let files: Vec<String> =
            self.tokens.lock().unwrap_or_else(|e| e.into_inner()).values().cloned().collect();
        let mut listed = self.listed.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<Entry> = files
            .into_iter()
            .filter_map(|file| {
                let path = self.dir.join(&file);
                let meta = std::fs::metadata(&path).ok()?;
                let (time, size) = (meta.modified().ok()?, meta.len());
                let known = listed.get(&file).filter(|l| l.time == time && l.size == size);
                let seen = match known {
                    Some(seen) => seen.clone(),
                    None => {
                        let answers = Answers::load(&path).ok();
                        let seen = Listed {
                            time,
                            size,
                            name: answers
                                .as_ref()
                                .and_then(|a| a.person.as_ref())
                                .and_then(|p| p.name.as_ref())
                                .map(|n| n.to_string()),
                            contacts: answers
                                .as_ref()
                                .and_then(|a| a.contacts.as_ref())
                                .map_or(0, Vec::len),
                        };
                        listed.insert(file.clone(), seen.clone());
                        seen
                    }
                };
                Some(Entry { file, name: seen.name, contacts: seen.contacts, time })
            })
            .collect();
        out.sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.file.cmp(&b.file)));
        out
    }

    /// The path of a submission's answers file, by its name as [`entries`](Self::entries)
    /// gives it; `None` for any other name.
    pub fn path_of(&self, file: &str) -> Option<PathBuf> {
        let tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens.values().any(|f| f == file).then(|| self.dir.join(file))
    }

    /// A file name for new answers: the participant's name made safe, numbered on when it
    /// is taken (by a submission or by any file in the folder), without regard to case.
    fn free_name(&self, answers: &Answers, taken: &[&String]) -> String {
        let stem = name_stem(answers).unwrap_or_else(|| "deelnemer".to_string());
        (1..)
            .map(|n| if n == 1 { format!("{stem}.yaml") } else { format!("{stem}-{n}.yaml") })
            .find(|name| {
                !taken.iter().any(|t| t.eq_ignore_ascii_case(name)) && !self.dir.join(name).exists()
            })
            .expect("some number is free")
    }
}

/// This machine's address on the network it would reach others through: where phones in
/// the room reach a workshop. Connecting a UDP socket sends nothing; it only picks the route.
pub fn network_address() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    Some(socket.local_addr().ok()?.ip()).filter(|ip| !ip.is_unspecified())
}

/// Whether a token file names an answers file of the folder itself (no path, no dot file).
fn is_answers_name(file: &str) -> bool {
    file.ends_with(".yaml") && !file.starts_with('.') && !file.contains(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(name: &str) -> Answers {
        Answers::parse_text(&format!("version: 1\nperson:\n  name: {name}\n"), Path::new("a.yaml"))
            .unwrap()
    }

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("netkaart-workshop-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn two_participants_of_one_name_get_two_files_and_each_edits_only_their_own() {
        let dir = temp("names");
        let workshop = Workshop::open(&dir, 10).unwrap();
        let (first, file1) = workshop.submit(&answers("An Peeters"), None).unwrap().unwrap();
        let (second, file2) = workshop.submit(&answers("An Peeters"), None).unwrap().unwrap();
        assert_eq!((file1.as_str(), file2.as_str()), ("an-peeters.yaml", "an-peeters-2.yaml"));
        assert_ne!(first, second);
        let (_, again) =
            workshop.submit(&answers("An Peeters-Janssens"), Some(&second)).unwrap().unwrap();
        assert_eq!(again, "an-peeters-2.yaml", "an edit stays in its own file");
        let kept = workshop.answers(&first).unwrap().unwrap();
        assert_eq!(kept.person.unwrap().name.unwrap().to_string(), "An Peeters");
        let unknown = Token::parse(&"0".repeat(32)).unwrap();
        assert_eq!(
            workshop.submit(&answers("X"), Some(&unknown)).unwrap(),
            Err(Refusal::UnknownToken)
        );
    }

    #[cfg(unix)]
    #[test]
    fn answers_and_tokens_are_open_only_to_their_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp("private").join("room");
        let workshop = Workshop::open(&dir, 10).unwrap();
        let (token, file) = workshop.submit(&answers("Mira"), None).unwrap().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(TOKENS)), 0o700);
        assert_eq!(mode(&dir.join(&file)), 0o600);
        assert_eq!(mode(&dir.join(TOKENS).join(token.as_str())), 0o600);
    }

    #[test]
    fn tokens_outlive_a_restart_and_the_folder_takes_no_more_than_asked() {
        let dir = temp("restart");
        let token = {
            let workshop = Workshop::open(&dir, 2).unwrap();
            workshop.submit(&answers("Mira"), None).unwrap().unwrap().0
        };
        let workshop = Workshop::open(&dir, 2).unwrap();
        assert!(workshop.answers(&token).is_some(), "the token of the earlier run");
        assert_eq!(workshop.entries().len(), 1);
        workshop.submit(&answers("Sam"), None).unwrap().unwrap();
        assert_eq!(workshop.submit(&answers("Jo"), None).unwrap(), Err(Refusal::Full(2)));
        assert_eq!(workshop.path_of("mira.yaml"), Some(dir.join("mira.yaml")));
        assert_eq!(workshop.path_of("../mira.yaml"), None);
    }

    #[test]
    fn the_list_reads_a_file_again_when_it_changed() {
        let dir = temp("list");
        let workshop = Workshop::open(&dir, 10).unwrap();
        let (token, file) = workshop.submit(&answers("Mira"), None).unwrap().unwrap();
        assert_eq!(workshop.entries()[0].name.as_deref(), Some("Mira"));
        // Through the workshop, and by hand behind its back.
        workshop.submit(&answers("Mira Claes"), Some(&token)).unwrap().unwrap();
        assert_eq!(workshop.entries()[0].name.as_deref(), Some("Mira Claes"));
        std::fs::write(dir.join(&file), "version: 1\nperson: {name: Mira C.}\n").unwrap();
        assert_eq!(workshop.entries()[0].name.as_deref(), Some("Mira C."));
    }
}
