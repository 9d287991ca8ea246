// The Import users page's second reader (see crates/app/src/pages/import/helper.rs): runs the
// page's own bundle in a Web Worker, and reads and checks the second half of a large file while
// the page does the first. The page's first message names the bundle's script and wasm; each
// next one holds a part's text and the account's context, and gets the part's rows back, or no
// part if reading it failed.
let bundle;

onmessage = async ({ data }) => {
  if (data.glue) {
    try {
      const glue = await import(data.glue);
      await glue.default({ module_or_path: data.wasm });
      bundle = glue;
      postMessage({ ready: true });
    } catch (error) {
      postMessage({ failed: String(error) });
    }
    return;
  }
  try {
    const part = bundle.check_part(data.text, data.context);
    postMessage({ part }, [part.buffer]);
  } catch (error) {
    postMessage({ failed: String(error) });
  }
};
