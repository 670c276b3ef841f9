//! The serving loop: connections accepted and served with limits that axum's `serve` does
//! not set, so that no device on the room's Wi-Fi can hold the server.
//!
//! - Accepting goes on after it fails: out of file descriptors (EMFILE, ENFILE), the loop
//!   waits a moment and tries again; a connection aborted before it was taken is skipped.
//! - At most [`SERVE_CONNECTIONS`] connections at once (more wait in the operating system's
//!   queue until one ends) and [`SERVE_CONNECTIONS_PER_DEVICE`] of one device (more are
//!   closed as they come).
//! - hyper with a timer: a request's headers arrive within [`SERVE_HEADER_SECONDS`], which
//!   is also how long a connection may wait idle for its next request; headers of at most
//!   [`SERVE_HEADER_BYTES`] (431 beyond).
//! - An answer whose bytes the browser does not take for [`SERVE_WRITE_SECONDS`] ends its
//!   connection; TCP keepalive finds a phone that left the network.
//!
//! (A request's body has its own time, [`super::guard`], where the route can answer 408.)

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use super::room::device;
use crate::limits::{
    SERVE_CONNECTIONS, SERVE_CONNECTIONS_PER_DEVICE, SERVE_HEADER_BYTES, SERVE_HEADER_SECONDS,
    SERVE_WRITE_SECONDS,
};

/// How long the loop waits after accepting failed for want of resources.
const BACK_OFF: Duration = Duration::from_millis(100);
/// When TCP starts asking a silent peer whether it is still there.
const KEEPALIVE: Duration = Duration::from_secs(60);

/// Serves `router` on `listener` until the process ends. Each request carries the peer's
/// address as [`ConnectInfo`].
pub async fn serve(listener: TcpListener, router: Router) {
    let slots = Arc::new(Semaphore::new(SERVE_CONNECTIONS));
    let devices = Arc::new(Devices::default());
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(SERVE_HEADER_SECONDS))
        .max_header_size(SERVE_HEADER_BYTES)
        .keep_alive(true);
    loop {
        // A slot first: beyond the cap, connections wait in the listener's queue.
        let Ok(slot) = slots.clone().acquire_owned().await else { return };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(err) => {
                if !matches!(
                    err.kind(),
                    io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::Interrupted
                ) {
                    tokio::time::sleep(BACK_OFF).await;
                }
                continue;
            }
        };
        let Some(held) = devices.hold(peer.ip()) else {
            // The device holds its share: this connection is closed as it comes.
            continue;
        };
        let _ = stream.set_nodelay(true);
        let keepalive = socket2::TcpKeepalive::new().with_time(KEEPALIVE);
        let _ = socket2::SockRef::from(&stream).set_tcp_keepalive(&keepalive);
        let service = router.clone().map_request(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            request
        });
        let connection = http.serve_connection(
            TokioIo::new(Stalling::new(stream)),
            TowerToHyperService::new(service),
        );
        tokio::spawn(async move {
            // A connection that ends badly (a timeout, a reset) is the peer's business.
            let _ = connection.await;
            drop((slot, held));
        });
    }
}

/// The connections each device holds.
#[derive(Default)]
struct Devices {
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// One connection of a device, counted until it is dropped.
struct Held {
    devices: Arc<Devices>,
    device: IpAddr,
}

impl Devices {
    /// Counts a connection of `peer`'s device, if it may hold one more.
    fn hold(self: &Arc<Self>, peer: IpAddr) -> Option<Held> {
        let device = device(peer);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let mine = open.entry(device).or_default();
        if *mine >= SERVE_CONNECTIONS_PER_DEVICE {
            return None;
        }
        *mine += 1;
        Some(Held { devices: self.clone(), device })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut open = self.devices.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.device) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.device);
            }
        }
    }
}

/// A connection whose writes fail once the peer has taken nothing for
/// [`SERVE_WRITE_SECONDS`]: a browser that stops reading does not hold an answer (up to a
/// large download) in memory for ever.
struct Stalling {
    stream: TcpStream,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Stalling {
    fn new(stream: TcpStream) -> Self {
        Stalling { stream, stalled: None }
    }

    /// `written` as it came, and the stall forgotten; or, while the peer takes nothing, an
    /// error once it has taken nothing for too long.
    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        written: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if written.is_ready() {
            self.stalled = None;
            return written;
        }
        let stalled = self.stalled.get_or_insert_with(|| {
            Box::pin(tokio::time::sleep(Duration::from_secs(SERVE_WRITE_SECONDS)))
        });
        match stalled.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Stalling {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stalling {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.watch(cx, written)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.watch(cx, written)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let flushed = Pin::new(&mut self.stream).poll_flush(cx);
        self.watch(cx, flushed)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
