//! The limits of a room full of participants, by device: how often one may submit, and how
//! many new submissions one may make over the whole workshop.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
        // The laptop's own browser is itself.
        IpAddr::V6(v6) if v6.is_loopback() => IpAddr::V6(v6),
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

/// The new submissions each device made over the whole workshop, against the most one
/// device may make: a device cannot fill the room by itself. The facilitator's own browser
/// on the laptop (127.0.0.1, ::1) is not counted: it may type in the answers of a whole
/// group.
pub struct Newcomers {
    most: usize,
    made: Mutex<HashMap<IpAddr, usize>>,
}

impl Newcomers {
    /// At most `most` new submissions from each device.
    pub fn new(most: usize) -> Self {
        Newcomers { most, made: Mutex::default() }
    }

    /// The most new submissions one device makes.
    pub fn most(&self) -> usize {
        self.most
    }

    /// Counts a new submission of `client`'s device, if it may make one; `false` when the
    /// device made its share. [`Newcomers::undo`] takes it back when the submission fails.
    pub fn admit(&self, client: IpAddr) -> bool {
        if laptop(client) {
            return true;
        }
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        let mine = made.entry(device(client)).or_default();
        if *mine >= self.most {
            return false;
        }
        *mine += 1;
        true
    }

    /// Takes back a new submission counted by [`Newcomers::admit`] that was not kept.
    pub fn undo(&self, client: IpAddr) {
        if laptop(client) {
            return;
        }
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(mine) = made.get_mut(&device(client)) {
            *mine = mine.saturating_sub(1);
        }
    }
}

/// Whether `client` is the laptop's own browser, as it reaches the server by `localhost`.
pub fn laptop(client: IpAddr) -> bool {
    let client = client.to_canonical();
    client == IpAddr::from([127, 0, 0, 1]) || client == std::net::Ipv6Addr::LOCALHOST
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
        assert_eq!(device(ip("::1")), ip("::1"), "the laptop's own browser");
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

    #[test]
    fn a_device_makes_its_share_of_new_submissions_and_the_laptop_any_number() {
        let newcomers = Newcomers::new(3);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        for _ in 0..3 {
            assert!(newcomers.admit(a));
        }
        assert!(!newcomers.admit(a), "a fourth new submission of one device");
        newcomers.undo(a);
        assert!(newcomers.admit(a), "a submission not kept is not counted");
        assert!(newcomers.admit(b), "another device is not held back");
        let c: IpAddr = "127.0.1.1".parse().unwrap();
        assert!((0..3).all(|_| newcomers.admit(c)) && !newcomers.admit(c), "127.0.1.1 is a device");
        for ip in ["127.0.0.1", "::1", "::ffff:127.0.0.1"] {
            let laptop: IpAddr = ip.parse().unwrap();
            assert!((0..10).all(|_| newcomers.admit(laptop)), "{ip}");
        }
    }
}
