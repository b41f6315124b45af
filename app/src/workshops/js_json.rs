//! JSON in the workshop's wasm, read and written by the browser's own
//! `JSON`: the live events and the phone's outbox. With serde_json the
//! phone's wasm carried its parser and Rust's float formatting (reached
//! through its error messages) for a few small, fixed shapes. The shapes
//! are the ones serde writes on the server (`LiveEvent`) and wrote in the
//! phone's storage before (`Outbox`), so nothing stored is lost.

use super::outbox::{Outbox, Queued, Refused};
use crate::domain::live::LiveEvent;
use crate::domain::workshop_views::Timer;
use crate::domain::workshops::Phase;
use js_sys::{Array, Object, Reflect, JSON};
use leptos::wasm_bindgen::JsValue;

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, name: &str) -> Option<String> {
    field(object, name).as_string()
}

fn integer(object: &JsValue, name: &str) -> Option<i64> {
    // Whole numbers well within 2^53 (ids, milliseconds, seconds).
    field(object, name).as_f64().map(|n| n as i64)
}

fn list(object: &JsValue, name: &str) -> Vec<JsValue> {
    let value = field(object, name);
    if Array::is_array(&value) {
        Array::from(&value).iter().collect()
    } else {
        Vec::new()
    }
}

/// A live event as the server's stream sends it; `None` for anything else.
pub fn live_event(data: &str) -> Option<LiveEvent> {
    let event = JSON::parse(data).ok()?;
    let timer = field(&event, "timer");
    Some(LiveEvent {
        kind: text(&event, "kind")?,
        subject: integer(&event, "subject"),
        at: integer(&event, "at")?,
        phase: Phase::from_serde_name(&text(&event, "phase")?)?,
        timer: Timer {
            seconds_left: integer(&timer, "seconds_left"),
            paused: field(&timer, "paused").as_bool()?,
        },
    })
}

/// The outbox kept in the phone's storage; `None` when unreadable.
pub fn read_outbox(json: &str) -> Option<Outbox> {
    let stored = JSON::parse(json).ok()?;
    let pending = list(&stored, "pending")
        .iter()
        .filter_map(|q| {
            Some(Queued {
                key: text(q, "key")?,
                body: text(q, "body")?,
                text: text(q, "text")?,
            })
        })
        .collect();
    let refused = list(&stored, "refused")
        .iter()
        .filter_map(|r| {
            Some(Refused {
                text: text(r, "text")?,
                message: text(r, "message")?,
            })
        })
        .collect();
    Some(Outbox { pending, refused })
}

/// The outbox as kept in the phone's storage.
pub fn write_outbox(outbox: &Outbox) -> Option<String> {
    let object = |fields: &[(&str, &str)]| {
        let o = Object::new();
        for (name, value) in fields {
            let _ = Reflect::set(&o, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        JsValue::from(o)
    };
    let pending: Array = outbox
        .pending
        .iter()
        .map(|q| object(&[("key", &q.key), ("body", &q.body), ("text", &q.text)]))
        .collect();
    let refused: Array = outbox
        .refused
        .iter()
        .map(|r| object(&[("text", &r.text), ("message", &r.message)]))
        .collect();
    let stored = Object::new();
    Reflect::set(&stored, &JsValue::from_str("pending"), &pending).ok()?;
    Reflect::set(&stored, &JsValue::from_str("refused"), &refused).ok()?;
    JSON::stringify(&stored).ok()?.as_string()
}
