//! Who is calling, by address, for the per-IP limits. Behind a reverse
//! proxy every request comes from the proxy: the proxy's own
//! `X-Forwarded-For` entry then names the caller, and it is believed only
//! when the connection comes from a proxy the configuration trusts (a
//! client can write any `X-Forwarded-For` it likes).

use std::net::IpAddr;

/// The caller's address: the peer itself unless it is a trusted proxy, in
/// which case the right-most `X-Forwarded-For` entry that is not a trusted
/// proxy (entries left of it were written by whoever came before).
pub fn resolve(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    forwarded_for
        .into_iter()
        .flat_map(|header| header.rsplit(','))
        .map(str::trim)
        .map_while(|entry| entry.parse::<IpAddr>().ok())
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn a_direct_caller_is_its_own_address_whatever_it_claims() {
        let trusted = [ip("10.0.0.1")];
        assert_eq!(
            resolve(ip("203.0.113.9"), Some("1.2.3.4"), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(resolve(ip("203.0.113.9"), None, &[]), ip("203.0.113.9"));
    }

    #[test]
    fn behind_trusted_proxies_the_last_untrusted_hop_is_the_caller() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client forged the first entry; the proxies appended the rest.
        let header = "6.6.6.6, 198.51.100.7, 10.0.0.2";
        assert_eq!(
            resolve(ip("10.0.0.1"), Some(header), &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(resolve(ip("10.0.0.1"), None, &trusted), ip("10.0.0.1"));
        assert_eq!(
            resolve(ip("10.0.0.1"), Some("garbage"), &trusted),
            ip("10.0.0.1")
        );
    }
}
