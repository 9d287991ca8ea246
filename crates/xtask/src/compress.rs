//! Precompresses the built app: every page, script, wasm and stylesheet of `dist/` gets a brotli
//! (`.br`) and a gzip (`.gz`) copy beside it, at the highest levels, once per build, so that the
//! server sends the smallest one the browser accepts without compressing on each request.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The kinds of file worth compressing (images are compressed already).
const TEXT: &[&str] = &["html", "js", "wasm", "css", "svg", "json", "txt"];

/// Writes `NAME.br` and `NAME.gz` beside every such file under `dist`.
pub fn precompress(dist: &Path) -> Result<(), String> {
    let started = Instant::now();
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    let (mut raw, mut br) = (0usize, 0usize);
    for file in &files {
        let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut brotli_bytes = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli_bytes, 64 * 1024, 11, 22);
            writer
                .write_all(&bytes)
                .map_err(|e| format!("brotli {}: {e}", file.display()))?;
        }
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)
            .map_err(|e| format!("gzip {}: {e}", file.display()))?;
        let gzip_bytes = gzip
            .finish()
            .map_err(|e| format!("gzip {}: {e}", file.display()))?;
        write_beside(file, "br", &brotli_bytes)?;
        write_beside(file, "gz", &gzip_bytes)?;
        raw += bytes.len();
        br += brotli_bytes.len();
    }
    println!(
        "Precompressed {} files of the app (brotli and gzip): {:.1} KB, {:.1} KB as brotli, in {:.1} s",
        files.len(),
        raw as f64 / 1024.0,
        br as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT.contains(&e))
        {
            files.push(path);
        }
    }
    Ok(())
}

fn write_beside(file: &Path, suffix: &str, bytes: &[u8]) -> Result<(), String> {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    std::fs::write(PathBuf::from(&name), bytes).map_err(|e| format!("{}: {e}", file.display()))
}
