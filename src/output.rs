//! Writing files so that a failure never leaves a partial file behind and never replaces a
//! good file with a broken one: everything goes to a temporary file beside the target,
//! which is renamed over it only once it is complete.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result, Setting};

/// Where output goes: a file (a pattern, for several pages) or standard output (`-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// A file; `{p}` in its name stands for the page number.
    File(PathBuf),
}

impl Target {
    /// `-` is standard output, anything else a file.
    pub fn from_arg(arg: &Path) -> Self {
        if arg.as_os_str() == "-" { Target::Stdout } else { Target::File(arg.into()) }
    }
}

/// The file names for `count` pages: the path itself for one page, otherwise `{p}`
/// replaced by the page number, or `-1`, `-2`, … before the extension.
pub fn page_paths(path: &Path, count: usize) -> Vec<PathBuf> {
    let text = path.to_string_lossy();
    if text.contains("{p}") {
        let width = count.to_string().len();
        return (1..=count)
            .map(|n| PathBuf::from(text.replace("{p}", &format!("{n:0width$}"))))
            .collect();
    }
    if count == 1 {
        return vec![path.into()];
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let width = count.to_string().len();
    (1..=count).map(|n| path.with_file_name(format!("{stem}-{n:0width$}{ext}"))).collect()
}

/// Writes `files` (one per page, or one) to `target`, making its folders, and returns the
/// paths written. Either every file is written completely, or none is changed.
pub fn write(target: &Target, files: &[Vec<u8>]) -> Result<Vec<PathBuf>> {
    match target {
        Target::Stdout => {
            if files.len() != 1 {
                return Err(Setting::PagesToStdout(files.len()).into());
            }
            let mut out = io::stdout().lock();
            out.write_all(&files[0])
                .and_then(|_| out.flush())
                .map_err(|source| Error::Write { path: "<standard output>".into(), source })?;
            Ok(Vec::new())
        }
        Target::File(path) => {
            let paths = page_paths(path, files.len());
            // The folders of `-o` are made, as `batch` makes its output folder. When one
            // cannot be made (a file is in the way), writing says what is wrong.
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                let _ = fs::create_dir_all(parent);
            }
            write_all_atomic(&paths, files)?;
            Ok(paths)
        }
    }
}

/// Writes every file to a temporary sibling first and renames them only when all are
/// complete, so that a failure leaves no partial file and replaces nothing.
pub fn write_all_atomic<B: AsRef<[u8]>>(paths: &[PathBuf], files: &[B]) -> Result<()> {
    write_all_atomic_as(paths, files, false)
}

/// Writes a file atomically that only its owner may read (on Unix, mode 0600): a
/// participant's answers, a workshop's edit tokens.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomic_as(&[path.to_path_buf()], &[bytes], true)
}

/// Makes `dir` and its missing parents, the ones it makes (and `dir` itself) open only to
/// their owner (on Unix, mode 0700).
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

fn write_all_atomic_as<B: AsRef<[u8]>>(
    paths: &[PathBuf],
    files: &[B],
    private: bool,
) -> Result<()> {
    let mut temps: Vec<(PathBuf, &PathBuf)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, &PathBuf)]| {
        for (temp, _) in temps {
            let _ = fs::remove_file(temp);
        }
    };
    for (path, bytes) in paths.iter().zip(files) {
        if path.is_dir() {
            cleanup(&temps);
            return Err(Error::Write {
                path: path.clone(),
                source: io::Error::from(io::ErrorKind::IsADirectory),
            });
        }
        match write_temp(path, bytes.as_ref(), private) {
            Ok(temp) => temps.push((temp, path)),
            Err(source) => {
                cleanup(&temps);
                return Err(Error::Write { path: path.clone(), source });
            }
        }
    }
    for (i, (temp, path)) in temps.iter().enumerate() {
        if let Err(source) = fs::rename(temp, path) {
            cleanup(&temps[i..]);
            return Err(Error::Write { path: (*path).clone(), source });
        }
    }
    Ok(())
}

/// Writes a single file atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomic(&[path.to_path_buf()], &[bytes])
}

/// Removes the temporary files that a netkaart process which no longer runs left in `dir`
/// (it was killed while writing). Files of running processes are theirs and stay.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = temporary_owner(&name) else { continue };
        if !process_runs(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name, `.NAME.PID-N.tmp`.
fn temporary_owner(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = inner.rsplit_once('.')?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether a process runs; where that cannot be told, it is taken to run, so that nothing
/// of a running process is removed.
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    pid == std::process::id() || proc.join(pid.to_string()).exists()
}

fn write_temp(path: &Path, bytes: &[u8], private: bool) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
    let temp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut file: File = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match result {
        Ok(()) => Ok(temp),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_number_pages_only_when_there_are_several() {
        assert_eq!(page_paths(Path::new("a/p.png"), 1), vec![PathBuf::from("a/p.png")]);
        assert_eq!(
            page_paths(Path::new("p.png"), 2),
            vec![PathBuf::from("p-1.png"), PathBuf::from("p-2.png")]
        );
        let many = page_paths(Path::new("hb-{p}.png"), 12);
        assert_eq!(many[0], PathBuf::from("hb-01.png"));
        assert_eq!(many[11], PathBuf::from("hb-12.png"));
    }

    #[test]
    fn temporaries_of_dead_processes_are_removed_and_others_stay() {
        let dir = std::env::temp_dir().join(format!("netkaart-stale-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        assert_eq!(temporary_owner(".an.pdf.4242-7.tmp"), Some(4242));
        assert_eq!(temporary_owner("an.pdf"), None);
        // Process ids stop well below this one on Linux (pid_max is at most 2^22).
        let dead = dir.join(".an.pdf.99999999-0.tmp");
        let mine = dir.join(format!(".bo.pdf.{}-0.tmp", std::process::id()));
        for f in [&dead, &mine, &dir.join("an.pdf")] {
            fs::write(f, b"x").unwrap();
        }
        remove_stale_temporaries(&dir);
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists());
        }
        assert!(mine.exists() && dir.join("an.pdf").exists());
    }

    #[test]
    fn an_atomic_write_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("netkaart-output-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        write_atomic(&dir.join("x.pdf"), b"one").unwrap();
        write_atomic(&dir.join("x.pdf"), b"two").unwrap();
        assert_eq!(fs::read(dir.join("x.pdf")).unwrap(), b"two");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        // A failure part-way through writes none of the files.
        let err = write_all_atomic(
            &[dir.join("y.pdf"), dir.join("missing/z.pdf")],
            &[b"y".to_vec(), b"z".to_vec()],
        );
        assert!(err.is_err());
        assert!(!dir.join("y.pdf").exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
    }
}
