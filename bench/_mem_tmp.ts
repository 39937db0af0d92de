const which = Deno.args[0];
const { upgradeTRPCWebSocket } = await import("../src/transport/mod.ts");
const { initTRPC, tracked } = await import("@trpc/server");
const superjson = (await import("superjson")).default;
const { z } = await import("zod");
const { createBenchRouter } = await import("./bench_router.js");
const router = createBenchRouter({ initTRPC, tracked, z, superjson });
const opts = { router };
const show = (label: string) => { const m = Deno.memoryUsage(); console.error(label, JSON.stringify({rss: m.rss>>20, heapTotal: m.heapTotal>>20, heapUsed: m.heapUsed>>20, external: m.external>>20})); };
Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(JSON.stringify({ port })) }, (req) => {
  if (which === "raw") { const { socket, response } = Deno.upgradeWebSocket(req); socket.onmessage = (e) => { const m = JSON.parse(e.data); socket.send(`{"id":${m.id},"result":{"type":"started"}}`); }; return response; }
  return upgradeTRPCWebSocket(req, opts);
});
show("start");
setInterval(() => show("now"), 3000);
Deno.addSignalListener("SIGTERM", () => Deno.exit(0));
