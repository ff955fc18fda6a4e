//! Time budget: a per-page deadline, checked between parser chunks and
//! between pipeline stages, so a page that runs too long becomes an error
//! instead of holding a worker.

use std::time::{Duration, Instant};

use crate::Error;

/// A deadline for one page (or none).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    limit: Option<Duration>,
    deadline: Option<Instant>,
}

impl Budget {
    /// A budget that never runs out.
    pub fn unlimited() -> Self {
        Self::starting_now(None)
    }

    /// A budget of `limit` starting now; `None` never runs out.
    pub fn starting_now(limit: Option<Duration>) -> Self {
        Budget {
            limit,
            deadline: limit.map(|limit| Instant::now() + limit),
        }
    }

    /// Fails with [`Error::Timeout`] once the deadline has passed.
    pub fn check(&self) -> Result<(), Error> {
        match (self.limit, self.deadline) {
            (Some(limit), Some(deadline)) if Instant::now() > deadline => Err(Error::Timeout {
                limit_ms: limit.as_millis(),
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlimited_budget_never_runs_out() {
        assert!(Budget::unlimited().check().is_ok());
    }

    #[test]
    fn spent_budget_is_a_timeout() {
        let budget = Budget::starting_now(Some(Duration::ZERO));
        std::thread::sleep(Duration::from_millis(2));
        assert!(matches!(
            budget.check(),
            Err(Error::Timeout { limit_ms: 0 })
        ));
    }
}
