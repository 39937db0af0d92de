import assert from "node:assert/strict";
import {
  llmStrategy,
  openModel,
  renderPrompt,
  runAgent,
  type Strategy,
  type TurnContext,
} from "../agents/mod.ts";
import {
  startModelStub,
  type StubRequest,
} from "../agents/testing/model_stub.ts";
import { scriptedReply } from "../bench/_arena_script.ts";
import type { GameEvent } from "../src/mod.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";

const ADMIN = "facts-admin";
const NAMES = [
  "Alice",
  "Bruno",
  "Chloe",
  "David",
  "Elsa",
  "Farid",
  "Gina",
  "Hugo",
];

/** One turn an agent answered: its view and the prompt the model received. */
interface Sent {
  context: TurnContext;
  request: StubRequest;
}

/**
 * Plays one 8-player game (default settings, `seed`) with compact-prompt
 * LLM agents on the stub scripted per seat (bench/_arena_script.ts), and
 * pairs each turn's context with the request its answer made.
 */
async function playGame(seed: number): Promise<Sent[]> {
  await using server = startTestServer({ adminToken: ADMIN });
  await using stub = startModelStub({ reply: scriptedReply(seed) });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 8,
    seed,
  });
  const client = openModel({ baseUrl: stub.baseUrl, apiKey: "test" });
  const contexts = new Map<string, TurnContext[]>();
  const agents: Promise<unknown>[] = [];
  for (const [index, name] of NAMES.entries()) {
    const inner = llmStrategy({
      client,
      model: "stub",
      mode: "json_schema",
      record: "compact",
      seed: index + 1,
    });
    const strategy: Strategy = {
      answer(context) {
        contexts.set(context.me, [...contexts.get(context.me) ?? [], context]);
        return inner.answer(context);
      },
      fallback: inner.fallback,
    };
    const joined = Promise.withResolvers<void>();
    const agent = runAgent({
      url: server.wsUrl,
      gameId,
      name,
      strategy,
      seed: index + 1,
      onAck: ({ path }) => path === "lobby.join" && joined.resolve(),
    });
    agents.push(agent);
    await Promise.race([joined.promise, agent]); // seats in name order
  }
  await within(Promise.all(agents), 60_000, `game of seed ${seed}`);
  const sent: Sent[] = [];
  for (const [seat, list] of contexts) {
    const requests = stub.requests.filter((request) =>
      request.messages[0]?.content.includes(`\nYou are ${seat}, named `)
    );
    assert.equal(requests.length, list.length, `one request per turn ${seat}`);
    list.forEach((context, i) => sent.push({ context, request: requests[i]! }));
  }
  return sent;
}

/**
 * Every fact of `events` (seat `me`'s view), as the line the prompt must
 * hold: deaths with their roles, votes and vote results, the seat's own
 * powers, its private results (seer, witch) and its role and teammates.
 */
function factsOf(events: readonly GameEvent[], me: string): string[] {
  const facts: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case "role_assigned":
        if (event.player_id !== me) break;
        facts.push(`Your role: ${event.role}.`);
        if (event.teammates.length > 0) {
          facts.push(`Your fellow werewolves: ${event.teammates.join(", ")}.`);
        }
        break;
      case "player_died":
        facts.push(
          `${event.player_id} died (${event.cause}); role: ${event.role}`,
        );
        break;
      case "player_action": {
        const who = event.player_id === me ? `${me} (you)` : event.player_id;
        const late = event.timed_out ? " (deadline passed)" : "";
        if (event.action === "vote") {
          facts.push(`${who} voted ${event.target ?? "to abstain"}${late}`);
        } else if (event.action !== "pass") {
          const on = event.target ? ` on ${event.target}` : "";
          facts.push(`${who} used ${event.action}${on}${late}`);
        }
        break;
      }
      case "vote_result": {
        const tally = Object.entries(event.tally).map(([id, n]) => `${id} ${n}`)
          .join(", ") || "no votes";
        facts.push(
          `vote of day ${event.day}: ${tally}; ${event.abstentions} abstained; eliminated: ${
            event.eliminated ?? "nobody"
          }`,
        );
        break;
      }
      case "seer_result": {
        const not = event.is_werewolf ? "" : "not ";
        facts.push(
          `you inspected ${event.target}: ${
            event.is_werewolf ? "a werewolf" : "not a werewolf"
          }`,
          `Private result: ${event.target} is ${not}a werewolf.`,
        );
        break;
      }
      case "witch_info":
        facts.push(
          `the werewolves' victim tonight: ${
            event.victim ?? "nobody"
          }; healing potion ${
            event.heal_available ? "available" : "used"
          }; poison ${event.poison_available ? "available" : "used"}`,
        );
        break;
    }
  }
  return facts;
}

/** How many times each line occurs in `lines`. */
function counts(lines: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of lines) map.set(line, (map.get(line) ?? 0) + 1);
  return map;
}

/** The day of the last phase line of a view. */
function dayOf(events: readonly GameEvent[]): number {
  return events.findLast((event) => event.type === "phase_update")?.day ?? 0;
}

Deno.test("compact prompts of whole games hold every fact of the seat's view so far (deaths with roles, votes and vote results, private results, teammates), each as often as it happened, and are smaller than the full log from day 2 on", async () => {
  let checked = 0;
  let late = 0;
  const kinds = new Set<string>();
  for (const seed of [1000, 1001, 1002]) {
    const sent = await playGame(seed);
    assert.ok(sent.length > 20, `seed ${seed}: ${sent.length} turns`);
    for (const { context, request } of sent) {
      const [system, user] = request.messages.map((m) => m.content);
      const lines = counts(`${system}\n${user}`.split("\n"));
      for (const [fact, times] of counts(factsOf(context.events, context.me))) {
        assert.ok(
          (lines.get(fact) ?? 0) >= times,
          `seed ${seed}, ${context.me}'s ${context.turn.request} turn ${context.turn.seq}: "${fact}" ${times}x, in the prompt ${
            lines.get(fact) ?? 0
          }x`,
        );
        kinds.add(fact.replace(/p\d+/g, "p").split(/[:;(]/)[0]!);
        checked++;
      }
      if (dayOf(context.events) < 2) continue;
      const full = renderPrompt(context, {
        now: context.turn.at,
        record: "full",
      })
        .map((message) => message.content).join("\n");
      const compact = `${system}\n${user}`;
      assert.ok(
        compact.length < full.length,
        `seed ${seed}, ${context.me} turn ${context.turn.seq}: compact ${compact.length} chars, full ${full.length}`,
      );
      late++;
    }
  }
  assert.ok(checked > 1000, `${checked} facts checked`);
  assert.ok(late > 20, `${late} prompts of day 2 or later`);
  for (
    const kind of [
      "p died ",
      "p voted p",
      "vote of day 1",
      "you inspected p",
      "the werewolves' victim tonight",
      "Your fellow werewolves",
    ]
  ) {
    assert.ok(
      [...kinds].some((seen) => seen.startsWith(kind)),
      `the games had a fact of the kind "${kind}"`,
    );
  }
});
