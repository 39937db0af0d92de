/**
 * Debian's Prometheus scrapes a real server (scrape interval 1 s) while
 * clients call and bots play; the test asks Prometheus's HTTP API
 * (`/api/v1/query`) for the connection gauge, the call counter and the
 * games gauge and checks them against what it did. `.ci/run` installs
 * Prometheus and requires this test; elsewhere it is skipped without it.
 * @module
 */
import assert from "node:assert/strict";
import { runBot } from "../agents/bot_agent.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";
import { metric } from "./_metrics.ts";

const required = Deno.env.get("PROMETHEUS_REQUIRED") === "1";

function prometheusPath(): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      if (Deno.statSync(`${dir}/prometheus`).isFile) return `${dir}/prometheus`;
    } catch {
      // not in this directory
    }
  }
  return null;
}

const binary = prometheusPath();
if (binary === null && required) {
  throw new Error("prometheus is not installed: apt-get install -y prometheus");
}

/** A free loopback port (taken and released at once). */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/** Prometheus on loopback scraping `target` every second, in a temp dir. */
async function startPrometheus(
  target: string,
): Promise<AsyncDisposable & { url: string }> {
  const dir = await Deno.makeTempDir({ prefix: "lg-prometheus-" });
  await Deno.writeTextFile(
    `${dir}/prometheus.yml`,
    [
      "global:",
      "  scrape_interval: 1s",
      "  evaluation_interval: 1s",
      "scrape_configs:",
      "  - job_name: loupgarou",
      "    static_configs:",
      `      - targets: ["${target}"]`,
    ].join("\n"),
  );
  const port = freePort();
  const child = new Deno.Command(binary!, {
    args: [
      `--config.file=${dir}/prometheus.yml`,
      `--storage.tsdb.path=${dir}/data`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await within(child.status, 10_000, "prometheus to stop").catch(() => {
      child.kill("SIGKILL");
      return child.status;
    });
    await Deno.remove(dir, { recursive: true });
  };
  try {
    await eventually(async () => {
      const ready = await fetch(`${url}/-/ready`).catch(() => null);
      await ready?.body?.cancel();
      return ready?.status === 200;
    }, "prometheus to be ready");
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, [Symbol.asyncDispose]: stop };
}

/** Polls `check` every 200 ms until it holds; fails after 30 s. */
async function eventually(
  check: () => Promise<boolean>,
  what: string,
): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** The value of an instant query's single result, or null when it has none. */
async function query(
  prometheus: string,
  promql: string,
): Promise<number | null> {
  const response = await fetch(
    `${prometheus}/api/v1/query?query=${encodeURIComponent(promql)}`,
  );
  const body = await response.json() as {
    status: string;
    data: { result: { value: [number, string] }[] };
  };
  assert.equal(body.status, "success", JSON.stringify(body));
  const [first] = body.data.result;
  return first === undefined ? null : Number(first.value[1]);
}

/** Waits until Prometheus answers `promql` with `want`. */
async function prometheusSees(
  prometheus: string,
  promql: string,
  want: number,
): Promise<void> {
  let last: number | null = null;
  await eventually(async () => {
    last = await query(prometheus, promql);
    return last === want;
  }, `${promql} = ${want} (Prometheus says ${last})`);
}

Deno.test({
  name:
    "Prometheus scrapes /metrics while bots play: the connection gauge, the call counter and the games gauge it stores match what the test did",
  ignore: binary === null,
  async fn() {
    await using server = await startTestServer();
    await using prometheus = await startPrometheus(
      `127.0.0.1:${server.server.port}`,
    );
    const p = prometheus.url;
    await prometheusSees(p, 'up{job="loupgarou"}', 1);
    const uis = [1, 2, 3].map(() =>
      connectClient(server.wsUrl, { clientType: "ui" })
    );
    const agents = [1, 2].map(() =>
      connectClient(server.wsUrl, { clientType: "agent" })
    );
    try {
      for (const client of [...uis, ...agents]) {
        await client.trpc.system.ping.query();
      }
      const [ui] = uis;
      await ui!.trpc.system.ping.query();
      await ui!.trpc.system.ping.query();
      for (let i = 0; i < 2; i++) {
        await ui!.trpc.lobby.createGame.mutate({
          players: 5,
          autoStart: false,
        });
      }
      const ws = 'protocol="trpc_ws"';
      await prometheusSees(p, `sum(loupgarou_connections{${ws}})`, 5);
      await prometheusSees(
        p,
        `sum(loupgarou_connections{${ws},client_type="agent"})`,
        2,
      );
      await prometheusSees(
        p,
        'loupgarou_calls_total{procedure="system.ping",code="OK"}',
        7,
      );
      await prometheusSees(p, 'sum(loupgarou_games{status="waiting"})', 2);
      // five bots, each on its own socket, play a game while scraped
      const game = await ui!.trpc.lobby.createGame.mutate({
        players: 5,
        actionTimeoutMs: 10_000,
        discussionRounds: 1,
        seed: 11,
      });
      const bots = [1, 2, 3, 4, 5].map((i) =>
        runBot({ url: server.wsUrl, gameId: game.gameId, name: `Bot${i}` })
      );
      await within(Promise.all(bots), 60_000, "the bots' game");
      await prometheusSees(p, "loupgarou_games_ended_total", 1);
      await prometheusSees(
        p,
        'sum(loupgarou_games{status="running"}) or vector(0)',
        0,
      );
      await prometheusSees(p, `sum(loupgarou_connections{${ws}})`, 5);
      // the bots' calls: what Prometheus stored is what the server counted
      const served = await metric(server.httpUrl, "loupgarou_calls_total", {
        procedure: "game.vote",
      });
      assert.ok(served > 0, "the bots voted");
      await prometheusSees(
        p,
        'sum(loupgarou_calls_total{procedure="game.vote"})',
        served,
      );
    } finally {
      for (const client of [...uis, ...agents]) {
        await client[Symbol.asyncDispose]();
      }
    }
  },
});
