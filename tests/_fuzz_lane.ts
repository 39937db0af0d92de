/**
 * One fuzzing connection: a Deno WebSocket that sends the fuzzer's frames,
 * checks that every frame the server sends back is a well-formed tRPC
 * message under an id it was sent, that every call with a fresh id is
 * answered exactly once, and that the server closes only with a documented
 * code. A closed lane opens a new socket, sometimes with hostile
 * connection settings first.
 * @module
 */
import superjson from "superjson";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { FrameMaker, Rng } from "./_fuzz.ts";
import {
  DOCUMENTED_CLOSES,
  type FuzzFrame,
  type LaneReport,
} from "./_fuzz_contract.ts";
import { EDGE_STRINGS, hostileValue } from "./_fuzz_values.ts";
import { within } from "./_helpers.ts";

/** One fuzzing connection. */
export class FuzzLane {
  readonly report: LaneReport = {
    sent: {},
    received: 0,
    results: {},
    errors: {},
    closes: {},
    violations: [],
  };
  #url: string;
  #name: string;
  #rng: Rng;
  #maker: FrameMaker;
  #token: string | undefined;
  #ws: WebSocket | null = null;
  /** Sockets that were sent something the server answers by closing. */
  #provoked = new WeakSet<WebSocket>();
  #opens = 0;
  /** Every id sent on each socket (as the server parses them). */
  #ids = new WeakMap<WebSocket, Set<unknown>>();
  /** Fresh-id calls not answered yet: id → the frame and its socket. */
  #pending = new Map<string, { frame: string; ws: WebSocket }>();
  #answered = new Set<string>();

  constructor(
    url: string,
    options: { name: string; rng: Rng; maker: FrameMaker; token?: string },
  ) {
    this.#url = url;
    this.#name = options.name;
    this.#rng = options.rng;
    this.#maker = options.maker;
    this.#token = options.token;
  }

  /** Sends one frame from the maker (opening a socket first if needed). */
  async step(): Promise<void> {
    const ws = await this.#socket();
    const oversize = this.#rng.chance(0.002);
    const frame = oversize ? this.#maker.oversize() : this.#maker.next();
    if (oversize) this.#provoked.add(ws);
    this.#track(ws, frame);
    this.report.sent[frame.kind] = (this.report.sent[frame.kind] ?? 0) + 1;
    ws.send(frame.data);
    while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount > 256 * 1024) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The calls with a fresh id still unanswered (their frames). */
  get unanswered(): string[] {
    return [...this.#pending.values()].map((call) => call.frame);
  }

  /** Closes the socket and waits for the close. */
  async close(): Promise<void> {
    const ws = this.#ws;
    this.#ws = null;
    if (ws === null || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) =>
      ws.addEventListener("close", resolve)
    );
    ws.close();
    await within(closed, 5000, `${this.#name} to close`);
  }

  #track(ws: WebSocket, frame: FuzzFrame): void {
    if (typeof frame.data !== "string") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame.data);
    } catch {
      return;
    }
    const ids = this.#ids.get(ws);
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      if (typeof message === "object" && message !== null && "id" in message) {
        ids?.add((message as { id: unknown }).id);
      }
    }
    if (frame.expects !== undefined) {
      this.#pending.set(frame.expects, { frame: frame.data.slice(0, 300), ws });
    }
  }

  async #socket(): Promise<WebSocket> {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (this.#ws?.readyState === WebSocket.OPEN) return this.#ws;
      this.#ws = await this.#open(
        attempt === 0 && this.#opens > 0 && this.#rng.chance(0.3),
      );
    }
    throw new Error(`${this.#name}: could not open a socket in 20 attempts`);
  }

  /** Opens a socket; `hostile` connection settings may well be refused. */
  async #open(hostile: boolean): Promise<WebSocket> {
    const n = this.#opens++;
    const clientId = `${this.#name}-${n}`;
    const rng = this.#rng;
    const type = this.#token
      ? "ui"
      : rng.pick(["agent", "agent", "ui", "observer"]);
    const params = hostile
      ? rng.pick<unknown>([
        { clientId: rng.pick(EDGE_STRINGS), clientType: type },
        { clientId, clientType: rng.pick(["admin", "", "__proto__"]) },
        { clientId, token: rng.pick(["wrong", "x".repeat(600)]) },
        hostileValue(rng),
      ])
      : {
        clientId,
        clientType: type,
        ...(this.#token ? { token: this.#token } : {}),
      };
    const withParams = this.#token !== undefined || hostile || rng.chance(0.5);
    const url = withParams
      ? `${this.#url}?connectionParams=1`
      : `${this.#url}?client_type=${type}&client_id=${clientId}`;
    const ws = new WebSocket(url);
    this.#ids.set(ws, new Set());
    ws.onmessage = (event) => this.#receive(ws, event.data);
    ws.onclose = (event) => this.#closed(ws, event);
    ws.onerror = () => {};
    await within(
      new Promise((resolve, reject) => {
        ws.addEventListener("open", resolve, { once: true });
        ws.addEventListener("close", () => reject(new Error("closed")), {
          once: true,
        });
      }),
      10_000,
      `${this.#name} to open`,
    ).catch(() => {
      if (ws.readyState === WebSocket.CONNECTING) ws.close(); // try another
    });
    if (hostile) this.#provoked.add(ws);
    if (ws.readyState === WebSocket.OPEN && withParams) {
      ws.send(
        hostile && rng.chance(0.3)
          ? rng.pick(["", "{", '{"method":"connectionParams"}', "PING"])
          : JSON.stringify({ method: "connectionParams", data: params }),
      );
    }
    return ws;
  }

  #closed(ws: WebSocket, event: CloseEvent): void {
    const key = String(event.code);
    this.report.closes[key] = (this.report.closes[key] ?? 0) + 1;
    // Deno drops the TCP connection when frames follow its close frame, so
    // a client that kept sending after a refusal may see no close code
    const abrupt = event.code === 0 || event.code === 1006;
    if (
      !DOCUMENTED_CLOSES.includes(event.code) &&
      !(abrupt && this.#provoked.has(ws))
    ) {
      this.report.violations.push(
        `${this.#name}: closed with undocumented code ${event.code} (${event.reason})`,
      );
    }
    if (this.#ws === ws) this.#ws = null;
    for (const [id, call] of this.#pending) {
      if (call.ws === ws) this.#pending.delete(id); // no answer is owed on a closed socket
    }
  }

  #receive(ws: WebSocket, data: unknown): void {
    this.report.received++;
    const problem = this.#check(this.#ids.get(ws) ?? new Set(), data);
    if (problem !== null) {
      this.report.violations.push(`${this.#name}: ${problem}`);
    }
  }

  /** Null when a frame from the server is a well-formed tRPC message, else why not. */
  #check(ids: Set<unknown>, data: unknown): string | null {
    if (typeof data !== "string") return "a binary frame from the server";
    if (data === "PING" || data === "PONG") return null;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(data);
    } catch {
      return `not JSON: ${data.slice(0, 200)}`;
    }
    if (
      typeof message !== "object" || message === null || Array.isArray(message)
    ) {
      return `not an object: ${data.slice(0, 200)}`;
    }
    const { id, jsonrpc, result, error, method } = message;
    if (method === "reconnect" && id === null) return null;
    if (id !== null && !ids.has(id)) {
      return `an id never sent: ${data.slice(0, 200)}`;
    }
    if (jsonrpc !== undefined && jsonrpc !== "2.0") return `jsonrpc ${jsonrpc}`;
    if ((result === undefined) === (error === undefined)) {
      return `neither or both of result and error: ${data.slice(0, 200)}`;
    }
    const frame = typeof id === "string"
      ? this.#pending.get(id)?.frame
      : undefined;
    const answer = this.#answer(id);
    if (result !== undefined) {
      const { type } = result as { type?: unknown };
      if (!["started", "stopped", "data"].includes(type as string)) {
        return `result type ${type}`;
      }
      const key = String(type);
      this.report.results[key] = (this.report.results[key] ?? 0) + 1;
      if (type === "data") {
        try {
          superjson.deserialize((result as { data: never }).data);
        } catch (cause) {
          return `data superjson cannot read (${cause}): ${data.slice(0, 200)}`;
        }
      }
      return answer;
    }
    let shape: {
      message?: unknown;
      code?: unknown;
      data?: { code?: unknown; httpStatus?: unknown };
    };
    try {
      shape = superjson.deserialize(error as never);
    } catch (cause) {
      return `error superjson cannot read (${cause}): ${data.slice(0, 200)}`;
    }
    const code = shape?.data?.code;
    if (
      typeof shape?.message !== "string" || typeof shape.code !== "number" ||
      typeof code !== "string" || !(code in TRPC_ERROR_CODES_BY_KEY) ||
      typeof shape.data?.httpStatus !== "number"
    ) {
      return `malformed error: ${data.slice(0, 300)}`;
    }
    this.report.errors[code] = (this.report.errors[code] ?? 0) + 1;
    if (code === "INTERNAL_SERVER_ERROR") {
      return `INTERNAL_SERVER_ERROR "${shape.message}" for ${
        frame ?? `id ${JSON.stringify(id)}`
      }`;
    }
    return answer;
  }

  /** Records the answer to a fresh-id call; a second one is a violation. */
  #answer(id: unknown): string | null {
    if (typeof id !== "string" || !id.startsWith(`${this.#name}-`)) return null;
    if (this.#pending.delete(id)) {
      this.#answered.add(id);
      return null;
    }
    return this.#answered.has(id) ? `a second answer to ${id}` : null;
  }
}
