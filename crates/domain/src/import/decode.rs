//! Bytes of a file, as people save them, to text: UTF-8 with or without a byte order mark,
//! UTF-16 with one (Excel's "Unicode text"), or else Windows-1252 (Excel's plain CSV on Windows).
//! Files that are not text at all (a workbook or a zip renamed `.csv`) are refused here, before
//! any parsing. The text's delimiter is its header line's most frequent one.

use super::{FileRefusal, MAX_BYTES};
use serde::{Deserialize, Serialize};

/// How a file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Windows-1252's bytes 0x80–0x9F (the rest of the page is Latin-1, byte = code point). The five
/// holes map to the C1 control of the same value, as the WHATWG Encoding Standard (and so every
/// browser) does; a test compares the whole page with `encoding_rs`.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Magic numbers of the files people most often rename to `.csv` by mistake.
const BINARY_SIGNATURES: [&[u8]; 4] = [
    b"PK\x03\x04",                       // zip, and so .xlsx, .ods, .docx
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", // OLE2: .xls, .doc
    b"%PDF",
    b"\x1F\x8B", // gzip
];

/// The text of a file, and how it was read.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), FileRefusal> {
    if bytes.len() > MAX_BYTES {
        return Err(FileRefusal::TooLarge);
    }
    if BINARY_SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return Err(FileRefusal::Binary);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), Encoding::Utf8),
            Err(_) => (windows_1252(bytes), Encoding::Windows1252),
        }
    };
    // Text files hold no NUL; binary files are full of them (and UTF-16 without a byte order
    // mark looks like that too, which no spreadsheet writes).
    if text.contains('\0') {
        return Err(FileRefusal::Binary);
    }
    if text.trim().is_empty() {
        return Err(FileRefusal::Empty);
    }
    Ok((text, encoding))
}

/// UTF-8 after a byte order mark: it said UTF-8, so invalid bytes mean the file is not text.
fn utf8(bytes: &[u8]) -> Result<String, FileRefusal> {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|_| FileRefusal::Binary)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, FileRefusal> {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        // An odd trailing byte: not a code unit, so not UTF-16 text.
        _ => 0xFFFF,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok('\u{FFFF}') | Err(_) => return Err(FileRefusal::Binary),
            Ok(c) => text.push(c),
        }
    }
    Ok(text)
}

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The delimiter of the header line: the most frequent of comma, semicolon and tab outside
/// quotes (a comma on a tie).
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    candidates[best]
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFpr\xC3\xA9nom").ok(),
            Some(("prénom".to_owned(), Encoding::Utf8))
        );
        assert_eq!(
            decode("prénom".as_bytes()).ok(),
            Some(("prénom".to_owned(), Encoding::Utf8))
        );
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("é\tx".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(&le).ok(),
            Some(("é\tx".to_owned(), Encoding::Utf16Le))
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("é\tx".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode(&be).ok(),
            Some(("é\tx".to_owned(), Encoding::Utf16Be))
        );
        assert_eq!(
            decode(b"\xFF\xFEa"),
            Err(FileRefusal::Binary),
            "odd byte count"
        );
        assert_eq!(
            decode(b"\xFF\xFE\x00\xD8"),
            Err(FileRefusal::Binary),
            "lone surrogate"
        );
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252() {
        assert_eq!(
            decode(b"Fran\xE7oise \x80 \x9C").ok(),
            Some(("Françoise € œ".to_owned(), Encoding::Windows1252))
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_windows_1252_page_is_the_whatwg_one() {
        for byte in 0u8..=255 {
            let one = [byte];
            let ours = windows_1252(&one);
            let (theirs, _, _) = encoding_rs::WINDOWS_1252.decode(&one);
            assert_eq!(ours, theirs, "byte {byte:#04x}");
        }
    }

    #[test]
    fn not_text_is_refused() {
        assert_eq!(decode(b""), Err(FileRefusal::Empty));
        assert_eq!(decode(b" \r\n\t\r\n"), Err(FileRefusal::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(FileRefusal::Empty));
        assert_eq!(decode(b"PK\x03\x04rest"), Err(FileRefusal::Binary));
        assert_eq!(decode(b"email\x00,x"), Err(FileRefusal::Binary));
        assert_eq!(decode(b"\xEF\xBB\xBF\xFF"), Err(FileRefusal::Binary));
        let huge = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(decode(&huge), Err(FileRefusal::TooLarge));
    }
}
