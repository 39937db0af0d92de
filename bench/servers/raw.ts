/**
 * The practical limit: a bare `Deno.upgradeWebSocket` server that answers
 * the benchmark's calls on the tRPC wire format with no framework at all. It
 * parses each frame, echoes `echo`'s input, acknowledges `feed`, and on
 * `publish` serializes the event once and sends it to every subscriber with
 * no backpressure. Prints `{"port": N}` once listening on 127.0.0.1.
 * @module
 */

interface Subscriber {
  socket: WebSocket;
  id: string;
}

const subscribers = new Set<Subscriber>();

function onFrame(socket: WebSocket, text: string, subs: Subscriber[]): void {
  const message = JSON.parse(text);
  const id = JSON.stringify(message.id);
  const path = message.params?.path;
  if (message.method === "subscription" && path === "feed") {
    const subscriber = { socket, id };
    subscribers.add(subscriber);
    subs.push(subscriber);
    socket.send(`{"id":${id},"result":{"type":"started"}}`);
  } else if (path === "echo") {
    const data = JSON.stringify(message.params.input);
    socket.send(`{"id":${id},"result":{"type":"data","data":${data}}}`);
  } else if (path === "publish") {
    const event = message.params.input.json;
    const seq = JSON.stringify(String(event.seq));
    const body =
      `"result":{"type":"data","id":${seq},"data":{"json":{"id":${seq},"data":${
        JSON.stringify(event)
      }}}}}`;
    for (const subscriber of subscribers) {
      subscriber.socket.send(`{"id":${subscriber.id},${body}`);
    }
    socket.send(
      `{"id":${id},"result":{"type":"data","data":{"json":{"delivered":${subscribers.size}}}}}`,
    );
  }
}

Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  onListen: ({ port }) => console.log(JSON.stringify({ port })),
}, (req) => {
  const { socket, response } = Deno.upgradeWebSocket(req);
  const subs: Subscriber[] = [];
  socket.onmessage = (event) => onFrame(socket, event.data, subs);
  socket.onclose = () => {
    for (const subscriber of subs) subscribers.delete(subscriber);
  };
  socket.onerror = () => {};
  return response;
});

// a clean exit on SIGTERM, so `--cpu-prof` can write its profile
Deno.addSignalListener("SIGTERM", () => Deno.exit(0));
