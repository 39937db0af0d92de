/**
 * A client for tests/tls_test.ts, run as its own process so Deno's
 * `--cert` flag can make it trust the test's self-signed certificate:
 * connects to the `wss://` URL given as the first argument with the official
 * `createWSClient` + `wsLink`, calls `system.ping`, prints
 * `{"ok":true,"serverTime":"..."}` or `{"ok":false,"error":"..."}` and exits.
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";

async function main(url: string): Promise<boolean> {
  let opened = false;
  const ws = createWSClient({
    url,
    connectionParams: { clientType: "agent", clientId: "tls-agent" },
    retryDelayMs: () => 100,
    onOpen: () => (opened = true),
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [wsLink({ client: ws, transformer: superjson })],
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const { serverTime } = await Promise.race([
      trpc.system.ping.query(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer in 5 s (opened: ${opened})`)),
          5000,
        );
      }),
    ]);
    console.log(JSON.stringify({ ok: serverTime instanceof Date, serverTime }));
    return true;
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: String(error) }));
    return false;
  } finally {
    clearTimeout(timer);
    await ws.close();
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args[0] ?? "") ? 0 : 1);
}
