//! The limits of a room full of participants: how often one client may submit, and the
//! preview work queued per client, where the newest request wins and the older ones
//! waiting behind it are dropped, so that a participant typing fast cannot starve the
//! others.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

/// Submissions one client (an address) may make in a minute.
pub const SUBMISSIONS_PER_MINUTE: usize = 10;

/// Clients remembered at most; the oldest are forgotten first.
const CLIENTS: usize = 10_000;

/// How often each client submitted in the last minute.
#[derive(Default)]
pub struct Pace {
    times: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

/// The device an address stands for: an IPv4 address (also when it comes mapped into IPv6),
/// or an IPv6 address's /64, all of which one device may take.
pub fn device(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !((1u128 << 64) - 1)).into()),
        v4 => v4,
    }
}

impl Pace {
    /// Whether `client`'s device may submit now; counts it if so.
    pub fn allow(&self, client: IpAddr) -> bool {
        let client = device(client);
        let now = Instant::now();
        let mut times = self.times.lock().unwrap_or_else(|e| e.into_inner());
        if times.len() >= CLIENTS {
            times.retain(|_, t| t.last().is_some_and(|l| now - *l < Duration::from_secs(60)));
        }
        let mine = times.entry(client).or_default();
        mine.retain(|t| now - *t < Duration::from_secs(60));
        if mine.len() >= SUBMISSIONS_PER_MINUTE {
            return false;
        }
        mine.push(now);
        true
    }
}

/// The previews waiting to be drawn: one compilation per core at a time, in the order they
/// came, and for each page only its newest. A device has at most `PAGES_PER_DEVICE` pages
/// in the queue, whatever names its pages give themselves: a newer one drops the oldest.
pub struct Queue {
    cores: Semaphore,
    newest: Mutex<Newest>,
}

/// The pages a device has in the queue, the oldest first.
const PAGES_PER_DEVICE: usize = 2;

/// The newest preview of each page of each device, by the order the previews came.
#[derive(Default)]
struct Newest {
    next: u64,
    pages: HashMap<IpAddr, Vec<(String, u64)>>,
}

impl Default for Queue {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Queue { cores: Semaphore::new(cores), newest: Mutex::default() }
    }
}

/// A turn to compile: held while the compilation runs.
pub type Turn<'a> = tokio::sync::SemaphorePermit<'a>;

impl Queue {
    /// Waits for a turn for the preview of `page` (the name the page gives itself, its first
    /// 64 characters) on the device of `client`; `None` when a newer preview of the same
    /// page came in while this one waited, or the device's newer pages pushed it out (it is
    /// of no use any more).
    pub async fn turn(&self, client: IpAddr, page: &str) -> Option<Turn<'_>> {
        let device = device(client);
        let page: String = page.chars().take(64).collect();
        let mine = {
            let mut newest = self.newest.lock().unwrap_or_else(|e| e.into_inner());
            if newest.pages.len() >= CLIENTS && !newest.pages.contains_key(&device) {
                newest.pages.clear();
            }
            newest.next += 1;
            let mine = newest.next;
            let pages = newest.pages.entry(device).or_default();
            pages.retain(|(p, _)| *p != page);
            if pages.len() >= PAGES_PER_DEVICE {
                pages.remove(0);
            }
            pages.push((page.clone(), mine));
            mine
        };
        let turn = self.cores.acquire().await.ok()?;
        let newest = self.newest.lock().unwrap_or_else(|e| e.into_inner());
        let current = newest.pages.get(&device).and_then(|p| p.iter().find(|(q, _)| *q == page));
        (current.map(|(_, n)| *n) == Some(mine)).then_some(turn)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_device_is_an_ipv4_address_or_an_ipv6_slash_64() {
        use super::device;
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        assert_eq!(device(ip("2001:db8:1:2:aaaa::1")), device(ip("2001:db8:1:2:ffff:1:2:3")));
        assert_ne!(device(ip("2001:db8:1:2::1")), device(ip("2001:db8:1:3::1")));
        assert_eq!(device(ip("::ffff:10.0.0.1")), ip("10.0.0.1"));
        assert_ne!(device(ip("10.0.0.1")), device(ip("10.0.0.2")));
    }

    use super::*;

    #[test]
    fn a_client_submits_at_most_ten_times_a_minute_and_others_are_not_held_back() {
        let pace = Pace::default();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        for _ in 0..SUBMISSIONS_PER_MINUTE {
            assert!(pace.allow(a));
        }
        assert!(!pace.allow(a));
        assert!(pace.allow(b));
    }

    /// Two devices of the room.
    fn devices() -> (IpAddr, IpAddr) {
        ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap())
    }

    /// Runs `test` with a queue of one core, which the test first takes.
    fn one_core<F: std::future::Future<Output = ()>>(
        test: impl FnOnce(std::sync::Arc<Queue>) -> F,
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let queue =
            std::sync::Arc::new(Queue { cores: Semaphore::new(1), newest: Mutex::default() });
        runtime.block_on(test(queue));
    }

    #[test]
    fn a_newer_preview_of_the_same_client_drops_the_one_waiting() {
        let (me, other) = devices();
        one_core(|queue| async move {
            let busy = queue.turn(other, "page").await.expect("a free core");
            let q = queue.clone();
            let waiting = tokio::spawn(async move { q.turn(me, "typist").await.is_some() });
            let q = queue.clone();
            let newest = tokio::spawn(async move { q.turn(me, "typist").await.is_some() });
            // Both wait for the core, the older first.
            tokio::task::yield_now().await;
            drop(busy);
            assert!(!waiting.await.unwrap(), "the older preview is dropped");
            assert!(newest.await.unwrap(), "the newest is drawn");
        });
    }

    #[test]
    fn a_device_that_names_its_pages_afresh_keeps_two_waiting() {
        let (me, other) = devices();
        one_core(|queue| async move {
            let busy = queue.turn(other, "page").await.expect("a free core");
            let mut waiting = Vec::new();
            for k in 0..10 {
                let q = queue.clone();
                waiting.push(tokio::spawn(async move {
                    q.turn(me, &format!("fresh-{k}")).await.is_some()
                }));
            }
            let q = queue.clone();
            let theirs = tokio::spawn(async move { q.turn(other, "theirs").await.is_some() });
            tokio::task::yield_now().await;
            drop(busy);
            let mut drawn = 0;
            for w in waiting {
                drawn += w.await.unwrap() as usize;
            }
            assert_eq!(drawn, PAGES_PER_DEVICE, "one device's fresh names took more turns");
            assert!(theirs.await.unwrap(), "another participant's preview is drawn");
        });
    }
}
