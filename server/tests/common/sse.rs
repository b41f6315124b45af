#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Reading a server-sent event stream as a browser's EventSource would.

use std::time::Duration;

/// One event: its id, its name (`message` when unnamed) and its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SseEvent {
    pub id: Option<String>,
    pub name: String,
    pub data: String,
}

pub struct SseReader {
    response: reqwest::Response,
    buffer: String,
}

impl SseReader {
    pub fn new(response: reqwest::Response) -> SseReader {
        SseReader {
            response,
            buffer: String::new(),
        }
    }

    /// The next event, `None` when the stream ended; fails after 10 s.
    pub async fn next(&mut self) -> Option<SseEvent> {
        self.next_within(Duration::from_secs(10))
            .await
            .expect("an event within the time allowed")
    }

    /// `Err` when nothing came within `limit`.
    pub async fn next_within(&mut self, limit: Duration) -> Result<Option<SseEvent>, ()> {
        tokio::time::timeout(limit, self.read_event())
            .await
            .map_err(|_| ())
    }

    /// The next event other than `hello` and `ping`.
    pub async fn next_change(&mut self) -> Option<SseEvent> {
        loop {
            let event = self.next().await?;
            if event.name == "message" {
                return Some(event);
            }
        }
    }

    async fn read_event(&mut self) -> Option<SseEvent> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = parse(&block) {
                    return Some(event);
                }
                continue;
            }
            let chunk = self.response.chunk().await.ok().flatten()?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

/// An event block; `None` for a block of comments or `retry:` only.
fn parse(block: &str) -> Option<SseEvent> {
    let (mut id, mut name, mut data) = (None, "message".to_owned(), Vec::new());
    for line in block.lines() {
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "id" => id = Some(value.to_owned()),
            "event" => name = value.to_owned(),
            "data" => data.push(value.to_owned()),
            _ => {}
        }
    }
    (!data.is_empty()).then(|| SseEvent {
        id,
        name,
        data: data.join("\n"),
    })
}
