/**
 * The processes of the "cluster" benchmark: a redis-server (AOF,
 * `appendfsync always`, as the README requires) and `main.ts` instances,
 * each on a free loopback port with its own DATA_DIR.
 * @module
 */
import { createClient } from "redis";
import { freePort, spawnRedis } from "./_redis_server.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/** A child process and how to stop it. */
export interface Proc {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

async function stopped(child: Deno.ChildProcess): Promise<void> {
  try {
    child.kill("SIGKILL");
  } catch {
    // already gone
  }
  await child.status;
}

/** Starts a redis-server in a temp dir; resolves once it answers PING. */
export async function startRedisServer(): Promise<Proc & { url: string }> {
  const dir = await Deno.makeTempDir({ prefix: "lg-bench-redis-" });
  const port = freePort();
  const child = await spawnRedis(port, dir);
  const url = `redis://127.0.0.1:${port}`;
  return {
    pid: child.pid,
    port,
    url,
    stop: async () => {
      await stopped(child);
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Redis's count of commands processed so far (`INFO stats`). */
export async function redisCommands(url: string): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  try {
    const info = await client.info("stats");
    return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
  } finally {
    await client.close();
  }
}

/** Starts `main.ts` with `env`; resolves once it listens. */
export async function startInstance(
  env: Record<string, string>,
): Promise<Proc> {
  const dir = await Deno.makeTempDir({ prefix: "lg-bench-cluster-" });
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}main.ts`],
    cwd: ROOT,
    env: {
      NO_COLOR: "1",
      WS_HOST: "127.0.0.1",
      WS_PORT: String(port),
      DATA_DIR: dir,
      WS_RATE_LIMIT: "0",
      ...env,
    },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  while (!/listening on/.test(output)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`main.ts exited: ${output}`);
    output += value;
  }
  void (async () => {
    while (!(await reader.read().catch(() => ({ done: true }))).done) {
      // drain the log
    }
  })();
  return {
    pid: child.pid,
    port,
    stop: async () => {
      await stopped(child);
      await Deno.remove(dir, { recursive: true });
    },
  };
}
