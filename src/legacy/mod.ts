/**
 * The original plain-JSON protocol at `/ws/{client_id}`, beside tRPC, in one
 * folder: the handler (routing, access guard, upgrade) and the socket
 * session on the adapter's socket core (`src/ws/`), and the client that
 * reads each message, runs it through the router with the client's own
 * context and shapes the answers, errors and streams as the original
 * server's messages.
 * @module
 */
export * from "./cursor.ts";
export * from "./legacy_client.ts";
export * from "./legacy_handler.ts";
export * from "./legacy_session.ts";
export * from "./messages.ts";
export * from "./parse.ts";
