//! Giving memory back after a burst.
//!
//! Each password hash takes 19 MiB (Argon2id). glibc serves such a block
//! with `mmap` at first, but after the first one is freed it raises its
//! threshold and serves the next ones from its heaps, which it keeps: after
//! a burst of log-ins the process stayed above a gigabyte. A fixed
//! threshold keeps every large block on `mmap`, returned to the system the
//! moment it is freed. Other allocators (musl) need nothing.

/// Blocks from this size up are mapped, and unmapped when freed: a
/// password hash's 19 MiB. Below it, blocks stay in the heaps for the next
/// request: brotli's buffers (a few MiB for each response compressed) were
/// mapped and unmapped at 1 MiB, 150 page faults a page served, a page
/// compressed costing three times its rendering.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 8 * 1024 * 1024;
/// What a heap may keep free at its top before it is trimmed: with the
/// threshold fixed, glibc's default (128 KiB) would hand brotli's buffers
/// back after every response.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: libc::c_int = 32 * 1024 * 1024;

/// Call once, first thing in `main`, before any thread starts.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any
    // other thread exists, it races with no allocation.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}
