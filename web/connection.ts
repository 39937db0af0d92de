/// <reference lib="dom" />
/**
 * The page's one connection to the server: the typed tRPC client over a
 * WebSocket (`wsLink` with superjson, the `AppRouter` type), its state for
 * the status line, and the token kept in `sessionStorage`.
 * @module
 */
import {
  createTRPCClient,
  createWSClient,
  type TRPCClient,
  wsLink,
} from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";

/** The typed client. */
export type Api = TRPCClient<AppRouter>;

/** What the status line says about the socket. */
export type LinkState = "connecting" | "open" | "reconnecting" | "closed";

/** A live connection; `close()` ends it. */
export interface Connection {
  /** The typed client. */
  api: Api;
  /** The token it was opened with (null: the public view). */
  token: string | null;
  /** Ends the socket; the client is no longer usable. */
  close(): Promise<void>;
}

const TOKEN_KEY = "loup-garou.token";

/** The token typed into this tab (null: none). */
export function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: the token lasts until the page closes
  }
}

/** Keeps `token` for this tab (null forgets it). */
export function saveToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // storage disabled: nothing to keep
  }
}

/** The server's tRPC WebSocket URL, from the page's own address. */
export function socketUrl(location: Location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/trpc`;
}

/** Close code of a connection the server refused (e.g. a wrong token). */
const REFUSED = 4004;

/**
 * Opens the connection as an `observer` client asking for the god view
 * (`view: "god"`: development mode gives it, a server with `ADMIN_TOKEN`
 * ignores it), with `token` as `connectionParams.token` when given. `onState` hears every change of the
 * socket's state; `onRefused` is called when the server refuses the
 * connection (close code 4004: the token is not valid).
 */
export function openConnection(
  options: {
    url: string;
    token: string | null;
    onState: (state: LinkState) => void;
    onRefused: () => void;
  },
): Connection {
  const ws = createWSClient({
    url: options.url,
    connectionParams: () => ({
      clientType: "observer",
      // development mode grants it to the page; elsewhere it takes a token
      view: "god",
      ...(options.token === null ? {} : { token: options.token }),
    }),
    retryDelayMs: (attempt) => Math.min(250 * 2 ** attempt, 5000),
    onClose: (cause) => {
      if (cause?.code === REFUSED) options.onRefused();
    },
  });
  const subscription = ws.connectionState.subscribe({
    next: ({ state, error }) => {
      options.onState(
        state === "pending"
          ? "open"
          : state === "idle"
          ? "closed"
          : error === null
          ? "connecting"
          : "reconnecting",
      );
    },
  });
  const api = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  return {
    api,
    token: options.token,
    close: async () => {
      subscription.unsubscribe();
      await ws.close();
    },
  };
}
