//! The QR code of a workshop's join address, drawn on the server as SVG so
//! that the board needs no script and no image request.

use super::error::WorkshopError;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};

/// How many drawings are kept; a server runs a handful of workshops at a
/// time, so when it is full it simply starts again.
const KEPT: usize = 64;

/// Drawings already made, by the text they encode: the board fetches its
/// page after every post, and drawing the same code again each time was a
/// few per cent of a busy room's server.
static DRAWN: LazyLock<Mutex<HashMap<String, String>>> = LazyLock::new(Mutex::default);

fn drawn() -> MutexGuard<'static, HashMap<String, String>> {
    DRAWN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An `<svg>` element encoding `text`, black on white with its quiet zone,
/// one unit per module (the stylesheet scales it).
pub fn svg(text: &str) -> Result<String, WorkshopError> {
    if let Some(drawing) = drawn().get(text) {
        return Ok(drawing.clone());
    }
    let drawing = draw(text)?;
    let mut kept = drawn();
    if kept.len() >= KEPT {
        kept.clear();
    }
    kept.insert(text.to_owned(), drawing.clone());
    Ok(drawing)
}

fn draw(text: &str) -> Result<String, WorkshopError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| WorkshopError::QrCode(e.to_string()))?;
    let drawn = code
        .render::<svg::Color>()
        .module_dimensions(1, 1)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // An element to put in a page (no XML declaration); the page's text
    // says what it encodes, so screen readers skip the drawing.
    let start = drawn
        .find("<svg")
        .ok_or_else(|| WorkshopError::QrCode("no <svg> drawn".into()))?;
    Ok(drawn[start..].replacen("<svg", "<svg aria-hidden=\"true\" focusable=\"false\"", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawing_made_again_is_the_same_and_each_text_has_its_own() {
        let first = svg("https://demineurs.example/rejoindre?code=ABC123").unwrap();
        let again = svg("https://demineurs.example/rejoindre?code=ABC123").unwrap();
        let other = svg("https://demineurs.example/rejoindre?code=XYZ789").unwrap();
        assert_eq!(first, again);
        assert_ne!(first, other);
        assert!(first.starts_with("<svg aria-hidden=\"true\""));
    }
}
