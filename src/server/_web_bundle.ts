/**
 * The spectator page's script: `web/main.tsx` and everything it imports,
 * bundled for the browser by `deno bundle` (its in-process form,
 * `Deno.bundle`, which deno.json's `"unstable": ["bundle"]` enables) on the
 * first request, then kept in memory for the life of the process.
 * @module
 */

/** The bundle, or why there is none. */
export type WebBundle =
  | { ok: true; js: string; etag: string }
  | { ok: false; message: string };

/** The page's entry point. */
export const WEB_ENTRY: URL = new URL("../../web/main.tsx", import.meta.url);

let cached: Promise<WebBundle> | null = null;

/**
 * The page's script, bundled once per process (concurrent callers share the
 * one build). A failed build is not kept: the next request tries again.
 */
export function webBundle(): Promise<WebBundle> {
  if (cached === null) {
    const building = build();
    cached = building;
    building.then((bundle) => {
      if (!bundle.ok && cached === building) cached = null;
    });
  }
  return cached;
}

async function build(): Promise<WebBundle> {
  // absent when Deno runs without --unstable-bundle
  if (typeof (Deno as { bundle?: unknown }).bundle !== "function") {
    return {
      ok: false,
      message:
        "This Deno cannot bundle the page's script: Deno.bundle needs --unstable-bundle, which deno.json sets (run the server from the project's folder, e.g. `deno task start`).",
    };
  }
  try {
    const result = await Deno.bundle({
      entrypoints: [WEB_ENTRY.href],
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
    });
    const [file] = result.outputFiles ?? [];
    if (!result.success || file === undefined) {
      const errors = result.errors.map((error) =>
        error.location === undefined
          ? error.text
          : `${error.location.file}:${error.location.line}: ${error.text}`
      );
      return {
        ok: false,
        message: `The page's script did not bundle: ${errors.join("; ")}`,
      };
    }
    return { ok: true, js: file.text(), etag: `"${file.hash}"` };
  } catch (error) {
    return {
      ok: false,
      message: `The page's script did not bundle: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  }
}
