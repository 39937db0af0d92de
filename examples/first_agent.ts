/**
 * Your first agent, in one file: it takes a seat, follows the game's events
 * and answers every turn the game gives it (speech, vote, night powers) with
 * a random legal choice. Copy it and put your own logic in `answer`. The
 * server's refusals are sentences that say what is allowed; the default of a
 * turn left unanswered applies at its deadline.
 *
 * ```sh
 * deno run --allow-net examples/first_agent.ts ws://localhost:8000/trpc GAME_ID [NAME]
 * ```
 * @module
 */
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter, GameEventOf } from "../src/mod.ts";

if (Deno.args.length < 2) {
  console.error("usage: first_agent.ts WS_URL GAME_ID [NAME]");
  Deno.exit(2);
}
const [url, gameId, name = "FirstAgent"] = Deno.args as [
  string,
  string,
  string?,
];

const ws = createWSClient({ url, connectionParams: { clientType: "agent" } });
const trpc = createTRPCClient<AppRouter>({
  links: [wsLink({ client: ws, transformer: superjson })],
});

/** A random element of `options`, or undefined when there is none. */
function pick<T>(options: readonly T[]): T | undefined {
  return options[Math.floor(Math.random() * options.length)];
}

/** Answers one turn: `turn.request` says what is asked, `turn.options` among whom. */
async function answer(turn: GameEventOf<"your_turn">): Promise<void> {
  const target = pick(turn.options);
  switch (turn.request) {
    case "speak":
      await trpc.game.say.mutate({ gameId, text: `${name} is listening.` });
      return;
    case "vote": // null abstains
      await trpc.game.vote.mutate({ gameId, target: target ?? null });
      return;
    case "witch": // keep both potions
      await trpc.game.act.mutate({ gameId, action: { kind: "witch_pass" } });
      return;
    case "wolf_kill":
    case "seer_inspect":
    case "guard_protect":
    case "hunter_shoot":
      await trpc.game.act.mutate({
        gameId,
        action: { kind: turn.request, ...(target ? { target } : {}) },
      });
      return;
    default: // a request this agent does not know: its default applies
      console.log(`not answering ${turn.request}`);
  }
}

const { playerId } = await trpc.lobby.join.mutate({ gameId, name });
console.log(`${name} sits as ${playerId} in ${gameId}`);
await new Promise<void>((resolve, reject) => {
  const subscription = trpc.game.events.subscribe({ gameId }, {
    onData: ({ data: event }) => {
      if (event.type === "role_assigned") console.log(`role: ${event.role}`);
      if (event.type === "your_turn" && event.player_id === playerId) {
        answer(event).catch((error) =>
          console.log(`refused: ${error.message}`)
        );
      }
      if (event.type === "game_over") {
        console.log(`game over: the ${event.winner} win`);
        subscription.unsubscribe();
        resolve();
      }
    },
    onError: reject,
  });
});
await ws.close();
