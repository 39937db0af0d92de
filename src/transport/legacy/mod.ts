/**
 * The original plain-JSON protocol at `/ws/{client_id}`, beside tRPC: the
 * handler (routing, access guard, upgrade) and the socket session.
 * @module
 */
export * from "./legacy_handler.ts";
export * from "./legacy_session.ts";
