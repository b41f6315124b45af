//! The outbox at work in the browser: taking the form over, keeping the
//! queue in the phone's storage, sending one post at a time until each is
//! acknowledged or refused.

use super::browser::{go_to, new_key, on_online, online, sleep, typing};
use super::js_json::{read_outbox, write_outbox};
use super::outbox::{Outbox, Queued, Refused, FORM_ID};
use super::PostLive;
use crate::domain::round_forms::ContributionForm;
use crate::i18n::{t, Key, Locale};
use futures::channel::mpsc;
use futures::StreamExt;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::wasm_bindgen::JsCast;
use std::time::Duration;

/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(15);

fn storage_key(workshop_id: i64) -> String {
    format!("demineurs-outbox-{workshop_id}")
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load(workshop_id: i64) -> Outbox {
    storage()
        .and_then(|s| s.get_item(&storage_key(workshop_id)).ok().flatten())
        .and_then(|json| read_outbox(&json))
        .unwrap_or_default()
}

pub fn save(workshop_id: i64, outbox: &Outbox) {
    if let (Some(storage), Some(json)) = (storage(), write_outbox(outbox)) {
        let _ = storage.set_item(&storage_key(workshop_id), &json);
    }
}

/// How one attempt ended.
enum Sent {
    Acknowledged,
    /// Writing is over, or the seat ended: the text is handed back.
    Refused(String),
    /// Something to correct in the form (a mine names its domain…).
    Correctable,
    /// The network, or a server that cannot answer now: try again.
    Failed,
}

async fn send(locale: Locale, queued: &Queued) -> Sent {
    let request = gloo_net::http::Request::post(<PostLive as ServerFn>::PATH)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(queued.body.clone());
    let Ok(request) = request else {
        return Sent::Failed;
    };
    let Ok(response) = request.send().await else {
        return Sent::Failed;
    };
    match response.status() {
        200..=299 => Sent::Acknowledged,
        // Busy, rate-limited or in a hurry: the same post, later.
        408 | 409 | 429 => Sent::Failed,
        422 => {
            // The refusal's keys, read from its text: decoding the whole
            // error would bring every message key into the page's code.
            let body = response.text().await.unwrap_or_default();
            let handed_back = [
                (Key::ErrPostNotSent, "ErrPostNotSent"),
                (Key::ErrWorkshopEnded, "ErrWorkshopEnded"),
                (Key::ErrParticipantRemoved, "ErrParticipantRemoved"),
            ]
            .into_iter()
            .find(|(_, name)| body.contains(&format!("\"{name}\"")));
            match handed_back {
                Some((key, _)) => Sent::Refused(t(locale, key).to_owned()),
                None => Sent::Correctable,
            }
        }
        401 => Sent::Refused(t(locale, Key::ErrUnauthorized).to_owned()),
        403 => Sent::Refused(t(locale, Key::ErrForbidden).to_owned()),
        404 => Sent::Refused(t(locale, Key::ErrNotFound).to_owned()),
        // Any other refusal would come back on every retry.
        400..=499 => Sent::Refused(t(locale, Key::ErrPostNotSent).to_owned()),
        _ => Sent::Failed,
    }
}

/// Takes the post form over (when there is one), then sends what waits.
pub fn start(locale: Locale, workshop_id: i64, outbox: RwSignal<Outbox>, sent: RwSignal<bool>) {
    outbox.set(load(workshop_id));
    let (kick, mut kicked) = mpsc::unbounded::<()>();
    {
        // Submit events bubble: one listener on the window finds the form.
        let kick = kick.clone();
        let handle = window_event_listener(leptos::ev::submit, move |ev| {
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                .filter(|f| f.id() == FORM_ID)
            else {
                return;
            };
            let Some(queued) = queue_form(&form) else {
                // Nothing written: the plain form shows the server's message.
                return;
            };
            ev.prevent_default();
            outbox.update(|o| o.pending.push(queued));
            save(workshop_id, &outbox.get_untracked());
            sent.set(false);
            form.reset();
            let _ = kick.unbounded_send(());
        });
        on_cleanup(move || handle.remove());
    }
    {
        let kick = kick.clone();
        on_online(move || {
            let _ = kick.unbounded_send(());
        });
    }
    leptos::task::spawn_local(async move {
        let mut backoff = Duration::from_secs(1);
        loop {
            let Some(first) = outbox.with_untracked(|o| o.pending.first().cloned()) else {
                if kicked.next().await.is_none() {
                    return;
                }
                continue;
            };
            match send(locale, &first).await {
                Sent::Acknowledged => {
                    backoff = Duration::from_secs(1);
                    outbox.update(|o| o.pending.retain(|q| q.key != first.key));
                    save(workshop_id, &outbox.get_untracked());
                    if outbox.with_untracked(|o| o.pending.is_empty()) {
                        sent.set(true);
                        // Loaded again, the page lists one's posts and
                        // says this one left, above the form.
                        if !typing() {
                            go_to(&super::phone_sent_path(workshop_id, &first.key));
                        }
                    }
                }
                Sent::Refused(message) => {
                    outbox.update(|o| {
                        o.pending.retain(|q| q.key != first.key);
                        o.refused.push(Refused {
                            text: first.text.clone(),
                            message,
                        });
                    });
                    save(workshop_id, &outbox.get_untracked());
                }
                Sent::Correctable => {
                    outbox.update(|o| o.pending.retain(|q| q.key != first.key));
                    save(workshop_id, &outbox.get_untracked());
                    // The plain form says what to correct, next to the
                    // field, with the text kept: it is sent as typed.
                    if !submit_plainly(&first) {
                        outbox.update(|o| {
                            o.refused.push(Refused {
                                text: first.text.clone(),
                                message: t(locale, Key::FormHasErrors).to_owned(),
                            })
                        });
                        save(workshop_id, &outbox.get_untracked());
                    }
                }
                Sent::Failed => {
                    // Whichever comes first: the wait, or the network back.
                    let wait = if online() { backoff } else { MAX_BACKOFF };
                    let _ = futures::future::select(Box::pin(sleep(wait)), kicked.next()).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
    });
}

/// The form's fields with a fresh key, or `None` when no text was written.
fn queue_form(form: &web_sys::HtmlFormElement) -> Option<Queued> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let text = data.get("body").as_string().unwrap_or_default();
    if text.trim().is_empty() {
        return None;
    }
    let fields = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    let key = new_key();
    fields.set("request_id", &key);
    Some(Queued {
        key,
        body: String::from(fields.to_string()),
        text,
    })
}

/// Puts a post's fields back in the form and submits it without the
/// outbox (a plain form post); `false` when the form is gone.
fn submit_plainly(queued: &Queued) -> bool {
    let Some(form) = document()
        .get_element_by_id(FORM_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return false;
    };
    let Ok(fields) = web_sys::UrlSearchParams::new_with_str(&queued.body) else {
        return false;
    };
    let elements = form.elements();
    for name in [
        ContributionForm::KIND,
        ContributionForm::DOMAIN,
        ContributionForm::SEVERITY,
        ContributionForm::BODY,
        // A way around stays the answer to the mine it was written for.
        ContributionForm::ANSWERS,
        "request_id",
        "started_in",
    ] {
        let (Some(value), Some(element)) = (fields.get(name), elements.named_item(name)) else {
            continue;
        };
        if let Some(field) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            field.set_value(&value);
        } else if let Some(field) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
            field.set_value(&value);
        } else if let Some(field) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            field.set_value(&value);
        }
    }
    form.submit().is_ok()
}
