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
import { parseArgs } from "node:util";
import { cpuMs } from "./_proc.ts";
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

/** Closes `ws` and waits (at most 5 s) for its close event. */
function closed(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(resolve, 5_000);
    ws.addEventListener("close", () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close();
  });
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error(`${url} refused the WebSocket`));
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
  const cpuOf = opts.cpu === false ? () => 0 : () => cpuMs(server.pid);
  const server = await startServer([
    "deno",
    "run",
    "-A",
    new URL(import.meta.url).pathname,
    "--serve",
    mode,
  ]);
  const sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < subscribers; i += 100) {
      const batch = Math.min(100, subscribers - i);
      sockets.push(
        ...await Promise.all(
          Array.from({ length: batch }, () => open(server.url)),
        ),
      );
    }
    const latencies: number[] = [];
    const total = subscribers * messages;
    const delivered = new Promise<void>((resolve) => {
      for (const ws of sockets) {
        ws.onmessage = (event) => {
          latencies.push(performance.now() - Number(event.data));
          if (latencies.length === total) resolve();
        };
        ws.send("sub");
      }
    });
    const publisher = await open(server.url);
    sockets.push(publisher);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subs land
    let inFlight = 0;
    let sent = 0;
    const pump = () => {
      for (; inFlight < window && sent < messages; inFlight++, sent++) {
        publisher.send(String(performance.now()));
      }
    };
    publisher.onmessage = () => {
      inFlight--;
      pump();
    };
    const cpuBefore = cpuOf();
    const started = performance.now();
    pump();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      delivered,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error("deliveries missing")),
          60_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuOf() - cpuBefore;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.floor(latencies.length * q)]!;
    return {
      mode,
      deliveries_per_s: Math.round(total / seconds),
      p50_ms: Math.round(at(0.5) * 10) / 10,
      p99_ms: Math.round(at(0.99) * 10) / 10,
      server_cpu_us_per_delivery: opts.cpu === false
        ? null
        : Math.round(cpu * 1000 / total * 100) / 100,
    };
  } finally {
    await Promise.all(sockets.map(closed));
    await server.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      serve: { type: "string" },
      subscribers: { type: "string", default: "1000" },
      messages: { type: "string", default: "300" },
      window: { type: "string", default: "4" },
      rounds: { type: "string", default: "2" },
    },
  });
  if (values.serve === "socket" || values.serve === "serve") {
    serve(values.serve);
  } else {
    const opts = {
      subscribers: Number(values.subscribers),
      messages: Number(values.messages),
      window: Number(values.window),
    };
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const mode of ["socket", "serve"] as const) {
        console.log(JSON.stringify(await runRound(mode, opts)));
      }
    }
  }
}
