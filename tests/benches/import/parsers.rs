//! The JavaScript CSV parsers the import's figures compare with, from `.tools/node_modules`
//! (`cargo xtask bench` installs them): each is loaded into the Import users page and times
//! parsing the very text the page read and checked, in the same browser.

use roster_e2e::{Browser, crate_dir};

/// A parser from npm, and how it parses the file (`arguments[0]`), answering the rows it read.
pub struct JsParser {
    pub name: &'static str,
    package: &'static str,
    /// Its browser build, in the package.
    file: &'static str,
    /// The global its build defines.
    global: &'static str,
    /// A function body that parses `arguments[0]` and returns how many rows it read.
    parse: &'static str,
}

/// Papa Parse, the most used: objects keyed by the header, as the page reads rows.
pub const PAPA_PARSE: JsParser = JsParser {
    name: "Papa Parse",
    package: "papaparse",
    file: "papaparse.min.js",
    global: "Papa",
    parse: "return Papa.parse(arguments[0], { header: true, skipEmptyLines: true }).data.length;",
};

/// uDSV, the fastest: its schema guessed from the first rows, then every row as an array of
/// strings (its fastest output, and one that needs no `new Function`, which the page's
/// Content-Security-Policy refuses).
pub const UDSV: JsParser = JsParser {
    name: "uDSV",
    package: "udsv",
    file: "dist/uDSV.iife.min.js",
    global: "uDSV",
    parse: "const parser = uDSV.initParser(uDSV.inferSchema(arguments[0])); \
            return parser.stringArrs(arguments[0]).length;",
};

impl JsParser {
    fn dir(&self) -> std::path::PathBuf {
        crate_dir()
            .join("../.tools/node_modules")
            .join(self.package)
    }

    /// Its version, from its package's manifest.
    pub fn version(&self) -> String {
        std::fs::read_to_string(self.dir().join("package.json"))
            .ok()
            .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
            .and_then(|m| m["version"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Loads it into the page, as WebDriver's own script: the page's Content-Security-Policy
    /// rightly refuses an inline script element, and `eval`.
    pub async fn load(&self, browser: &Browser) {
        let path = self.dir().join(self.file);
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (cargo xtask bench installs it)", path.display()));
        let global = self.global;
        let loaded = browser
            .client
            .execute(
                &format!(
                    "(function () {{ {source}\n; window.{global} = {global}; }}).call(window); \
                     return typeof window.{global};"
                ),
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(loaded, "object", "{} loaded", self.name);
    }

    /// The milliseconds of each of `runs` parses of `text`, after one left out to warm the
    /// browser's compiler; each must read `rows` rows.
    pub async fn time(&self, browser: &Browser, text: &str, rows: usize, runs: usize) -> Vec<f64> {
        let script = format!(
            "const t0 = performance.now(); \
             const rows = (function () {{ {} }}).apply(null, arguments); \
             const t = performance.now() - t0; \
             if (rows !== arguments[1]) {{ throw new Error('{}: ' + rows + ' rows'); }} \
             return t;",
            self.parse, self.name
        );
        let mut times = Vec::new();
        for run in 0..=runs {
            let ms = browser
                .client
                .execute(
                    &script,
                    vec![serde_json::Value::String(text.to_owned()), rows.into()],
                )
                .await
                .unwrap()
                .as_f64()
                .unwrap();
            if run > 0 {
                times.push(ms);
            }
        }
        times
    }
}
