//! How many event streams one seat keeps open on this instance: a phone, a
//! board and a console are three; a few more tabs are fine, a script
//! opening hundreds to weigh on the server is not.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Streams one seat (a guest's cookie, or a member) may keep open at once
/// on one instance.
pub const MAX_PER_SEAT: usize = 6;

static OPEN: LazyLock<Mutex<HashMap<String, usize>>> = LazyLock::new(Default::default);

/// A stream's place, given back when the stream ends (it is dropped).
pub struct StreamPlace {
    seat: String,
}

/// Takes a place for `seat`, or `None` when it already has
/// [`MAX_PER_SEAT`] streams open.
pub fn take(seat: String) -> Option<StreamPlace> {
    let mut open = OPEN.lock().unwrap_or_else(|p| p.into_inner());
    let count = open.entry(seat.clone()).or_insert(0);
    if *count >= MAX_PER_SEAT {
        return None;
    }
    *count += 1;
    Some(StreamPlace { seat })
}

impl Drop for StreamPlace {
    fn drop(&mut self) {
        let mut open = OPEN.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = open.get_mut(&self.seat) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.seat);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seat_gets_a_few_streams_and_a_closed_one_frees_its_place() {
        let seat = "test:a-seat".to_owned();
        let mut places: Vec<_> = (0..MAX_PER_SEAT)
            .map(|_| take(seat.clone()).expect("a place"))
            .collect();
        assert!(take(seat.clone()).is_none());
        assert!(take("test:another-seat".into()).is_some());
        places.pop();
        assert!(take(seat).is_some());
    }
}
