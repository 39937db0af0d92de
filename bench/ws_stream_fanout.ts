/**
 * Deno's WebSocket on a taken `node:net` socket (`Deno.upgradeWebSocket`'s
 * `socket` option, what the connection front uses) against `Deno.serve`'s
 * own upgrade, with no code of Loup-Garou's: `--subscribers` sockets each
 * get every message a publisher sends (`--window` in flight, `--messages`
 * of them), taking turns for `--rounds` rounds. The server runs on core 0
 * (as every benchmark server), this load on the core it was given. Prints
 * one JSON line per round: deliveries/s, p50/p99 latency (ms), the
 * server's CPU per delivery (µs).
 *
 * ```sh
 * taskset -c 1 deno run -A bench/ws_stream_fanout.ts [--subscribers 1000] \
 *   [--messages 300] [--window 4] [--rounds 2]
 * ```
 * @module
 */
import net from "node:net";
import { cpuMs } from "./_proc.ts";
import {
  closeSockets,
  openSockets,
  round,
  Samples,
  sleep,
  within,
} from "./_load.ts";
import { numberFlag } from "./load.ts";
import { startServer } from "./_processes.ts";

/** One round's figures. */
export interface StreamFanoutResult {
  mode: "socket" | "serve";
  deliveries_per_s: number;
  p50_ms: number;
  p99_ms: number;
  /** Null when not measured (`cpu: false`: reading /proc needs --allow-read of it). */
  server_cpu_us_per_delivery: number | null;
}

/** The server side: every message of a socket goes to every subscriber. */
function serve(mode: "socket" | "serve"): void {
  const subscribers = new Set<WebSocket>();
  const attach = (ws: WebSocket) => {
    ws.onmessage = (event) => {
      if (event.data === "sub") return void subscribers.add(ws);
      for (const subscriber of subscribers) subscriber.send(event.data);
      ws.send("ack");
    };
    ws.onclose = () => subscribers.delete(ws);
  };
  if (mode === "serve") {
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (req) => {
        const { socket, response } = Deno.upgradeWebSocket(req, {
          idleTimeout: 0,
        });
        attach(socket);
        return response;
      },
    );
    return console.log(JSON.stringify({ port: server.addr.port }));
  }
  const server = net.createServer((socket) => {
    let bytes = new Uint8Array(0);
    const onData = (chunk: Uint8Array) => {
      const all = new Uint8Array(bytes.byteLength + chunk.byteLength);
      all.set(bytes);
      all.set(chunk, bytes.byteLength);
      bytes = all;
      const text = new TextDecoder("latin1").decode(bytes);
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onData);
      socket.pause();
      const [start, ...lines] = text.slice(0, end).split("\r\n");
      const request = new Request(`http://x${start!.split(" ")[1]}`);
      for (const line of lines) {
        const colon = line.indexOf(":");
        request.headers.append(line.slice(0, colon), line.slice(colon + 1));
      }
      const head = bytes.slice(end + 4);
      attach(
        Deno.upgradeWebSocket(request, { socket, head, idleTimeout: 0 }).socket,
      );
    };
    socket.on("data", onData);
  });
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo;
    console.log(JSON.stringify({ port }));
  });
}

/** One round against a server of `mode`. */
export async function runRound(
  mode: "socket" | "serve",
  opts: {
    subscribers: number;
    messages: number;
    window: number;
    /** Read the server's CPU time from /proc (default true). */
    cpu?: boolean;
  },
): Promise<StreamFanoutResult> {
  const { subscribers, messages, window } = opts;
  const server = await startServer([
    "deno",
    "run",
    "-A",
    new URL(import.meta.url).pathname,
    "--serve",
    mode,
  ]);
  const cpuOf = opts.cpu === false ? () => 0 : () => cpuMs(server.pid);
  const total = subscribers * messages;
  const latencies = new Samples();
  let delivered = () => {};
  const all = new Promise<void>((resolve) => delivered = resolve);
  const sockets: WebSocket[] = [];
  try {
    sockets.push(
      ...await openSockets(server.url, subscribers, {
        batch: 100,
        onMessage: (_, data) => {
          latencies.push(performance.now() - Number(data));
          if (latencies.count === total) delivered();
        },
      }),
    );
    for (const ws of sockets) ws.send("sub");
    let inFlight = 0;
    let sent = 0;
    const [publisher] = await openSockets(server.url, 1, {
      onMessage: () => {
        inFlight--;
        pump();
      },
    });
    sockets.push(publisher!);
    const pump = () => {
      for (; inFlight < window && sent < messages; inFlight++, sent++) {
        publisher!.send(String(performance.now()));
      }
    };
    await sleep(500); // the subscriptions land
    const cpuBefore = cpuOf();
    const started = performance.now();
    pump();
    await within(all, 60_000);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuOf() - cpuBefore;
    const { p50, p99 } = latencies.summary();
    return {
      mode,
      deliveries_per_s: Math.round(total / seconds),
      p50_ms: round(p50, 1),
      p99_ms: round(p99, 1),
      server_cpu_us_per_delivery: opts.cpu === false
        ? null
        : round(cpu * 1000 / total),
    };
  } finally {
    await closeSockets(sockets);
    await server.stop();
  }
}

if (import.meta.main) {
  const mode = Deno.args[Deno.args.indexOf("--serve") + 1];
  if (Deno.args.includes("--serve")) {
    if (mode !== "socket" && mode !== "serve") {
      throw new Error(`--serve takes socket or serve, not ${mode}`);
    }
    serve(mode);
  } else {
    const opts = {
      subscribers: numberFlag(Deno.args, "subscribers", 1000),
      messages: numberFlag(Deno.args, "messages", 300),
      window: numberFlag(Deno.args, "window", 4),
    };
    for (let i = 0; i < numberFlag(Deno.args, "rounds", 2); i++) {
      for (const side of ["socket", "serve"] as const) {
        console.log(JSON.stringify(await runRound(side, opts)));
      }
    }
  }
}
