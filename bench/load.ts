/**
 * The load generator, run in its own process by `bench/main.ts` (or by hand)
 * against a server that serves the benchmark router. It speaks the tRPC
 * WebSocket wire format directly with Deno's WebSocket client and prints one
 * JSON line with what it measured.
 *
 * ```sh
 * deno run -A bench/load.ts rpc ws://127.0.0.1:8000 --pid 1234 --connections 50
 * deno run -A bench/load.ts fanout ws://127.0.0.1:8000 --subscribers 2000 --events 100
 * deno run -A bench/load.ts paced ws://127.0.0.1:8000 --events 40 --interval 250
 * deno run -A bench/load.ts idle ws://127.0.0.1:8000 --pid 1234 --connections 5000
 * deno run -A bench/load.ts connect ws://127.0.0.1:8000 --pid 1234 --connections 300
 * deno run -A bench/load.ts connect ws://127.0.0.1:8000/trpc --pid 1234 --app
 * deno run -A bench/load.ts presence ws://127.0.0.1:8000/trpc --connections 3000 --churn 200 --type ui
 * ```
 * @module
 */
import { runRpc } from "./rpc.ts";
import { runFanout } from "./fanout.ts";
import { runIdle } from "./idle.ts";
import { runConnect } from "./connect.ts";
import { runPresence } from "./presence.ts";

/** Reads `--name value` from `args` as a positive number (the last one given wins). */
export function numberFlag(
  args: string[],
  name: string,
  fallback: number,
): number {
  const at = args.lastIndexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`--${name} takes a number, not ${args[at + 1]}`);
  }
  return value;
}

/** Reads `--type agent|ui|observer` (default `ui`). */
function typeFlag(args: string[]): "agent" | "ui" | "observer" {
  const at = args.indexOf("--type");
  const value = at === -1 ? "ui" : args[at + 1];
  if (value === "agent" || value === "ui" || value === "observer") return value;
  throw new Error(`--type takes agent, ui or observer, not ${value}`);
}

async function main(args: string[]): Promise<void> {
  const [scenario, url] = args;
  if (url === undefined) {
    throw new Error("usage: load.ts <scenario> <url> [--flags]");
  }
  const pid = numberFlag(args, "pid", 0) || undefined;
  const flag = (name: string, fallback: number) =>
    numberFlag(args, name, fallback);
  let result: unknown;
  switch (scenario) {
    case "rpc":
      result = await runRpc(url, {
        connections: flag("connections", 50),
        inflight: flag("inflight", 4),
        seconds: flag("seconds", 5),
        warmup: flag("warmup", 1),
        pid,
      });
      break;
    case "fanout":
    case "paced":
      result = await runFanout(url, {
        subscribers: flag("subscribers", 2000),
        events: flag("events", scenario === "paced" ? 40 : 100),
        intervalMs: scenario === "paced" ? flag("interval", 250) : 0,
        window: flag("window", 4),
        pid,
      });
      break;
    case "idle":
      if (pid === undefined) throw new Error("idle needs --pid");
      result = await runIdle(url, {
        connections: flag("connections", 5000),
        pid,
      });
      break;
    case "connect":
      result = await runConnect(url, {
        connections: flag("connections", 300),
        warmup: flag("warmup", 50),
        app: args.includes("--app"),
        pid,
      });
      break;
    case "presence":
      result = await runPresence(url, {
        connections: flag("connections", 3000),
        churn: flag("churn", 200),
        clientType: typeFlag(args),
        pid,
      });
      break;
    default:
      throw new Error(
        `unknown scenario ${scenario}: rpc, fanout, paced, idle, connect or presence`,
      );
  }
  console.log(JSON.stringify(result));
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    Deno.exit(1);
  }
}
