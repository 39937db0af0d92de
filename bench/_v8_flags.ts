/**
 * The V8 flags a tree's server runs with in production: the `--v8-flags=`
 * of `deno task start` in its `deno.json` (one source), so that the
 * benchmark starts each tree's server as that tree deploys it.
 * @module
 */

/** The `--v8-flags=...` arguments of `tasks.start` in `dir/deno.json`; none when it has none. */
export function startV8Flags(dir: string): string[] {
  let config: { tasks?: { start?: unknown } };
  try {
    config = JSON.parse(Deno.readTextFileSync(`${dir}/deno.json`));
  } catch {
    return []; // a tree without a readable deno.json: V8's defaults
  }
  const start = config.tasks?.start;
  if (typeof start !== "string") return [];
  return start.split(/\s+/).filter((arg) => arg.startsWith("--v8-flags="));
}
