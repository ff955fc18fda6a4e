//! The bytes of HTML queued between a stream's reading thread and its
//! workers, bounded: the reader waits while the queue holds more than its
//! budget, so a stream of large pages holds a bounded amount of memory
//! however many wait their turn.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// A byte count shared by the reader (which adds) and the workers' side
/// (which removes), with a budget.
pub struct QueuedBytes {
    state: Mutex<State>,
    changed: Condvar,
    budget: u64,
}

struct State {
    bytes: u64,
    /// The consumer has stopped: nothing waits any more.
    closed: bool,
}

impl QueuedBytes {
    pub fn new(budget: u64) -> Self {
        QueuedBytes {
            state: Mutex::new(State {
                bytes: 0,
                closed: false,
            }),
            changed: Condvar::new(),
            budget,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts `bytes` in, first waiting until they fit in the budget (an
    /// empty queue takes any page, however large). False once closed.
    pub fn add(&self, bytes: u64) -> bool {
        let mut state = self.lock();
        while !state.closed && state.bytes > 0 && state.bytes.saturating_add(bytes) > self.budget {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.bytes = state.bytes.saturating_add(bytes);
        !state.closed
    }

    /// Counts `bytes` out (taken from the queue).
    pub fn remove(&self, bytes: u64) {
        let mut state = self.lock();
        state.bytes = state.bytes.saturating_sub(bytes);
        self.changed.notify_all();
    }

    /// Ends the waiting: the consumer takes nothing more.
    pub fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_waits_for_room_and_stops_when_closed() {
        let queue = QueuedBytes::new(10);
        assert!(queue.add(25), "an empty queue takes any page");
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| queue.add(5));
            std::thread::sleep(std::time::Duration::from_millis(20));
            assert!(!waiting.is_finished());
            queue.remove(25);
            assert!(waiting.join().unwrap_or(false));
        });
        assert!(queue.add(5));
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| queue.add(5));
            queue.close();
            assert!(!waiting.join().unwrap_or(true));
        });
    }
}
