import assert from "node:assert/strict";
import { type RegisteredSocket, SocketSet } from "../src/ws/socket_set.ts";

/** A registered socket whose close handshake ends when `settle()` is called. */
function fakeSocket(log: string[], name: string) {
  const { promise, resolve } = Promise.withResolvers<void>();
  const socket: RegisteredSocket = {
    notifyReconnect: () => log.push(`${name}: reconnect`),
    close: (code) => log.push(`${name}: close ${code}`),
    settled: promise,
  };
  return { socket, settle: resolve };
}

Deno.test("SocketSet.closeAll() waits for a socket closed before it until its handshake ends", async () => {
  const log: string[] = [];
  const sockets = new SocketSet();
  const cut = fakeSocket(log, "cut");
  const open = fakeSocket(log, "open");
  sockets.add(cut.socket);
  sockets.add(open.socket);
  sockets.delete(cut.socket); // the server cut it off (4003): handshake pending
  assert.equal(sockets.size, 1);
  assert.equal(sockets.closing, 1);
  let done = false;
  const closing = sockets.closeAll(1012, "restart", 5000).then(() =>
    done = true
  );
  assert.deepEqual(log, ["open: close 1012"]); // the cut one is not closed twice
  open.settle();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(
    done,
    false,
    "closeAll() returned before the cut socket settled",
  );
  cut.settle();
  await closing;
  assert.equal(sockets.closing, 0);
});

Deno.test("SocketSet.closeAll() gives up on a handshake after waitMs", async () => {
  const sockets = new SocketSet();
  const stuck = fakeSocket([], "stuck");
  sockets.add(stuck.socket);
  sockets.delete(stuck.socket);
  await sockets.closeAll(1012, "restart", 10);
  assert.equal(sockets.closing, 1);
  stuck.settle();
  await stuck.socket.settled;
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(sockets.closing, 0);
});

Deno.test("SocketSet.delete() of a socket it does not hold tracks nothing", () => {
  const sockets = new SocketSet();
  sockets.delete(fakeSocket([], "never").socket);
  assert.equal(sockets.closing, 0);
  assert.equal(sockets.size, 0);
});
