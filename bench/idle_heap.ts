/**
 * Where an idle subscribed connection's bytes are: the benchmark router
 * served in this process (ours, or `--raw` a bare `Deno.upgradeWebSocket`
 * that only acknowledges the subscription), N clients opened by a child
 * process (`--client`), each with one `feed` subscription, and the JS heap
 * read after full collections before and after. With `--snapshot DIR`, V8
 * heap snapshots of both moments (`node:v8`), to diff by constructor.
 * Needs `--v8-flags=--expose-gc`; a bench-only tool, nothing asserts on it.
 *
 * ```sh
 * deno run -A --v8-flags=--expose-gc bench/idle_heap.ts [--raw] [--connections 2000] [--snapshot /tmp]
 * ```
 * @module
 */
import { initTRPC, tracked } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { writeHeapSnapshot } from "node:v8";
import { createBenchRouter } from "./bench_router.js";
import { upgradeTRPCWebSocket } from "../src/ws/mod.ts";
import { openSockets, sleep } from "./_load.ts";
import { numberFlag } from "./load.ts";

/** The child: opens `n` subscribed sockets, says so, and waits to be killed. */
async function client(url: string, n: number): Promise<void> {
  let started = 0;
  const sockets = await openSockets(url, n, {
    onMessage: (_, data) => {
      if (data.includes('"started"')) started++;
    },
  });
  sockets.forEach((socket, i) =>
    socket.send(
      `{"id":${
        i + 1
      },"method":"subscription","params":{"path":"feed","input":{"json":null}}}`,
    )
  );
  for (let i = 0; i < 3000 && started < n; i++) await sleep(10);
  console.log(`ready ${started}`);
  await new Promise(() => {}); // until killed
}

async function server(args: string[]): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --v8-flags=--expose-gc");
  const n = numberFlag(args, "connections", 2000);
  const raw = args.includes("--raw");
  const at = args.indexOf("--snapshot");
  const dir = at === -1 ? null : args[at + 1];
  const router = createBenchRouter({ initTRPC, tracked, z, superjson });
  const options = {
    router,
    createContext: ({ connectionParams }: {
      connectionParams: Record<string, unknown> | null;
    }) => ({ token: connectionParams?.token ?? null }),
  };
  const http = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (
    req,
  ) => {
    if (!raw) return upgradeTRPCWebSocket(req, options);
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onmessage = (event) => {
      const id = JSON.parse(event.data).id;
      socket.send(`{"id":${id},"result":{"type":"started"}}`);
    };
    return response;
  });
  const url = `ws://127.0.0.1:${http.addr.port}`;
  const batch = async (count: number) => {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL(import.meta.url).pathname,
        "--client",
        url,
        String(count),
      ],
      stdout: "piped",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
    let text = "";
    while (!text.includes("ready")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the client ended early");
      text += value;
    }
    return async () => {
      child.kill();
      await child.status;
      await reader.cancel();
    };
  };
  const heap = () => {
    for (let i = 0; i < 3; i++) gc();
    return Deno.memoryUsage();
  };
  await (await batch(100))(); // warm-up: the code paths compiled
  await sleep(1000);
  const before = heap();
  if (dir) writeHeapSnapshot(`${dir}/before.heapsnapshot`);
  const stop = await batch(n);
  await sleep(1000);
  const after = heap();
  if (dir) writeHeapSnapshot(`${dir}/after.heapsnapshot`);
  await stop();
  await http.shutdown();
  console.log(JSON.stringify({
    scenario: "idle_heap",
    server: raw ? "raw" : "ours",
    connections: n,
    heap_bytes_per_connection: Math.round(
      (after.heapUsed - before.heapUsed) / n,
    ),
  }));
}

if (import.meta.main) {
  if (Deno.args[0] === "--client") {
    await client(Deno.args[1]!, Number(Deno.args[2]));
  } else await server(Deno.args);
  Deno.exit(0);
}
