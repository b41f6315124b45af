//! The QR code of a workshop's join address, drawn on the server as SVG so
//! that the board needs no script and no image request.

use super::error::WorkshopError;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An `<svg>` element encoding `text`, black on white with its quiet zone,
/// one unit per module (the stylesheet scales it).
pub fn svg(text: &str) -> Result<String, WorkshopError> {
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
