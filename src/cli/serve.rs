//! `netkaart serve`: the poster as a form in the browser, on this machine only.

use std::net::{Ipv4Addr, SocketAddr};

use clap::Args;
use netkaart::error::Result;
use netkaart::messages::Text;
use netkaart::serve::{Server, spawn};
use netkaart::{Engine, Lang};

use super::Report;

/// `netkaart serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8470)]
    pub port: u16,
    /// Language the page opens in (it has a link to the other).
    #[arg(long, value_enum, ignore_case = true, default_value_t = Lang::Nl)]
    pub lang: Lang,
}

/// Serves until the process is stopped (Ctrl+C).
pub fn run(a: &ServeArgs) -> Result<Report> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, a.port));
    let bound = spawn(addr, Server::new(Engine::new(), a.lang)).map_err(|source| {
        netkaart::Error::Usage(
            Text::new("cli.serve_bind").arg("port", a.port).arg("reason", source),
        )
    })?;
    eprintln!("{}", Text::new("cli.serving").arg("url", format!("http://{bound}/")));
    loop {
        std::thread::park();
    }
}
