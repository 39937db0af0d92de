/**
 * The original JSON protocol (`/ws/{client_id}`) over the typed API: reads
 * a client's messages, runs them through the router with the client's own
 * context, and shapes the answers, errors and streams as the original
 * server's messages. No I/O: the transport owns the socket.
 * @module
 */
export * from "./cursor.ts";
export * from "./legacy_client.ts";
export * from "./messages.ts";
export * from "./parse.ts";
