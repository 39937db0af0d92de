import assert from "node:assert/strict";
import net from "node:net";
import {
  attachSocket,
  upgradedOnSocket,
  upgradeWebSocket,
} from "../src/ws/mod.ts";
import { within } from "./_helpers.ts";

/** A connected pair: the server's `node:net` socket and the client's. */
async function socketPair(): Promise<
  { server: net.Server; accepted: net.Socket; client: Deno.TcpConn }
> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const accepted = new Promise<net.Socket>((resolve) =>
    server.once("connection", resolve)
  );
  const client = await Deno.connect({ hostname: "127.0.0.1", port });
  return { server, accepted: await accepted, client };
}

const upgradeRequest = () =>
  new Request("http://127.0.0.1/trpc", {
    headers: {
      upgrade: "websocket",
      connection: "Upgrade",
      "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      "sec-websocket-version": "13",
    },
  });

Deno.test("upgradeWebSocket() upgrades the attached socket: Deno writes the 101 on it and the WebSocket opens", async () => {
  const { server, accepted, client } = await socketPair();
  const request = upgradeRequest();
  attachSocket(request, accepted, new Uint8Array());
  const { socket, response } = upgradeWebSocket(request, { idleTimeout: 0 });
  assert.equal(response.status, 101);
  assert.equal(upgradedOnSocket(request), true);
  const opened = new Promise((resolve) => socket.onopen = resolve);
  const answer = new Uint8Array(512);
  const read = await client.read(answer);
  assert.match(
    new TextDecoder().decode(answer.subarray(0, read ?? 0)),
    /^HTTP\/1\.1 101 Switching Protocols\r\n[^]*sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=\r\n/,
  );
  await opened;
  const closed = new Promise((resolve) => socket.onclose = resolve);
  client.close();
  await closed;
  server.close();
  assert.equal(upgradedOnSocket(upgradeRequest()), false, "only that request");
});

Deno.test("upgradeWebSocket() on a socket gone before the 101 is written ends in a close event (1006), not an error alone", async () => {
  const { server, accepted, client } = await socketPair();
  const request = upgradeRequest();
  attachSocket(request, accepted, new Uint8Array());
  const { socket } = upgradeWebSocket(request, { idleTimeout: 0 });
  const closed = new Promise<CloseEvent>((resolve) =>
    socket.addEventListener("close", resolve)
  );
  accepted.destroy(); // the write of the 101 fails
  const event = await within(closed, 5000, "the close event");
  assert.equal(event.code, 1006);
  assert.equal(socket.readyState, WebSocket.CONNECTING, "it never opened");
  client.close();
  server.close();
});
