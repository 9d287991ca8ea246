//! Compiles the common-password list (`data/common-passwords.txt`, see `data/README.md`) into a
//! finite-state set, which `passwords::common` includes in the binary.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let source = "data/common-passwords.txt";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source)?;
    // Fails unless the list is sorted bytewise and has no duplicates.
    let set = fst::Set::from_iter(text.lines())?;
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    std::fs::write(out.join("common-passwords.fst"), set.as_fst().as_bytes())?;
    Ok(())
}
