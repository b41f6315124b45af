//! Bringing the board or the console up to date without reloading it: the
//! page is fetched again and its `main` merged into the one on screen,
//! node by node. What did not change stays the same node, so the focused
//! button keeps its focus, a screen reader keeps its place, the person's
//! open disclosures stay open, and the hydrated islands (the live pulse
//! itself) keep running. Among siblings, elements with an `id` (the
//! console's contributions and domain groups) keep their identity when
//! others arrive before them or leave.

use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The tag under which Leptos renders an island.
const ISLAND: &str = "LEPTOS-ISLAND";

/// Why the page could not be merged in place: the caller reloads it.
#[derive(Debug)]
pub struct Unmergeable;

/// Why an update did not happen.
#[derive(Debug)]
pub enum NotUpdated {
    /// The network or the server failed: try again later (reloading now
    /// would put a browser's error page on the projector).
    Unreachable,
    /// Another page came back, or this one cannot be merged: reload.
    Unmergeable,
}

impl From<Unmergeable> for NotUpdated {
    fn from(_: Unmergeable) -> Self {
        NotUpdated::Unmergeable
    }
}

/// Fetches the page shown again and merges its `main` into this one.
pub async fn refresh() -> Result<(), NotUpdated> {
    let location = document().location().ok_or(Unmergeable)?;
    let url = location.href().map_err(|_| Unmergeable)?;
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|_| NotUpdated::Unreachable)?;
    if response.status() >= 500 {
        return Err(NotUpdated::Unreachable);
    }
    // Redirected (the workshop ended, the session expired), or refused:
    // another page, not a newer state of this one.
    if !response.ok() || response.redirected() {
        return Err(NotUpdated::Unmergeable);
    }
    let html = response.text().await.map_err(|_| NotUpdated::Unreachable)?;
    let parser = web_sys::DomParser::new().map_err(|_| Unmergeable)?;
    let fresh = parser
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .map_err(|_| Unmergeable)?;
    let shown = document().query_selector("main").ok().flatten();
    let next = fresh.query_selector("main").ok().flatten();
    match (shown, next) {
        (Some(shown), Some(next)) => Ok(merge(&shown, &next)?),
        _ => Err(NotUpdated::Unmergeable),
    }
}

/// Makes `old` look like `new`, keeping every node that can be kept.
fn merge(old: &Node, new: &Node) -> Result<(), Unmergeable> {
    match (old.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
        (Some(old_element), Some(new_element)) => {
            // An island is hydrated code with its own state: it updates
            // itself (the pulse), and is never rewritten from the server.
            if old_element.tag_name() == ISLAND {
                return Ok(());
            }
            copy_attributes(old_element, new_element);
            merge_children(old, new)
        }
        _ => {
            if old.node_value() != new.node_value() {
                old.set_node_value(new.node_value().as_deref());
            }
            Ok(())
        }
    }
}

fn merge_children(old_parent: &Node, new_parent: &Node) -> Result<(), Unmergeable> {
    let wanted = children(new_parent);
    let wanted_ids: Vec<String> = wanted.iter().filter_map(key).collect();
    let mut cursor = old_parent.first_child();
    for new in wanted {
        // Named elements gone from the page leave first, so that those
        // after them stay where they are (moving a node loses its focus).
        while let Some(gone) = cursor
            .clone()
            .filter(|old| key(old).is_some_and(|id| !wanted_ids.contains(&id)))
        {
            cursor = gone.next_sibling();
            remove(old_parent, &gone)?;
        }
        let kept = match key(&new) {
            Some(id) => find_by_id(cursor.clone(), &id, &new.node_name()),
            None => cursor.clone().filter(|old| same_kind(old, &new)),
        };
        match kept {
            Some(old) => {
                if cursor.as_ref() == Some(&old) {
                    cursor = old.next_sibling();
                } else {
                    // Moved up among its siblings (a list reordered).
                    old_parent
                        .insert_before(&old, cursor.as_ref())
                        .map_err(|_| Unmergeable)?;
                }
                merge(&old, &new)?;
            }
            None => {
                // A new island would need hydrating: only a reload does it.
                if holds_island(&new) {
                    return Err(Unmergeable);
                }
                let copy = document()
                    .import_node_with_deep(&new, true)
                    .map_err(|_| Unmergeable)?;
                old_parent
                    .insert_before(&copy, cursor.as_ref())
                    .map_err(|_| Unmergeable)?;
            }
        }
    }
    while let Some(old) = cursor {
        cursor = old.next_sibling();
        remove(old_parent, &old)?;
    }
    Ok(())
}

/// Takes `old` out of the page, unless it holds an island (only a reload
/// can tear one down cleanly).
fn remove(parent: &Node, old: &Node) -> Result<(), Unmergeable> {
    if holds_island(old) {
        return Err(Unmergeable);
    }
    parent
        .remove_child(old)
        .map(|_| ())
        .map_err(|_| Unmergeable)
}

/// Sets the attributes `new` has and removes the others, except the ones
/// that hold what the person did on this page.
fn copy_attributes(old: &Element, new: &Element) {
    let owned_by_person = |name: &str| name == "open" && old.tag_name() == "DETAILS";
    for name in old
        .get_attribute_names()
        .iter()
        .filter_map(|n| n.as_string())
    {
        if !new.has_attribute(&name) && !owned_by_person(&name) {
            let _ = old.remove_attribute(&name);
        }
    }
    for name in new
        .get_attribute_names()
        .iter()
        .filter_map(|n| n.as_string())
    {
        let value = new.get_attribute(&name).unwrap_or_default();
        if old.get_attribute(&name).as_deref() != Some(value.as_str()) && !owned_by_person(&name) {
            let _ = old.set_attribute(&name, &value);
        }
    }
}

fn children(parent: &Node) -> Vec<Node> {
    let list = parent.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The element's `id`, which names it among its siblings.
fn key(node: &Node) -> Option<String> {
    node.dyn_ref::<Element>()
        .map(Element::id)
        .filter(|id| !id.is_empty())
}

/// The same sort of node, and not another one that has a name of its own.
fn same_kind(old: &Node, new: &Node) -> bool {
    old.node_type() == new.node_type() && old.node_name() == new.node_name() && key(old).is_none()
}

/// The sibling from `cursor` on named `id`, of the same tag.
fn find_by_id(mut cursor: Option<Node>, id: &str, tag: &str) -> Option<Node> {
    while let Some(node) = cursor {
        if key(&node).as_deref() == Some(id) && node.node_name() == tag {
            return Some(node);
        }
        cursor = node.next_sibling();
    }
    None
}

fn holds_island(node: &Node) -> bool {
    node.dyn_ref::<Element>().is_some_and(|e| {
        e.tag_name() == ISLAND
            || e.query_selector(&ISLAND.to_lowercase())
                .ok()
                .flatten()
                .is_some()
    })
}
