import { TRPCError } from "@trpc/server";
import {
  CLIENT_TYPES,
  type ClientType,
  ConnectionParamsSchema,
} from "../contract/mod.ts";
import type { GameService, TournamentService } from "../game/mod.ts";
import {
  ClientIdTaken,
  type Connection,
  type ConnectionHandle,
  type Hub,
} from "../hub/mod.ts";
import { safeEqual } from "./_auth.ts";
import { describeIssues, issuesOf } from "./_issues.ts";
import type { OperatorDesk } from "./operator.ts";

/** What the API needs from the server: the hub and the secrets. */
export interface ApiDeps {
  /** The connection hub. */
  hub: Hub;
  /** The games. */
  games: GameService;
  /** The tournaments. */
  tournaments: TournamentService;
  /** `ADMIN_TOKEN`; unset means the open development mode. */
  adminToken?: string | undefined;
  /** `SPECTATOR_TOKEN`: the god view, read-only. */
  spectatorToken?: string | undefined;
  /** The operator's view of the server (`admin.*`); absent: NOT_IMPLEMENTED. */
  operator?: OperatorDesk | undefined;
}

/** A WebSocket as the API sees it: closable, and telling when it closes. */
export interface SocketHooks extends ConnectionHandle {
  /** Calls `listener` once when the socket has closed. */
  onClose(listener: (info: { code: number; reason: string }) => void): void;
}

/** What a transport knows about a caller when it makes a context. */
export interface ContextRequest {
  /** The HTTP request (for WebSockets, the upgrade request). */
  req: Request;
  /**
   * The request's URL, when the transport has it without making `req` (a
   * WebSocket's upgrade: its `req` is made on first read). Default `req.url`.
   */
  url?: string | undefined;
  /** Reads a header (lower-case name) without making `req`; default `req.headers`. */
  header?: ((name: string) => string | null) | undefined;
  /** tRPC `connectionParams`, if the client sent any. */
  connectionParams?: Record<string, string | undefined> | null | undefined;
  /** The socket, for WebSocket connections: the hub registers it. */
  socket?: SocketHooks | undefined;
  /** The peer's address, when the transport knows it. */
  remoteAddress?: string | undefined;
}

/** The context of every procedure. */
export interface AppContext {
  /** The connection hub. */
  hub: Hub;
  /** Who the caller says it is (the id may be absent over HTTP). */
  who: { client_id: string | undefined; client_type: ClientType };
  /** The caller's hub connection (WebSocket callers only). */
  connection: Connection | null;
  /** Whether the caller may act as an admin (the token, or dev mode). */
  isAdmin: boolean;
  /** Whether `ADMIN_TOKEN` is unset. */
  devMode: boolean;
  /**
   * Whether the caller has the god view: the admin or spectator token, or
   * in development mode a ui or observer client that asked (`view: "god"`).
   */
  isGod: boolean;
  /** The games. */
  games: GameService;
  /** The tournaments. */
  tournaments: TournamentService;
  /** The caller's seats: game id → player id (from a seat token or a join on this socket). */
  seats: Map<string, string>;
  /**
   * The credential the caller proved (`seat:<game>/<player>`, `admin` or
   * `spectator`), or undefined: an authenticated client's id is its own.
   */
  owner: string | undefined;
  /** The operator's view of the server, when the server gives one. */
  operator: OperatorDesk | null;
  /** The games whose events this caller follows now (`game.events`): game id → streams. */
  watching: Map<string, number>;
}

/**
 * Makes the function that turns a transport's request into an
 * {@linkcode AppContext}. Over a WebSocket it registers the connection in
 * the hub and unregisters it when the socket closes. It throws a
 * TRPCError for an unknown client type, a malformed id or a wrong token.
 */
export function createContextFactory(
  deps: ApiDeps,
): (request: ContextRequest) => AppContext | Promise<AppContext> {
  const devMode = deps.adminToken === undefined || deps.adminToken === "";
  const tokenOf = async (token: string): Promise<Credential> => {
    const seat = await deps.games.seatOf(token);
    if (seat !== null) return { seat, isAdmin: devMode, isGod: false };
    if (!devMode && safeEqual(token, deps.adminToken as string)) {
      return { seat: null, isAdmin: true, isGod: true };
    }
    if (deps.spectatorToken && safeEqual(token, deps.spectatorToken)) {
      return { seat: null, isAdmin: devMode, isGod: true };
    }
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message:
        "The token is not valid: send a seat token from lobby.join, the ADMIN_TOKEN or the SPECTATOR_TOKEN, or no token to connect without privileges.",
    });
  };
  const none: Credential = { seat: null, isAdmin: devMode, isGod: false };
  // without a token, made at once: no promise for the adapter to await
  return (request) => {
    const params = readParams(request);
    const token = params.token ?? bearerToken(request);
    if (token === undefined) {
      return contextOf(deps, { request, params, credential: none });
    }
    return tokenOf(token).then((credential) =>
      contextOf(deps, { request, params, credential })
    );
  };
}

/** What a caller's token proved: a seat, the admin's or the spectator's rights. */
interface Credential {
  seat: { gameId: string; playerId: string } | null;
  isAdmin: boolean;
  isGod: boolean;
}

/** The context of a caller whose token proved `credential`; registers its socket. */
function contextOf(
  deps: ApiDeps,
  opts: {
    request: ContextRequest;
    params: ReturnType<typeof readParams>;
    credential: Credential;
  },
): AppContext {
  const { request, params, credential } = opts;
  const devMode = deps.adminToken === undefined || deps.adminToken === "";
  const { isAdmin } = credential;
  let { isGod } = credential;
  const seats = new Map<string, string>();
  if (credential.seat !== null) {
    seats.set(credential.seat.gameId, credential.seat.playerId);
  }
  const clientType = params.clientType ?? (seats.size > 0 ? "agent" : "ui");
  const [seat] = seats;
  const owner = seat !== undefined
    ? `seat:${seat[0]}/${seat[1]}`
    : isAdmin && !devMode
    ? "admin"
    : isGod
    ? "spectator"
    : undefined;
  // development mode: a ui or observer client that asks (the page) gets the
  // god view; never an agent, a seat, or anyone once ADMIN_TOKEN is set
  if (
    devMode && params.view === "god" && seats.size === 0 &&
    clientType !== "agent"
  ) isGod = true;
  const who = {
    client_id: params.clientId,
    client_type: clientType,
  };
  const ctx: AppContext = {
    hub: deps.hub,
    games: deps.games,
    tournaments: deps.tournaments,
    who,
    connection: null,
    isAdmin,
    isGod,
    devMode,
    seats,
    owner,
    operator: deps.operator ?? null,
    watching: new Map(),
  };
  const { socket } = request;
  if (socket !== undefined) {
    const registered = connectCaller(ctx, socket);
    ctx.connection = registered;
    who.client_id = registered.identity.client_id;
    socket.onClose(({ code, reason }) => {
      deps.hub.disconnect(
        registered,
        reason === "" ? `closed (code ${code})` : `${reason} (code ${code})`,
      );
    });
  }
  return ctx;
}

/**
 * Registers the caller in the hub under its client id, with the
 * credential it proved as the id's owner (an authenticated admin may
 * take any id over): a WebSocket at connect, an SSE `hub.events` stream
 * when it starts. An id held by another credential is a CONFLICT.
 */
export function connectCaller(
  ctx: Pick<AppContext, "hub" | "who" | "owner" | "isAdmin" | "devMode">,
  handle: ConnectionHandle,
): Connection {
  try {
    return ctx.hub.connect(ctx.who, handle, {
      owner: ctx.owner,
      force: ctx.isAdmin && !ctx.devMode,
    });
  } catch (error) {
    if (!(error instanceof ClientIdTaken)) throw error;
    throw new TRPCError({ code: "CONFLICT", message: error.message });
  }
}

function readParams(request: ContextRequest) {
  const href = request.url ?? request.req.url;
  // no query string (the common case): no URL to parse
  const query = href.includes("?") ? new URL(href).searchParams : null;
  const raw = {
    clientId: request.connectionParams?.["clientId"] ??
      query?.get("client_id") ?? undefined,
    clientType: request.connectionParams?.["clientType"] ??
      query?.get("client_type") ?? undefined,
    token: request.connectionParams?.["token"] ?? undefined,
    view: request.connectionParams?.["view"] ?? query?.get("view") ??
      undefined,
  };
  if (
    raw.clientType !== undefined &&
    !(CLIENT_TYPES as readonly string[]).includes(raw.clientType)
  ) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Unknown client type ${
        JSON.stringify(raw.clientType)
      }: the allowed types are ${CLIENT_TYPES.join(", ")}.`,
    });
  }
  const parsed = ConnectionParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error) ?? [];
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `${
        describeIssues(issues)
      } (in connectionParams or the query string)`,
    });
  }
  return parsed.data;
}

function bearerToken(request: ContextRequest): string | undefined {
  const header = request.header === undefined
    ? request.req.headers.get("authorization")
    : request.header("authorization");
  const match = header === null ? null : /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim();
}
