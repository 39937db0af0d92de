/**
 * One client of the lobby scenario (`lobby.ts`): the socket the web page
 * opens, as an `observer` with `connectionParams`, its `system.whoami` and
 * `system.ping`, and per side the lobby's list (polled, and refetched after
 * a phase or a table) and `hub.events`, or one game's `game.events`;
 * counting what it received.
 * @module
 */
import superjson from "superjson";

/** What the page opens: the lobby's list, or one game. */
export type LobbySide = "lobby" | "spectator";

/** The page's lobby page size (`LOBBY_PAGE_SIZE` of web/model.ts) plus one. */
const LIST_LIMIT = 21;

function call(
  id: number,
  method: "query" | "subscription",
  opts: { path: string; input?: unknown },
): string {
  const input = superjson.serialize(opts.input);
  return JSON.stringify({ id, method, params: { path: opts.path, input } });
}

/** The hub messages on which the page's lobby refetches its list. */
const PHASE_OR_TABLE = [
  '"message_type":"phase_update"',
  '"message_type":"game_state"',
];

const PARAMS = JSON.stringify({
  method: "connectionParams",
  data: { clientType: "observer", view: "god" },
});

/** One page's socket: what it sent, what it got. */
export class Page {
  frames = 0;
  chars = 0;
  /** Answers and first subscription data still awaited, by request id. */
  #waiting: Set<number>;
  #settle: (error?: Error) => void;
  #nextId = 10;
  #poll: ReturnType<typeof setInterval> | undefined;
  #soon: ReturnType<typeof setTimeout> | undefined;
  #list: () => void = () => {};
  closed = false;
  socket: WebSocket;

  constructor(
    url: string,
    opts: {
      side: LobbySide;
      gameId: string;
      pollMs: number;
      /** Whether `hub.events` takes the client type's default presence. */
      presence: boolean;
      /** Called once connected, or with why not. */
      settle: (error?: Error) => void;
    },
  ) {
    this.#settle = opts.settle;
    const socket = new WebSocket(`${url}?connectionParams=1`);
    this.socket = socket;
    const sends = [
      PARAMS,
      call(1, "query", { path: "system.whoami" }),
      call(2, "query", { path: "system.ping" }),
      ...(opts.side === "lobby"
        ? [
          call(3, "query", {
            path: "lobby.listGames",
            input: { limit: LIST_LIMIT, offset: 0 },
          }),
          call(4, "subscription", {
            path: "hub.events",
            input: opts.presence ? {} : { presence: false },
          }),
        ]
        : [
          call(3, "subscription", {
            path: "game.events",
            input: { gameId: opts.gameId },
          }),
        ]),
    ];
    this.#waiting = new Set(opts.side === "lobby" ? [1, 2, 3, 4] : [1, 2, 3]);
    if (opts.side === "lobby") {
      this.#list = () =>
        socket.send(call(this.#nextId++, "query", {
          path: "lobby.listGames",
          input: { limit: LIST_LIMIT, offset: 0 },
        }));
    }
    socket.onopen = () => {
      for (const text of sends) socket.send(text);
      if (opts.side === "lobby" && opts.pollMs > 0) {
        this.#poll = setInterval(this.#list, opts.pollMs);
      }
    };
    socket.onmessage = ({ data }) => {
      if (data === "PING") return socket.send("PONG"); // as tRPC's client does
      this.frames++;
      this.chars += data.length;
      if (this.#waiting.size > 0) this.#read(data);
      // as the page: a phase or a table refetches the list, 200 ms later
      else if (PHASE_OR_TABLE.some((type) => data.includes(type))) {
        this.#soon ??= setTimeout(() => {
          this.#soon = undefined;
          this.#list();
        }, 200);
      }
    };
    socket.onclose = () => {
      this.closed = true;
      this.stop();
      this.#settle(new Error("closed before it connected"));
    };
  }

  #read(data: string): void {
    const frame = JSON.parse(data) as {
      id?: number;
      result?: { type?: string };
      error?: unknown;
    };
    if (frame.error !== undefined) {
      return this.#settle(new Error(`refused: ${data.slice(0, 300)}`));
    }
    if (frame.result?.type === "started") return; // its first data follows
    if (frame.id !== undefined && this.#waiting.delete(frame.id)) {
      if (this.#waiting.size === 0) this.#settle();
    }
  }

  /** Stops the poll. */
  stop(): void {
    clearInterval(this.#poll);
    clearTimeout(this.#soon);
    this.#list = () => {};
  }
}
