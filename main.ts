/**
 * Starts the Loup-Garou server with the configuration from the environment
 * and the command line, and shuts it down gracefully on SIGINT or SIGTERM.
 * @module
 */
import { ConfigError, readConfig, startServer } from "./src/transport/mod.ts";

function main(): void {
  let config;
  let server;
  try {
    config = readConfig(Deno.env.toObject(), Deno.args);
    server = startServer(config); // reads the TLS files
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`configuration error: ${error.message}`);
    Deno.exit(2);
  }
  const stop = (signal: string) => {
    console.log(
      `${signal}: shutting down (grace ${config.shutdownGraceMs} ms)`,
    );
    server.shutdown().then(() => Deno.exit(0));
  };
  Deno.addSignalListener("SIGINT", () => stop("SIGINT"));
  Deno.addSignalListener("SIGTERM", () => stop("SIGTERM"));
}

if (import.meta.main) main();
