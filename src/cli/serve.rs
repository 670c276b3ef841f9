//! `netkaart serve`: the poster as a form in the browser, on this machine only.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::Args;
use netkaart::error::Result;
use netkaart::limits::{MAX_PARTICIPANTS, WORKSHOP_SUBMISSIONS, WORKSHOP_SUBMISSIONS_PER_DEVICE};
use netkaart::messages::Message;
use netkaart::serve::{Room, Server, spawn};
use netkaart::workshop::Workshop;
use netkaart::{Answers, Engine, Lang};

use super::Report;
use super::args::EventArgs;

/// `netkaart serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// An answers file to fill the form with (it is read once; the form saves a new one).
    #[arg(conflicts_with = "workshop")]
    pub answers: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8470, conflicts_with = "listen")]
    pub port: u16,
    /// Run a workshop: participants send their answers from their phones into this folder
    /// (one answers file each); the facilitator's page lists them and makes the handouts.
    #[arg(long, value_name = "DIR")]
    pub workshop: Option<PathBuf>,
    /// Listen on this address and port instead of 127.0.0.1 (0.0.0.0:8470: every network
    /// of this machine). Anyone on those networks can then reach the form.
    #[arg(long, value_name = "ADDR:PORT", requires = "workshop")]
    pub listen: Option<SocketAddr>,
    /// The most submissions the workshop takes (up to 5,000); then each new one is refused
    /// with the reason, and sending again from an edit link still works.
    #[arg(long, value_name = "N", requires = "workshop", default_value_t = WORKSHOP_SUBMISSIONS,
          value_parser = clap::value_parser!(u64).range(1..=MAX_PARTICIPANTS as u64))]
    pub max_submissions: u64,
    /// The most new submissions one phone or laptop sends (an address; on IPv6 its /64);
    /// sending again from an edit link still works, and the facilitator's own machine sends
    /// any number.
    #[arg(long, value_name = "N", requires = "workshop",
          default_value_t = WORKSHOP_SUBMISSIONS_PER_DEVICE,
          value_parser = clap::value_parser!(u64).range(1..=MAX_PARTICIPANTS as u64))]
    pub max_per_device: u64,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub event: EventArgs,
    /// Open the page in the system's browser.
    #[arg(long)]
    pub open: bool,
    /// Language the page opens in (it has a link to the other).
    #[arg(long, value_enum, ignore_case = true, default_value_t = Lang::default())]
    pub lang: Lang,
}

/// Serves until the process is stopped (Ctrl+C).
pub fn run(a: &ServeArgs) -> Result<Report> {
    let mut server = Server::new(Engine::new(), a.lang);
    if let Some(path) = &a.answers {
        // Read as `poster` reads it: a file with a problem is refused before the server
        // starts, with the problem where it is.
        let bytes = netkaart::reading::read_limited(path, netkaart::limits::MAX_FILE_BYTES)?;
        let answers = Answers::parse(&bytes, path)?;
        for warning in netkaart::reading::comment_warnings(&String::from_utf8_lossy(&bytes), path) {
            eprintln!("{}", super::warning_line(&warning));
        }
        server = server.with_answers(answers, &bytes);
    }
    a.event.check()?;
    let event = a.event.load()?;
    if let Some(dir) = &a.workshop {
        let workshop = Workshop::open(dir, a.max_submissions as usize)?;
        let open = a.listen.is_some_and(|l| !l.ip().is_loopback());
        let room = Room::new(workshop, event, open)?;
        server = server.with_room(room.with_most_per_device(a.max_per_device as usize));
    }
    let addr = a.listen.unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, a.port)));
    let bound = spawn(addr, server.clone()).map_err(|source| {
        netkaart::Error::Usage(
            Message::new("cli.serve_bind").arg("port", addr.port()).arg("reason", source),
        )
    })?;
    let url = format!("http://{}/", SocketAddr::from((Ipv4Addr::LOCALHOST, bound.port())));
    match server.room() {
        Some(room) => {
            let dir = a.workshop.as_deref().unwrap_or(std::path::Path::new("")).display();
            eprintln!(
                "{}",
                Message::new("cli.workshop")
                    .arg("dir", dir)
                    .arg("participants", room.url())
                    .arg("local", format!("{url}facilitator"))
                    .arg("remote", format!("{}facilitator?key={}", room.url(), room.key()))
            );
            if a.listen.is_some_and(|l| !l.ip().is_loopback()) {
                let text = Message::new("cli.listen_open").arg("url", room.url());
                eprintln!("{}", Message::new("cli.warning").arg("text", text));
            } else {
                eprintln!("{}", Message::new("cli.workshop_local"));
            }
        }
        None => eprintln!("{}", Message::new("cli.serving").arg("url", &url)),
    }
    if a.open
        && let Err(reason) = open_browser(&url)
    {
        let text = Message::new("cli.open_failed").arg("url", &url).arg("reason", reason);
        eprintln!("{}", Message::new("cli.warning").arg("text", text));
    }
    loop {
        std::thread::park();
    }
}

/// Starts the system's browser on `url`, as the desktop opens a link.
fn open_browser(url: &str) -> std::io::Result<()> {
    use std::process::{Command, Stdio};
    let mut command = if cfg!(target_os = "windows") {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        Command::new("open")
    } else {
        Command::new("xdg-open")
    };
    command.arg(url).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    Ok(())
}
