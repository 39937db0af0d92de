/**
 * The scenarios that compare our full server with itself at an earlier git
 * ref (the baseline): extracting that tree, and running the presence
 * scenario against the server of a tree.
 * @module
 */
import { runScript, startServer } from "./_processes.ts";
import { startV8Flags } from "./_v8_flags.ts";

const HERE = new URL(".", import.meta.url).pathname;

/** The presence scenario against the full server in the tree at `root`. */
export async function runPresenceOn(
  root: string,
  sizes: string[],
): Promise<Record<string, number | string>> {
  const running = await startServer([
    Deno.execPath(),
    "run",
    "-A",
    ...startV8Flags(root), // as that tree's `deno task start`
    `${root}/main.ts`,
  ], {
    path: "/trpc",
    cwd: root,
    env: {
      WS_HOST: "127.0.0.1",
      WS_PORT: "0",
      DATA_DIR: ":memory:",
      WS_MAX_CONNECTIONS_PER_IP: "0", // every client connects from here
      WS_TIMEOUT: "0",
    },
  });
  try {
    return await runScript(`${HERE}load.ts`, [
      "presence",
      running.url,
      "--pid",
      String(running.pid),
      ...sizes,
    ]);
  } finally {
    await running.stop();
  }
}

/**
 * Extracts the tree of git ref `ref` into a temporary directory, or null
 * (with a warning) when it cannot.
 */
export async function extractBaseline(ref: string): Promise<string | null> {
  const dir = await Deno.makeTempDir({ prefix: "lg-bench-base-" });
  const archive = await new Deno.Command("sh", {
    args: ["-c", `git archive "$1" | tar -x -C "$2"`, "sh", ref, dir],
    cwd: `${HERE}..`,
    stderr: "piped",
  }).output().catch(() => null);
  if (archive?.success) {
    // a tree from before src/server/mod.ts (e.g. src/transport/) cannot run
    // this tree's server file: it runs its own, with its own options
    const current = await exists(`${dir}/src/server/mod.ts`);
    if (!current) {
      console.error(
        `the baseline ${ref} has no src/server/mod.ts: it runs its own bench/servers/ours.ts`,
      );
    }
    await Deno.copyFile(
      current ? `${HERE}servers/ours.ts` : `${dir}/bench/servers/ours.ts`,
      `${dir}/bench/servers/_ours_now.ts`,
    );
    return dir;
  }
  console.error(
    `could not extract the baseline ${ref} with git archive: skipping it`,
  );
  await Deno.remove(dir, { recursive: true });
  return null;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
