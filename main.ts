/**
 * Starts the Loup-Garou server with the configuration from the environment
 * and the command line, and shuts it down gracefully on SIGINT or SIGTERM.
 * @module
 */
import {
  ConfigError,
  createLogger,
  readConfig,
  startServer,
} from "./src/server/mod.ts";

async function main(): Promise<void> {
  let config;
  let server;
  try {
    config = readConfig(Deno.env.toObject(), Deno.args);
    server = await startServer(config); // reads the TLS files
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`configuration error: ${error.message}`);
    Deno.exit(2);
  }
  const log = createLogger(console.log, { format: config.logFormat });
  const stop = (signal: string) => {
    log(
      "info",
      `${signal}: shutting down (grace ${config.shutdownGraceMs} ms)`,
      {
        signal,
      },
    );
    server.shutdown().then(() => {
      // Under `deno run --watch` (`deno task dev` sets LOUP_GAROU_WATCH),
      // Deno.exit ends only this run and the watcher waits for a change: end
      // the whole process, now that the server is down.
      if (Deno.env.get("LOUP_GAROU_WATCH") === "1") {
        Deno.kill(Deno.pid, "SIGKILL");
      }
      Deno.exit(0);
    });
  };
  Deno.addSignalListener("SIGINT", () => stop("SIGINT"));
  Deno.addSignalListener("SIGTERM", () => stop("SIGTERM"));
}

if (import.meta.main) await main();
