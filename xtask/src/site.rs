//! The site folder: built beside the served one, then swapped in whole.

use crate::front::BUNDLES;
use crate::project::{Project, OUTPUT_NAME, PKG_DIR};
use crate::say;
use anyhow::{Context, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Staging {
    dir: PathBuf,
    site_root: PathBuf,
}

impl Staging {
    /// An empty `target/site.next`: nothing of an earlier build survives in
    /// the new site (old hashed names would pile up otherwise).
    pub fn create(project: &Project) -> Result<Self> {
        let dir = project.site_root.with_extension("next");
        remove_if_present(&dir)?;
        fs::create_dir_all(dir.join(PKG_DIR))
            .with_context(|| format!("creating {}", dir.display()))?;
        Ok(Self {
            dir,
            site_root: project.site_root.clone(),
        })
    }

    pub fn pkg_dir(&self) -> PathBuf {
        self.dir.join(PKG_DIR)
    }

    /// Puts the new site where the server looks, the old one removed.
    pub fn publish(self) -> Result<()> {
        let old = self.site_root.with_extension("old");
        remove_if_present(&old)?;
        if self.site_root.exists() {
            fs::rename(&self.site_root, &old)?;
        }
        fs::rename(&self.dir, &self.site_root)
            .with_context(|| format!("moving the new site to {}", self.site_root.display()))?;
        remove_if_present(&old)
    }
}

fn remove_if_present(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// The last build's files (those named with a hash `previous` lists) kept
/// in the new site, for one build: a page rendered before the swap still
/// finds its script, wasm and style.
pub fn carry_over(project: &Project, staging: &Staging, previous: &[String]) -> Result<()> {
    let old_pkg = project.site_root.join(PKG_DIR);
    let Ok(entries) = fs::read_dir(&old_pkg) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let kept = previous
            .iter()
            .any(|hash| name.contains(&format!(".{hash}.")));
        let target = staging.pkg_dir().join(entry.file_name());
        if kept && entry.file_type()?.is_file() && !target.exists() {
            fs::copy(entry.path(), &target)
                .with_context(|| format!("keeping {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// `public/` as it is, at the site's root (robots.txt...).
pub fn copy_assets(project: &Project, staging: &Staging) -> Result<()> {
    copy_dir(&project.root.join("public"), &staging.dir)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// The content hash in each built file's name, so that browsers may keep
/// them for a year and still never run an old one: `hash.txt`'s keys and
/// values, in order.
pub struct Hashes(Vec<(&'static str, String)>);

impl Hashes {
    pub fn to_hash_file(&self) -> String {
        self.0
            .iter()
            .map(|(key, hash)| format!("{key}: {hash}\n"))
            .collect()
    }
}

/// Every wasm's glue and wasm, then the stylesheet.
pub fn hash_names(staging: &Staging) -> Result<Hashes> {
    let pkg = staging.pkg_dir();
    let rename = |name: &str, extension: &str| -> Result<String> {
        let path = pkg.join(format!("{name}.{extension}"));
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let hash = content_hash(&bytes);
        fs::rename(&path, pkg.join(format!("{name}.{hash}.{extension}")))?;
        Ok(hash)
    };
    let mut hashes = Vec::new();
    for wasm in &BUNDLES {
        let [js_key, wasm_key] = wasm.hash_keys;
        hashes.push((js_key, rename(wasm.name, "js")?));
        hashes.push((wasm_key, rename(wasm.name, "wasm")?));
    }
    hashes.push(("css", rename(OUTPUT_NAME, "css")?));
    Ok(Hashes(hashes))
}

/// 128 bits of SHA-256, in URL-safe base64: 22 characters.
fn content_hash(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(&Sha256::digest(bytes)[..16])
}

/// A `.br` and a `.gz` beside every file, at the strongest settings: they
/// are made once per build and served as they are (`ServeDir`'s
/// precompressed files), so only their size matters.
pub fn precompress(staging: &Staging) -> Result<()> {
    say("site: precompressing every file (brotli 11, gzip 9)");
    let mut files = Vec::new();
    list_files(&staging.dir, &mut files)?;
    // The wasm takes most of the time: one thread per file keeps both
    // cores busy.
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .iter()
            .map(|file| scope.spawn(move || compress_file(file)))
            .collect();
        workers.into_iter().try_for_each(|worker| {
            worker
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a compression thread panicked")))
        })
    })
}

fn list_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), files)?;
        } else {
            files.push(entry.path());
        }
    }
    Ok(())
}

fn compress_file(path: &Path) -> Result<()> {
    let bytes = fs::read(path)?;
    let with_suffix = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };

    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    fs::write(with_suffix(".gz"), gzip.finish()?)?;

    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    let mut brotli = Vec::new();
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
    fs::write(with_suffix(".br"), brotli)
        .with_context(|| format!("writing the compressed copies of {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn project_in(dir: &Path) -> Project {
        Project {
            root: dir.to_path_buf(),
            target_dir: dir.join("target"),
            site_root: dir.join("target/site"),
        }
    }

    #[test]
    fn a_content_hash_names_the_content_in_22_url_safe_characters() {
        let hash = content_hash(b"body { color: black }");
        assert_eq!(hash.len(), 22);
        assert!(hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(hash, content_hash(b"body { color: black }"));
        assert_ne!(hash, content_hash(b"body { color: white }"));
    }

    #[test]
    fn built_files_get_hashed_names_and_the_hash_file_lists_them() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let staging = Staging::create(&project_in(dir.path()))?;
        let built = [
            ("demineurs", "js", "js"),
            ("demineurs", "wasm", "wasm"),
            ("demineurs-phone", "js", "phone-js"),
            ("demineurs-phone", "wasm", "phone-wasm"),
            ("demineurs-facilitator", "js", "facilitator-js"),
            ("demineurs-facilitator", "wasm", "facilitator-wasm"),
            ("demineurs", "css", "css"),
        ];
        for (name, extension, _) in built {
            let file = staging.pkg_dir().join(format!("{name}.{extension}"));
            fs::write(file, format!("{name} {extension}"))?;
        }
        let listed = hash_names(&staging)?.to_hash_file();
        assert_eq!(listed.lines().count(), built.len());
        for (name, extension, key) in built {
            let hash = content_hash(format!("{name} {extension}").as_bytes());
            assert!(listed.contains(&format!("{key}: {hash}\n")), "{listed}");
            let named = staging.pkg_dir().join(format!("{name}.{hash}.{extension}"));
            assert_eq!(fs::read_to_string(named)?, format!("{name} {extension}"));
            assert!(!staging
                .pkg_dir()
                .join(format!("{name}.{extension}"))
                .exists());
        }
        Ok(())
    }

    #[test]
    fn every_file_gets_brotli_and_gzip_copies_that_decompress_to_it() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let staging = Staging::create(&project_in(dir.path()))?;
        let text = "Les Démineurs ".repeat(500);
        fs::write(staging.pkg_dir().join("page.js"), &text)?;
        fs::write(staging.dir.join("robots.txt"), "User-agent: *\n")?;
        precompress(&staging)?;

        let js = staging.pkg_dir().join("page.js");
        let mut from_gzip = String::new();
        flate2::read::GzDecoder::new(fs::File::open(js.with_extension("js.gz"))?)
            .read_to_string(&mut from_gzip)?;
        assert_eq!(from_gzip, text);
        let mut from_brotli = Vec::new();
        brotli::BrotliDecompress(
            &mut fs::File::open(js.with_extension("js.br"))?,
            &mut from_brotli,
        )?;
        assert_eq!(String::from_utf8(from_brotli)?, text);
        assert!(fs::metadata(js.with_extension("js.br"))?.len() < 200);
        assert!(staging.dir.join("robots.txt.br").exists());
        assert!(staging.dir.join("robots.txt.gz").exists());
        Ok(())
    }

    #[test]
    fn the_last_builds_files_are_kept_for_one_build() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let project = project_in(dir.path());
        let old_pkg = project.site_root.join(PKG_DIR);
        fs::create_dir_all(&old_pkg)?;
        for name in [
            "demineurs.LAST.js",
            "demineurs.LAST.js.br",
            "demineurs.BEFORE.js",
        ] {
            fs::write(old_pkg.join(name), name)?;
        }
        let staging = Staging::create(&project)?;
        carry_over(&project, &staging, &["LAST".to_owned()])?;
        assert!(staging.pkg_dir().join("demineurs.LAST.js").exists());
        assert!(staging.pkg_dir().join("demineurs.LAST.js.br").exists());
        assert!(!staging.pkg_dir().join("demineurs.BEFORE.js").exists());
        Ok(())
    }

    #[test]
    fn publishing_replaces_the_whole_old_site() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let project = project_in(dir.path());
        fs::create_dir_all(project.site_root.join("pkg"))?;
        fs::write(project.site_root.join("pkg/demineurs.OLD.js"), "old")?;

        let staging = Staging::create(&project)?;
        fs::write(staging.pkg_dir().join("demineurs.NEW.js"), "new")?;
        staging.publish()?;

        assert!(project.site_root.join("pkg/demineurs.NEW.js").exists());
        assert!(!project.site_root.join("pkg/demineurs.OLD.js").exists());
        assert!(!project.site_root.with_extension("next").exists());
        assert!(!project.site_root.with_extension("old").exists());
        Ok(())
    }
}
