//! The one queue of the server's costly work: every preview and every download waits here
//! for a core. Fair by device, whatever the pages call themselves:
//!
//! - a device (an IPv4 address, an IPv6 /64: [`device`]) has at most
//!   [`WAITING_PER_DEVICE`] jobs waiting; a newer one pushes its oldest out;
//! - of each page's jobs of one kind (a page's previews, its downloads of one file) only the
//!   newest waits: the older ones are of no use any more;
//! - a device runs on at most all cores but one, so that a device asking for costly work
//!   without end leaves a core to everybody else;
//! - a free core goes to the job of the device that has used the cores least lately (its
//!   time on them, halved every [`HALF_LIFE`]); among equals, to the one that came first.
//! - a device that has used more than [`BUDGET`] lately waits while any other device has
//!   work running or waiting: a device that asks for costly downloads again and again runs
//!   when the room is quiet, not beside the room's previews. Alone on the server, a device
//!   is never held back, nor is the laptop's own browser (the facilitator's handouts).
//!
//! A job pushed out is told so (`None`), and its route answers without doing the work.
//!
//! The work itself runs on the queue's own threads, one a core, which live as long as the
//! server: memory that one compilation frees is what the next one on that thread takes,
//! where threads made and let go for each job (tokio's blocking pool, up to 512) each kept
//! their own.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use super::room::{device, laptop};

/// The jobs a device has waiting at most, the oldest pushed out first.
pub const WAITING_PER_DEVICE: usize = 2;

/// How soon a device's time on the cores counts half: a participant who downloaded their
/// handbook a minute ago is as welcome as anyone.
pub const HALF_LIFE: Duration = Duration::from_secs(10);

/// The time on the cores (as it counts with [`HALF_LIFE`]) past which a device waits while
/// others have work: a participant's previews of the map count a fraction of a second, and a
/// handout of answers at every limit some seconds.
pub const BUDGET: Duration = Duration::from_secs(3);

/// Devices whose use is remembered at most; beyond, those whose use has faded are forgotten.
const DEVICES: usize = 10_000;

/// The costly work of the server, waiting for a core.
pub struct Queue {
    state: Mutex<State>,
    /// The jobs one device runs at once at most.
    per_device: usize,
    /// Where the work goes to the queue's threads.
    work: Mutex<mpsc::Sender<Work>>,
}

/// A job's work, as its thread runs it.
type Work = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct State {
    free: usize,
    running: HashMap<IpAddr, usize>,
    waiting: VecDeque<Waiter>,
    used: HashMap<IpAddr, Used>,
}

/// A device's time on the cores, in seconds, as it stood at `at`.
#[derive(Clone, Copy)]
struct Used {
    seconds: f64,
    at: Instant,
}

impl Used {
    /// The time as it counts at `now`.
    fn at(self, now: Instant) -> f64 {
        let ago = now.saturating_duration_since(self.at).as_secs_f64();
        self.seconds * 0.5f64.powf(ago / HALF_LIFE.as_secs_f64())
    }
}

impl State {
    /// How much `device`'s time on the cores counts at `now`.
    fn used(&self, device: IpAddr, now: Instant) -> f64 {
        self.used.get(&device).map_or(0.0, |u| u.at(now))
    }

    /// Whether `device` may start one more job now: it runs fewer than `per_device`, and it
    /// is within its budget or alone on the server.
    fn may_run(&self, device: IpAddr, per_device: usize, now: Instant) -> bool {
        if self.running.get(&device).copied().unwrap_or(0) >= per_device {
            return false;
        }
        let alone = self.running.keys().all(|d| *d == device)
            && self.waiting.iter().all(|w| w.device == device);
        alone || laptop(device) || self.used(device, now) < BUDGET.as_secs_f64()
    }

    /// Counts `took` of `device`'s time on a core.
    fn add(&mut self, device: IpAddr, took: Duration, now: Instant) {
        if self.used.len() >= DEVICES && !self.used.contains_key(&device) {
            self.used.retain(|_, u| u.at(now) > 0.001);
        }
        let seconds = self.used(device, now) + took.as_secs_f64();
        self.used.insert(device, Used { seconds, at: now });
    }
}

/// A job waiting: whose it is, what it is (its page and kind), and where to hand its turn.
struct Waiter {
    device: IpAddr,
    job: String,
    turn: oneshot::Sender<Turn>,
}

/// A turn to work: held while the work runs; dropping it frees the core for the next job.
pub struct Turn {
    queue: Arc<Queue>,
    device: IpAddr,
    since: Instant,
}

impl Queue {
    /// A queue over `cores` cores.
    pub fn new(cores: usize) -> Arc<Queue> {
        let cores = cores.max(1);
        let (sender, receiver) = mpsc::channel::<Work>();
        let receiver = Arc::new(Mutex::new(receiver));
        for i in 0..cores {
            let receiver = receiver.clone();
            // The threads end when the queue does (its sender is dropped).
            let _ =
                std::thread::Builder::new().name(format!("netkaart-work-{i}")).spawn(move || {
                    loop {
                        let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok(work) = next else { return };
                        // A job that panics costs its route an answer (500), not the thread.
                        let _ = std::panic::catch_unwind(AssertUnwindSafe(work));
                    }
                });
        }
        let state = State { free: cores, ..State::default() };
        Arc::new(Queue {
            state: Mutex::new(state),
            per_device: (cores - 1).max(1),
            work: Mutex::new(sender),
        })
    }

    /// A queue over this machine's cores.
    pub fn for_this_machine() -> Arc<Queue> {
        Queue::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    /// Waits for a turn for `job` (a page's name and the kind of work, its first 100
    /// characters) of the device of `client`; `None` when a newer job of the same page and
    /// kind came in while this one waited, or the device's newer jobs pushed it out.
    pub async fn turn(self: &Arc<Self>, client: IpAddr, job: &str) -> Option<Turn> {
        let device = device(client);
        let job: String = job.chars().take(100).collect();
        let (sender, receiver) = oneshot::channel();
        let refused = {
            let mut state = self.lock();
            // Jobs whose route is gone (the browser closed the connection) wait no more.
            state.waiting.retain(|w| !w.turn.is_closed());
            // Dropping a waiter's sender tells its route it was pushed out.
            state.waiting.retain(|w| w.device != device || w.job != job);
            let mine = state.waiting.iter().filter(|w| w.device == device).count();
            if mine >= WAITING_PER_DEVICE
                && let Some(oldest) = state.waiting.iter().position(|w| w.device == device)
            {
                state.waiting.remove(oldest);
            }
            state.waiting.push_back(Waiter { device, job, turn: sender });
            self.hand_out(&mut state)
        };
        drop(refused);
        receiver.await.ok()
    }

    /// Gives each free core to the first waiting job whose device may run one more; returns
    /// the turns whose route had gone in the meantime, to be dropped once the lock is let go
    /// (dropping a turn takes the lock).
    fn hand_out(self: &Arc<Self>, state: &mut State) -> Vec<Turn> {
        let mut refused = Vec::new();
        let now = Instant::now();
        while state.free > 0 {
            // The first of those least used whose device may run one more.
            let next = state
                .waiting
                .iter()
                .enumerate()
                .filter(|(_, w)| state.may_run(w.device, self.per_device, now))
                .map(|(i, w)| (state.used(w.device, now), i))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
                .map(|(_, i)| i);
            let Some(waiter) = next.and_then(|i| state.waiting.remove(i)) else { break };
            state.free -= 1;
            *state.running.entry(waiter.device).or_default() += 1;
            let turn = Turn { queue: self.clone(), device: waiter.device, since: now };
            if let Err(turn) = waiter.turn.send(turn) {
                refused.push(turn);
            }
        }
        refused
    }

    /// Runs `work` on the queue's threads in `turn`, lets the turn go once the work is done
    /// (not when the route is: a route dropped while its work runs, the browser having given
    /// up, frees no core for more work), then runs `after` (trimming caches) on the same
    /// thread. `None` when the work panicked.
    pub async fn run<T: Send + 'static>(
        &self,
        turn: Turn,
        work: impl FnOnce() -> T + Send + 'static,
        after: impl FnOnce() + Send + 'static,
    ) -> Option<T> {
        let (sender, receiver) = oneshot::channel();
        let job: Work = Box::new(move || {
            let _ = sender.send(work());
            drop(turn);
            after();
        });
        // The threads live as long as the queue, so the job is taken.
        let _ = self.work.lock().unwrap_or_else(|e| e.into_inner()).send(job);
        receiver.await.ok()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let refused = {
            let mut state = self.queue.lock();
            let now = Instant::now();
            state.add(self.device, now.saturating_duration_since(self.since), now);
            state.free += 1;
            if let Some(n) = state.running.get_mut(&self.device) {
                *n -= 1;
                if *n == 0 {
                    state.running.remove(&self.device);
                }
            }
            self.queue.hand_out(&mut state)
        };
        drop(refused);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three devices of the room.
    fn devices() -> (IpAddr, IpAddr, IpAddr) {
        ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap(), "10.0.0.3".parse().unwrap())
    }

    /// Runs `test` on one thread, as the server's routes run.
    fn on_one_thread<F: std::future::Future<Output = ()>>(test: F) {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(test);
    }

    /// Starts asking for a turn for `job` of `device`; resolves to whether it got one.
    fn ask(queue: &Arc<Queue>, device: IpAddr, job: &str) -> tokio::task::JoinHandle<bool> {
        let (queue, job) = (queue.clone(), job.to_string());
        tokio::spawn(async move { queue.turn(device, &job).await.is_some() })
    }

    #[test]
    fn a_newer_preview_of_the_same_page_drops_the_one_waiting() {
        let (me, other, _) = devices();
        on_one_thread(async {
            let queue = Queue::new(1);
            let busy = queue.turn(other, "page").await.expect("a free core");
            let waiting = ask(&queue, me, "typist");
            tokio::task::yield_now().await;
            let newest = ask(&queue, me, "typist");
            tokio::task::yield_now().await;
            drop(busy);
            assert!(!waiting.await.unwrap(), "the older preview is dropped");
            assert!(newest.await.unwrap(), "the newest is drawn");
        });
    }

    #[test]
    fn a_device_that_names_its_pages_afresh_keeps_two_waiting() {
        let (me, other, _) = devices();
        on_one_thread(async {
            let queue = Queue::new(1);
            let busy = queue.turn(other, "page").await.expect("a free core");
            let mine: Vec<_> = (0..10).map(|k| ask(&queue, me, &format!("fresh-{k}"))).collect();
            tokio::task::yield_now().await;
            let theirs = ask(&queue, other, "theirs");
            tokio::task::yield_now().await;
            drop(busy);
            let mut drawn = 0;
            for job in mine {
                drawn += job.await.unwrap() as usize;
            }
            assert_eq!(drawn, WAITING_PER_DEVICE, "one device's fresh names took more turns");
            assert!(theirs.await.unwrap(), "another participant's preview is drawn");
        });
    }

    #[test]
    fn a_device_never_holds_every_core() {
        let (greedy, me, _) = devices();
        on_one_thread(async {
            let queue = Queue::new(2);
            let first = queue.turn(greedy, "download/a").await.expect("a free core");
            // The greedy device's second job waits although a core is free: it is kept for
            // the others.
            let second = ask(&queue, greedy, "download/b");
            tokio::task::yield_now().await;
            assert!(!second.is_finished(), "a device took both cores");
            let mine = queue.turn(me, "preview").await.expect("the core kept free");
            drop(mine);
            drop(first);
            assert!(second.await.unwrap(), "the greedy device's job runs once its first is done");
        });
    }

    #[test]
    fn the_device_that_used_the_cores_least_goes_first() {
        let (greedy, me, _) = devices();
        on_one_thread(async {
            let queue = Queue::new(1);
            // The greedy device has just had a long turn.
            let long = queue.turn(greedy, "download").await.expect("a free core");
            std::thread::sleep(Duration::from_millis(50));
            drop(long);
            let busy = queue.turn(me, "preview").await.expect("a free core");
            let order = Arc::new(Mutex::new(Vec::new()));
            let log = |device, job: &'static str, name: &'static str| {
                let (queue, order) = (queue.clone(), order.clone());
                tokio::spawn(async move {
                    if let Some(turn) = queue.turn(device, job).await {
                        order.lock().unwrap().push(name);
                        drop(turn);
                    }
                })
            };
            let greedy_again = log(greedy, "download", "greedy");
            tokio::task::yield_now().await;
            let mine = log(me, "preview again", "mine");
            tokio::task::yield_now().await;
            drop(busy);
            mine.await.unwrap();
            greedy_again.await.unwrap();
            // The core went to the later job, of the device that used it for a moment only.
            assert_eq!(*order.lock().unwrap(), ["mine", "greedy"]);
        });
    }

    #[test]
    fn a_device_over_its_budget_waits_while_others_work_and_runs_when_alone() {
        let (greedy, me, _) = devices();
        on_one_thread(async {
            let queue = Queue::new(3);
            let spent = BUDGET + Duration::from_secs(1);
            queue.lock().add(greedy, spent, Instant::now());
            let mine = queue.turn(me, "preview").await.expect("a free core");
            let greedy_again = ask(&queue, greedy, "download");
            tokio::task::yield_now().await;
            assert!(!greedy_again.is_finished(), "over its budget beside another's work");
            drop(mine);
            assert!(greedy_again.await.unwrap(), "alone, it runs");
            // Alone from the start, it is not held back either.
            assert!(queue.turn(greedy, "again").await.is_some());
        });
    }

    #[test]
    fn devices_wait_in_the_order_they_came_and_a_gone_route_frees_its_core() {
        let (a, b, c) = devices();
        on_one_thread(async {
            let queue = Queue::new(1);
            let busy = queue.turn(c, "page").await.expect("a free core");
            let first = ask(&queue, a, "page");
            tokio::task::yield_now().await;
            let gone = ask(&queue, b, "page");
            tokio::task::yield_now().await;
            let last = ask(&queue, c, "other");
            tokio::task::yield_now().await;
            // The browser of `b` closed its connection: its route is dropped while it waits.
            gone.abort();
            drop(busy);
            assert!(first.await.unwrap());
            assert!(last.await.unwrap(), "the core went to the next route, not to the gone one");
            assert!(queue.turn(a, "again").await.is_some(), "every core is free again");
        });
    }
}
