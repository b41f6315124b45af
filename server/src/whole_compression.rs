//! Compression of a response once, whole. Pages are rendered whole before
//! they are sent, so compressing them as a stream (many small chunks, each
//! flushed through async layers) only costs: the body is collected, then
//! compressed in one call at a quality chosen by measurement
//! (`bench/compression.sh`). Event streams are left alone (they must flow),
//! as are bodies already encoded (the site's precompressed files) and
//! small ones.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use std::io::Write;

/// Brotli's quality for responses made on the fly, chosen with
/// `bench/compression.sh`: on the heaviest idea page (25 KB of HTML) quality
/// 4 gives 5.6 KB in 0.21 ms, 5 saves 0.3 KB more for 0.32 ms, 1 costs
/// 0.09 ms but sends 8.4 KB; from 9 up it takes milliseconds.
pub const BROTLI_QUALITY: i32 = 4;
/// Brotli's window: the body's size rounded up to a power of two, between
/// 1 KiB and 4 MiB. A window larger than the body only costs: the encoder
/// sizes its buffers from it, and large blocks go back to the system after
/// each response (`memory::return_large_blocks_to_the_system`).
fn brotli_window(len: usize) -> i32 {
    let bits = usize::BITS - len.saturating_sub(1).leading_zeros();
    bits.clamp(10, 22) as i32
}
const GZIP_LEVEL: u32 = 6;
/// Below this, compression saves less than a packet.
const MIN_BYTES: usize = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    fn name(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }
}

/// The coding a request accepts, brotli first; none for `q=0` or absent.
pub fn accepted(accept_encoding: &str) -> Option<Coding> {
    let mut gzip = false;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = parts.any(|p| {
            let p = p.trim();
            p.strip_prefix("q=")
                .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
        });
        match (name.as_str(), refused) {
            ("br", false) => return Some(Coding::Brotli),
            ("gzip", false) => gzip = true,
            _ => {}
        }
    }
    gzip.then_some(Coding::Gzip)
}

fn compressible(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    !essence.eq_ignore_ascii_case("text/event-stream")
        && (essence.starts_with("text/")
            || matches!(
                essence,
                "application/json" | "application/javascript" | "image/svg+xml"
            ))
}

pub fn compress(coding: Coding, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    match coding {
        Coding::Brotli => {
            let params = brotli::enc::BrotliEncoderParams {
                quality: BROTLI_QUALITY,
                lgwin: brotli_window(bytes.len()),
                size_hint: bytes.len(),
                ..Default::default()
            };
            let mut out = Vec::with_capacity(bytes.len() / 4);
            brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
            Ok(out)
        }
        Coding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(
                Vec::with_capacity(bytes.len() / 3),
                flate2::Compression::new(GZIP_LEVEL),
            );
            encoder.write_all(bytes)?;
            encoder.finish()
        }
    }
}

pub async fn layer(request: Request, next: Next) -> Response {
    let coding = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .and_then(accepted);
    let head = request.method() == Method::HEAD;
    let mut response = next.run(request).await;
    let eligible = !head
        && !matches!(
            response.status(),
            StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED
        )
        && !response.headers().contains_key(header::CONTENT_ENCODING)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(compressible);
    if !eligible {
        return response;
    }
    // Caches keep one copy per coding asked for.
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    let Some(coding) = coding else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    // The body was rendered whole: collecting it waits for nothing more.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "response body failed while being compressed");
            return Response::from_parts(parts, Body::empty());
        }
    };
    if bytes.len() < MIN_BYTES {
        return Response::from_parts(parts, Body::from(bytes));
    }
    match compress(coding, &bytes) {
        Ok(compressed) => {
            parts.headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(coding.name()),
            );
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(compressed.len()));
            Response::from_parts(parts, Body::from(compressed))
        }
        Err(error) => {
            tracing::warn!(%error, "compression failed: sent as is");
            Response::from_parts(parts, Body::from(bytes))
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests: a failure should stop loudly
mod tests {
    use super::*;

    #[test]
    fn brotli_first_then_gzip_never_what_is_refused() {
        assert_eq!(accepted("gzip, deflate, br, zstd"), Some(Coding::Brotli));
        assert_eq!(accepted("gzip;q=1.0, br;q=0"), Some(Coding::Gzip));
        assert_eq!(accepted("BR"), Some(Coding::Brotli));
        assert_eq!(accepted("identity"), None);
        assert_eq!(accepted("gzip;q=0, br; q=0.0"), None);
        assert_eq!(accepted(""), None);
    }

    #[test]
    fn pages_and_data_are_compressed_event_streams_are_not() {
        assert!(compressible("text/html; charset=utf-8"));
        assert!(compressible("application/json"));
        assert!(compressible("text/csv; charset=utf-8"));
        assert!(!compressible("text/event-stream"));
        assert!(!compressible("image/png"));
        assert!(!compressible("application/wasm"));
    }

    #[test]
    fn the_window_fits_the_body() {
        assert_eq!(brotli_window(25_171), 15);
        assert_eq!(brotli_window(32_768), 15);
        assert_eq!(brotli_window(32_769), 16);
        assert_eq!(brotli_window(100), 10);
        assert_eq!(brotli_window(50_000_000), 22);
    }

    #[test]
    fn what_is_compressed_comes_back_the_same() {
        let page = "<p>Une mine, une piste de contournement.</p>".repeat(200);
        let br = compress(Coding::Brotli, page.as_bytes()).unwrap();
        assert!(br.len() < page.len() / 10);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, page.as_bytes());
        let gz = compress(Coding::Gzip, page.as_bytes()).unwrap();
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back)
            .unwrap();
        assert_eq!(back, page);
    }
}
