/**
 * One scenario against one server for `deno task bench` (`main.ts`): how
 * each server under test is started (each tree's server with the V8 flags
 * of its own `deno task start`), the load script it is measured with, and
 * the full server (`main.ts`, durable in a temporary DATA_DIR) for the
 * scenarios that play whole games.
 * @module
 */
import { type RunningServer, runScript, startServer } from "./_processes.ts";
import { runPresenceOn } from "./_baseline.ts";
import { runArenaOn } from "./_arena_run.ts";
import { startV8Flags } from "./_v8_flags.ts";
import {
  BASELINE_SCENARIOS,
  isGames,
  loadArgs,
  type Scenario,
  type Server,
} from "./_plan.ts";

/** This folder (`bench/`), with its trailing slash. */
export const HERE = new URL(".", import.meta.url).pathname;
/**
 * Whether the Node peer can run: its packages installed (`npm ci` in
 * `bench/peer` on first use); false, with a note on stderr, without npm.
 */
export async function ensurePeer(): Promise<boolean> {
  const peer = `${HERE}peer`;
  try {
    await Deno.stat(`${peer}/node_modules/@trpc/server`);
    return true;
  } catch {
    console.error("installing the peer's packages (npm ci in bench/peer)...");
    const npm = await new Deno.Command("npm", {
      args: ["ci", "--no-audit", "--no-fund"],
      cwd: peer,
      stdout: "inherit",
      stderr: "inherit",
    }).output().catch(() => null);
    if (npm?.success) return true;
    console.error(
      "could not install the peer (is Node with npm here?): skipping it",
    );
    return false;
  }
}

function serverCommand(
  server: Server,
  baseDir: string | null,
): { command: string[]; cwd?: string } {
  // each tree's server with the V8 flags its `deno task start` applies
  const ours = [Deno.execPath(), "run", "-A", ...startV8Flags(`${HERE}..`)];
  const deno = [Deno.execPath(), "run", "-A"];
  switch (server) {
    case "ours":
      return { command: [...ours, `${HERE}servers/ours.ts`] };
    case "front":
      return { command: [...ours, `${HERE}servers/ours.ts`, "--front"] };
    case "metered":
      return { command: [...ours, `${HERE}servers/ours.ts`, "--metrics"] };
    case "raw":
      return { command: [...deno, `${HERE}servers/raw.ts`] };
    case "peer":
      return {
        command: ["node", `${HERE}peer/server.mjs`],
        cwd: `${HERE}peer`,
      };
    case "base":
      if (baseDir === null) throw new Error("no baseline tree");
      // this tree's benchmark server (its createContext, its flags) on the
      // baseline's src/, with the V8 flags of the baseline's own
      // `deno task start`: only the adapter and those flags differ
      return {
        command: [
          ...deno,
          ...startV8Flags(baseDir),
          `${baseDir}/bench/servers/_ours_now.ts`,
        ],
        cwd: baseDir,
      };
    case "full":
      throw new Error("full is a side of the arena scenario, not a server");
    case "direct":
      throw new Error("direct is a side of the tournament scenario");
    case "spectator":
    case "presence":
      throw new Error(`${server} is a side of the lobby scenario`);
  }
}

/** The options of one run: sizes, and where the baseline's tree is. */
export interface RunOptions {
  quick: boolean;
  baseDir: string | null;
  /** `--connections`: the presence scenarios' subscribers, if given. */
  connections?: string | undefined;
  /** `--speech-sentences`: the arena's speech length, if given. */
  speechSentences?: string | undefined;
}

/**
 * Runs `scenario` once against `server` (started for it and stopped after)
 * and answers the load script's JSON line: its figures by name.
 */
export async function runOne(
  scenario: Scenario,
  server: Server,
  opts: RunOptions,
): Promise<Record<string, number | string>> {
  const { quick } = opts;
  if (scenario === "arena") return await runArenaOn(server, opts);
  if (BASELINE_SCENARIOS.includes(scenario)) {
    const root = server === "base" ? opts.baseDir : `${HERE}..`;
    if (root === null) throw new Error("no baseline tree");
    const sizes = [...loadArgs(scenario, quick)];
    if (opts.connections !== undefined) {
      sizes.push("--connections", opts.connections);
    }
    return await runPresenceOn(root, sizes);
  }
  if (scenario === "tournament") {
    return await onMainServer(
      { front: false, root: `${HERE}..` },
      (url, token, pid) =>
        runScript(`${HERE}tournament.ts`, [
          "--url",
          url,
          "--admin-token",
          token,
          "--pid",
          String(pid),
          "--mode",
          server === "direct" ? "direct" : "runner",
          ...loadArgs(scenario, quick),
        ]),
    );
  }
  if (isGames(scenario)) {
    if (server === "raw") {
      const engine = await runScript(`${HERE}games.ts`, [
        "--engine-only",
        "--games",
        quick ? "200" : "2000",
      ]);
      if (scenario !== "games") return engine;
      // the transport's floor: a bare Deno server carrying a game's frames
      const floor = await runScript(
        `${HERE}game_floor.ts`,
        loadArgs(scenario, quick),
      );
      return {
        ...engine,
        server_cpu_ms_per_game: floor.server_cpu_ms_per_game!,
      };
    }
    const root = server === "base" ? opts.baseDir : `${HERE}..`;
    if (root === null) throw new Error("no baseline tree");
    return await onMainServer(
      { front: server === "front", root },
      (url, token, pid) =>
        runScript(`${HERE}games.ts`, [
          "--url",
          url,
          "--admin-token",
          token,
          "--pid",
          String(pid),
          ...loadArgs(scenario, quick),
        ]),
    );
  }
  if (scenario === "lobby") {
    // base: the baseline ref's server, with the lobby of `presence`
    const root = server === "base" ? opts.baseDir : `${HERE}..`;
    if (root === null) throw new Error("no baseline tree");
    const presence = server === "presence" || server === "base";
    return await onMainServer(
      { front: false, root },
      (url, token, pid) =>
        runScript(`${HERE}lobby.ts`, [
          ...["--url", url, "--admin-token", token, "--pid", String(pid)],
          ...["--side", server === "spectator" ? "spectator" : "lobby"],
          ...(presence ? ["--presence"] : []),
          ...loadArgs(scenario, quick),
        ]),
    );
  }
  if (scenario === "spectators") {
    const root = server === "base" ? opts.baseDir : `${HERE}..`;
    if (root === null) throw new Error("no baseline tree");
    return await onMainServer(
      { front: false, root },
      (url, token, pid) =>
        runScript(`${HERE}spectators.ts`, [
          ...["--url", url, "--admin-token", token, "--pid", String(pid)],
          ...loadArgs(scenario, quick),
        ]),
    );
  }
  const { command, cwd } = serverCommand(server, opts.baseDir);
  const running = await startServer(command, cwd === undefined ? {} : { cwd });
  return await withServer(
    running,
    (url, pid) =>
      runScript(`${HERE}load.ts`, [
        scenario,
        url,
        "--pid",
        String(pid),
        ...loadArgs(scenario, quick),
      ]),
  );
}

/**
 * Runs `run` against the full server of the tree at `root` (ours, or the
 * baseline's: its `main.ts`, durable in a temporary DATA_DIR as in
 * production, behind the ConnectionFront with `front`).
 */
async function onMainServer<T>(
  opts: { front: boolean; root: string },
  run: (url: string, token: string, pid: number) => Promise<T>,
): Promise<T> {
  const { front, root } = opts;
  const token = crypto.randomUUID();
  const dataDir = await Deno.makeTempDir({ prefix: "lg-bench-" });
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
      ADMIN_TOKEN: token,
      WS_HOST: "127.0.0.1",
      WS_PORT: "0",
      DATA_DIR: dataDir,
      WS_MAX_CONNECTIONS_PER_IP: "0", // every player connects from here
      MAX_CONNECTIONS_PER_IP: "0",
      // ours without the ConnectionFront, front with it (a header timeout)
      HTTP_HEADER_TIMEOUT_MS: front ? "10000" : "0",
    },
  });
  try {
    return await withServer(running, (url, pid) => run(url, token, pid));
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}

async function withServer<T>(
  server: RunningServer,
  run: (url: string, pid: number) => Promise<T>,
): Promise<T> {
  try {
    return await run(server.url, server.pid);
  } finally {
    await server.stop();
  }
}
