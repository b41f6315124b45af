//! Size and time of each brotli quality (and gzip 6) on pages saved to
//! files: how `whole_compression::BROTLI_QUALITY` was chosen. Run by
//! `bench/compression.sh`; prints a table, asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench: a failure should stop loudly

use std::io::Write;
use std::time::{Duration, Instant};

/// The median time of `runs` calls of `f`, and what the last one returned.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[runs / 2], last.expect("at least one run"))
}

fn brotli(bytes: &[u8], quality: i32) -> usize {
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out.len()
}

fn gzip(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

fn main() {
    for path in std::env::args().skip(1) {
        let page = std::fs::read(&path).expect("a page saved to a file");
        println!("{path}: {} bytes", page.len());
        println!("| coding | bytes | ratio | median time (µs) | pages/s on one core |");
        println!("|---|---|---|---|---|");
        let row = |name: String, (time, size): (Duration, usize)| {
            println!(
                "| {name} | {size} | {:.1} % | {} | {:.0} |",
                size as f64 * 100.0 / page.len() as f64,
                time.as_micros(),
                1.0 / time.as_secs_f64()
            );
        };
        for quality in 1..=11 {
            let runs = if quality >= 10 { 5 } else { 101 };
            row(
                format!("br {quality}"),
                median(runs, || brotli(&page, quality)),
            );
        }
        row("gzip 6".into(), median(101, || gzip(&page)));
    }
}
