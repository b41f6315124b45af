//! Which wasm a page loads, and the script that loads it and hydrates the
//! page's islands.
//!
//! The browser's code is built three times (`cargo xtask build`): the
//! general wasm holds the islands every page may show (the language form,
//! the maturity guide); the phone's adds the live pulse and the outbox; the
//! facilitator's (the board and the console) the live pulse with its way of
//! bringing the page up to date in place. A page loads only the one its
//! islands need.

use leptos::prelude::*;

/// One of the builds of the browser's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    General,
    /// A workshop's phone page.
    Phone,
    /// A workshop's board and console.
    Facilitator,
}

impl Bundle {
    /// The wasm a page needs, from its path: the workshop's live pages (the
    /// phone, the board, the console) show the live islands; the others,
    /// the record included, do not.
    pub fn for_path(path: &str) -> Bundle {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments[..] {
            ["ateliers", _] => Bundle::Phone,
            ["ateliers", _, "tableau" | "console"] => Bundle::Facilitator,
            _ => Bundle::General,
        }
    }

    /// The base name of the built files (`pkg/<name>.<hash>.wasm`).
    pub fn file_name(self) -> &'static str {
        match self {
            Bundle::General => "demineurs",
            Bundle::Phone => "demineurs-phone",
            Bundle::Facilitator => "demineurs-facilitator",
        }
    }

    /// The keys of its hashes in `hash.txt`.
    pub fn hash_keys(self) -> [&'static str; 2] {
        match self {
            Bundle::General => ["js", "wasm"],
            Bundle::Phone => ["phone-js", "phone-wasm"],
            Bundle::Facilitator => ["facilitator-js", "facilitator-wasm"],
        }
    }
}

/// The URLs of a bundle's JS glue and wasm. A `hash.txt` without the
/// workshop's keys (`cargo leptos watch` builds one wasm, every island in
/// it, and lists it as the general one) sends every page to the general
/// wasm; without hashes at all, to the plain names.
pub fn bundle_urls(bundle: Bundle, pkg_dir: &str, hashes: &str) -> (String, String) {
    let hashed = |bundle: Bundle| {
        let [js_key, wasm_key] = bundle.hash_keys();
        let name = bundle.file_name();
        Some((
            format!("/{pkg_dir}/{name}.{}.js", hash_of(hashes, js_key)?),
            format!("/{pkg_dir}/{name}.{}.wasm", hash_of(hashes, wasm_key)?),
        ))
    };
    hashed(bundle)
        .or_else(|| hashed(Bundle::General))
        .unwrap_or_else(|| {
            let name = Bundle::General.file_name();
            (
                format!("/{pkg_dir}/{name}.js"),
                format!("/{pkg_dir}/{name}.wasm"),
            )
        })
}

/// A value of `hash.txt`, whose lines read `key: hash`.
pub fn hash_of<'a>(hashes: &'a str, key: &str) -> Option<&'a str> {
    hashes
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// The loader, run when the browser is idle: fetch the glue and the wasm,
/// then hydrate every island in document order. The app nests no island
/// in another's children, so no owner needs handing down between them.
const LOADER: &str = r#"((js, wasm) => {
  const start = () => import(js).then(async (m) => {
    await m.default({ module_or_path: wasm });
    m.hydrate();
    for (const island of document.querySelectorAll("leptos-island")) {
      const hydrate = m[island.dataset.component];
      if (hydrate) hydrate(island);
      else console.warn(`No wasm function for the island ${island.dataset.component}.`);
    }
  });
  if ("requestIdleCallback" in window) requestIdleCallback(start); else start();
})"#;

/// The resource hints and the loader of the page's wasm, for `<head>`.
/// Rendered on the server only, like the shell around it.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Islands mode: only islands carry hydration markers, as Leptos's own
    // `HydrationScripts` sets it.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = bundle_urls(page_bundle(), &options.site_pkg_dir, &read_hashes(&options));
    let nonce = leptos::nonce::use_nonce();
    let script = format!("{LOADER}({js:?}, {wasm:?});");
    view! {
        <link rel="modulepreload" href=js />
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" nonce=nonce>
            {script}
        </script>
    }
}

#[cfg(feature = "ssr")]
fn page_bundle() -> Bundle {
    use_context::<http::request::Parts>()
        .map(|parts| Bundle::for_path(parts.uri.path()))
        .unwrap_or(Bundle::General)
}

#[cfg(not(feature = "ssr"))]
fn page_bundle() -> Bundle {
    Bundle::General
}

/// `hash.txt`, which the build writes beside the server binary (empty when
/// names are not hashed). Read on every page, as Leptos reads it for the
/// stylesheet: a rebuild while the server runs swaps it whole once the new
/// files are in place.
pub fn read_hashes(options: &LeptosOptions) -> String {
    if !options.hash_files {
        return String::new();
    }
    let hashes = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(options.hash_file.as_ref())))
        .and_then(|path| std::fs::read_to_string(path).ok());
    if hashes.is_none() {
        // Pages will ask for unhashed files the build did not make.
        leptos::logging::error!("hashed file names are on, but hash.txt cannot be read");
    }
    hashes.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_live_workshop_pages_load_a_workshop_wasm() {
        for path in ["/ateliers/3", "/ateliers/3/"] {
            assert_eq!(Bundle::for_path(path), Bundle::Phone, "{path}");
        }
        for path in ["/ateliers/3/tableau", "/ateliers/3/console"] {
            assert_eq!(Bundle::for_path(path), Bundle::Facilitator, "{path}");
        }
        for path in [
            "/",
            "/idees/3",
            "/ateliers/3/compte-rendu",
            "/rejoindre",
            "/rejoindre/ABC123",
            "/ateliers",
        ] {
            assert_eq!(Bundle::for_path(path), Bundle::General, "{path}");
        }
    }

    #[test]
    fn each_bundle_gets_its_own_hashed_files() {
        let hashes = "js: aJ\nwasm: aW\ncss: C\nphone-js: bJ\nphone-wasm: bW\n\
                      facilitator-js: cJ\nfacilitator-wasm: cW\n";
        assert_eq!(
            bundle_urls(Bundle::General, "pkg", hashes),
            (
                "/pkg/demineurs.aJ.js".into(),
                "/pkg/demineurs.aW.wasm".into()
            )
        );
        assert_eq!(
            bundle_urls(Bundle::Phone, "pkg", hashes),
            (
                "/pkg/demineurs-phone.bJ.js".into(),
                "/pkg/demineurs-phone.bW.wasm".into()
            )
        );
        assert_eq!(
            bundle_urls(Bundle::Facilitator, "pkg", hashes),
            (
                "/pkg/demineurs-facilitator.cJ.js".into(),
                "/pkg/demineurs-facilitator.cW.wasm".into()
            )
        );
    }

    #[test]
    fn a_hash_file_listing_one_wasm_serves_it_to_every_page() {
        let hashes = "js: aJ\nwasm: aW\ncss: C\n";
        for bundle in [Bundle::General, Bundle::Phone, Bundle::Facilitator] {
            assert_eq!(
                bundle_urls(bundle, "pkg", hashes),
                (
                    "/pkg/demineurs.aJ.js".into(),
                    "/pkg/demineurs.aW.wasm".into()
                )
            );
        }
    }

    #[test]
    fn without_hashes_every_page_loads_the_one_plain_wasm() {
        for bundle in [Bundle::General, Bundle::Phone, Bundle::Facilitator] {
            assert_eq!(
                bundle_urls(bundle, "pkg", ""),
                ("/pkg/demineurs.js".into(), "/pkg/demineurs.wasm".into())
            );
        }
    }
}
