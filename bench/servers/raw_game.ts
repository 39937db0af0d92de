/**
 * The floor of a game's transport: a bare `Deno.upgradeWebSocket` server
 * that carries a game's frames with no framework, no rules and no store
 * (`bench/game_floor.ts` drives it). A seat connects to
 * `/?game=G&seat=S` and sends a `connectionParams` frame, which seats it
 * (answered by a subscription's `started`, as our server answers the
 * seat's `game.events`), then actions: `{"id":N,"method":"mutation","params":{"input":
 * {"json":{"private":[seats...]}}}}`. For each action the server answers the
 * sender, then sends one public event to every seat of the game and one
 * private event to each seat listed, every event on the tRPC wire format
 * and numbered in its seat's own sequence (the event's JSON written once,
 * each seat's `seq` spliced in). Prints `{"port": N}` once listening on
 * 127.0.0.1.
 * @module
 */

/** A game's open seats, by seat number, each with its own event count. */
type Room = Map<number, { socket: WebSocket; seq: number }>;

const rooms = new Map<string, Room>();
/** About the size of a game's public event (an `agent_message`). */
const SPEECH = "I saw nothing last night, but the vote of the seat " +
  "across from me was strange, and I would like to hear why.";

function deliver(
  seat: { socket: WebSocket; seq: number },
  body: string,
): void {
  const id = JSON.stringify(String(++seat.seq));
  seat.socket.send(
    `{"id":1,"result":{"type":"data","id":${id},"data":{"json":{"id":${id},"data":{"seq":${seat.seq},${body}}}}}}`,
  );
}

function onFrame(
  room: Room,
  from: { seat: number; socket: WebSocket },
  text: string,
): void {
  const message = JSON.parse(text);
  if (message.method === "connectionParams") {
    room.set(from.seat, { socket: from.socket, seq: 0 });
    from.socket.send('{"id":1,"result":{"type":"started"}}');
    return;
  }
  from.socket.send(
    `{"id":${
      JSON.stringify(message.id)
    },"result":{"type":"data","data":{"json":{"ok":true}}}}`,
  );
  const at = Date.now();
  const speech = JSON.stringify({
    type: "agent_message",
    at,
    player_id: `p${from.seat + 1}`,
    text: SPEECH,
  }).slice(1, -1);
  for (const other of room.values()) deliver(other, speech);
  const privates: unknown = message.params?.input?.json?.private;
  if (!Array.isArray(privates)) return;
  for (const to of privates) {
    const target = room.get(Number(to));
    if (target === undefined) continue;
    const turn = JSON.stringify({
      type: "your_turn",
      at,
      action: "vote",
      deadline: at + 30_000,
      candidates: ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"],
    }).slice(1, -1);
    deliver(target, turn);
  }
}

/** Serves the floor on 127.0.0.1 (port 0: a free one); `onListen` is told the port. */
export function serveRawGame(
  options: { port?: number; onListen?: (port: number) => void } = {},
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({
    hostname: "127.0.0.1",
    port: options.port ?? 0,
    onListen: ({ port }) => options.onListen?.(port),
  }, (req) => {
    const query = new URL(req.url).searchParams;
    const game = query.get("game") ?? "";
    const { socket, response } = Deno.upgradeWebSocket(req);
    let room = rooms.get(game);
    if (room === undefined) rooms.set(game, room = new Map());
    const joined = room;
    const from = { seat: Number(query.get("seat")), socket };
    socket.onmessage = (event) => onFrame(joined, from, event.data);
    socket.onclose = () => {
      if (joined.get(from.seat)?.socket === socket) joined.delete(from.seat);
      if (joined.size === 0) rooms.delete(game);
    };
    socket.onerror = () => {};
    return response;
  });
}

if (import.meta.main) {
  serveRawGame({ onListen: (port) => console.log(JSON.stringify({ port })) });
  // a clean exit on SIGTERM, so `--cpu-prof` can write its profile
  Deno.addSignalListener("SIGTERM", () => Deno.exit(0));
}
