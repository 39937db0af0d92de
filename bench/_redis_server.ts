/**
 * A `redis-server` as the cluster benchmark (`_cluster_procs.ts`) and the
 * tests (`tests/_redis.ts`) start one: on a free loopback port, in a dir of
 * its own, the append-only file on with `appendfsync always` (what the
 * README requires) and no RDB snapshots; ready once it answers `PING`.
 * @module
 */

/** A free loopback TCP port (taken and let go at once). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Whether a redis-server on `port` answers `PING` with `+PONG`. */
async function answers(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      await conn.write(new TextEncoder().encode("PING\r\n"));
      const buffer = new Uint8Array(64);
      const n = await conn.read(buffer);
      return new TextDecoder().decode(buffer.subarray(0, n ?? 0))
        .startsWith("+PONG");
    } finally {
      conn.close();
    }
  } catch {
    return false;
  }
}

/**
 * Spawns redis-server on `port` with its files in `dir` and resolves once
 * it answers `PING` (asked every 50 ms, 200 times at most: 10 s); rejects,
 * the process killed, if it never does.
 */
export async function spawnRedis(
  port: number,
  dir: string,
): Promise<Deno.ChildProcess> {
  const child = new Deno.Command("redis-server", {
    args: [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "yes",
      "--appendfsync",
      "always",
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  for (let i = 0; i < 200; i++) {
    if (await answers(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  await child.status;
  throw new Error(`redis-server on port ${port} did not answer PING`);
}
