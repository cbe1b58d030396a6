//! Closing the window while a form holds typing not saved. Only the page knows what its
//! forms hold, so once it has said it listens ([`CloseGuard::arm`]) the shell holds a
//! close and asks it; the page closes at once when nothing is unsaved, or asks the person
//! "Close without saving?" and answers the shell either way
//! ([`CloseGuard::answered`]).
//!
//! A page that does not answer (its web process gone, a script stuck) must not leave a
//! window that cannot be closed: a close asked about and not answered within
//! [`ANSWER_WITHIN`] goes through when the person asks again.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long the page has to answer a close before the next one goes through unasked.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(2);

/// Asks the page about a close; false when the question could not be sent.
type Ask = Box<dyn Fn() -> bool + Send>;

#[derive(Default)]
pub struct CloseGuard {
    inner: Mutex<Guard>,
}

#[derive(Default)]
struct Guard {
    ask: Option<Ask>,
    /// When the page was asked about a close it has not answered yet.
    waiting_since: Option<Instant>,
}

impl CloseGuard {
    /// The page listens for closes from now on (a page loaded again replaces the last).
    pub fn arm(&self, ask: impl Fn() -> bool + Send + 'static) {
        let mut g = self.lock();
        g.ask = Some(Box::new(ask));
        g.waiting_since = None;
    }

    /// A close was asked for at `now`: true when the shell holds it because the page was
    /// asked (or is still being asked) about it; false when it goes through.
    pub fn hold(&self, now: Instant) -> bool {
        let mut g = self.lock();
        if let Some(since) = g.waiting_since {
            return now.duration_since(since) < ANSWER_WITHIN;
        }
        match &g.ask {
            Some(ask) if ask() => {
                g.waiting_since = Some(now);
                true
            }
            _ => false,
        }
    }

    /// The page answered: it closes the window itself, or it asks the person.
    pub fn answered(&self) {
        self.lock().waiting_since = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Guard> {
        // Nothing held here can be left half-changed by a panic.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn counting(reachable: bool) -> (CloseGuard, Arc<AtomicUsize>) {
        let asked = Arc::new(AtomicUsize::new(0));
        let guard = CloseGuard::default();
        let count = asked.clone();
        guard.arm(move || {
            count.fetch_add(1, Ordering::SeqCst);
            reachable
        });
        (guard, asked)
    }

    #[test]
    fn a_page_that_never_listened_closes_at_once() {
        assert!(!CloseGuard::default().hold(Instant::now()));
    }

    #[test]
    fn a_close_is_held_while_the_page_is_asked_and_again_after_it_answers() {
        let (guard, asked) = counting(true);
        let t0 = Instant::now();
        assert!(guard.hold(t0));
        // A second press before the answer: still held, and the page is not asked twice.
        assert!(guard.hold(t0 + Duration::from_millis(500)));
        assert_eq!(asked.load(Ordering::SeqCst), 1);
        // The page showed its question; pressing close again asks it again.
        guard.answered();
        assert!(guard.hold(t0 + Duration::from_secs(30)));
        assert_eq!(asked.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_page_that_does_not_answer_cannot_keep_the_window_open() {
        let (guard, _) = counting(true);
        let t0 = Instant::now();
        assert!(guard.hold(t0));
        assert!(!guard.hold(t0 + ANSWER_WITHIN));
    }

    #[test]
    fn a_question_that_cannot_be_sent_lets_the_close_through() {
        let (guard, asked) = counting(false);
        assert!(!guard.hold(Instant::now()));
        assert_eq!(asked.load(Ordering::SeqCst), 1);
    }
}
