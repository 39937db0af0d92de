/**
 * The original quick-start, typed: connect as a `ui` client, ping the
 * server, then print every hub event until interrupted (or `--count N`
 * events). Run the server first (`deno task dev`), then:
 *
 * ```sh
 * deno run --allow-net examples/client.ts [ws://localhost:8000/trpc] [--count N]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/mod.ts";

const args = [...Deno.args];
const countAt = args.indexOf("--count");
const limit = countAt === -1 ? Infinity : Number(args.splice(countAt, 2)[1]);
const url = args[0] ?? "ws://localhost:8000/trpc";

const wsClient = createWSClient({
  url,
  connectionParams: {
    clientId: `ui-${crypto.randomUUID().slice(0, 8)}`,
    clientType: "ui",
  },
});
const client = createTRPCClient<AppRouter>({
  links: [wsLink({ client: wsClient, transformer: superjson })],
});

const { serverTime } = await client.system.ping.query();
console.log(`connected to ${url}; server time ${serverTime.toISOString()}`);

let seen = 0;
await new Promise<void>((resolve) => {
  const subscription = client.hub.events.subscribe(undefined, {
    onData({ id, data }) {
      console.log(
        `[${id}] ${data.message_type} from ${data.client_id}`,
        JSON.stringify(data),
      );
      if (++seen >= limit) {
        subscription.unsubscribe();
        resolve();
      }
    },
    onError(error) {
      console.error(`hub.events failed: ${error.message}`);
      resolve();
    },
  });
  Deno.addSignalListener("SIGINT", () => {
    subscription.unsubscribe();
    resolve();
  });
});
await wsClient.close();
