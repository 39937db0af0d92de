import assert from "node:assert/strict";
import { runBot } from "../agents/mod.ts";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";

const ADMIN = "admin-secret";

Deno.test("examples/client.ts connects as ui, pings, and prints hub events", async () => {
  await using server = await startTestServer();
  const output = await within(
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net",
        "examples/client.ts",
        server.wsUrl,
        "--count",
        "1",
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output(),
    30_000,
    "the example to finish",
  );
  const stdout = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  assert.match(
    stdout,
    /connected to ws:\/\/127\.0\.0\.1:\d+\/trpc; server time \d{4}-/,
  );
  assert.match(
    stdout,
    /\] connection from ui-[0-9a-f]{8} \{"message_type":"connection"/,
  );
});

Deno.test("examples/first_agent.ts (the README's first agent) plays a whole game among four scripted bots and exits 0", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 3,
    actionTimeoutMs: 3000,
  });
  const agent = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "examples/first_agent.ts",
      server.wsUrl,
      gameId,
      "Newcomer",
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  await waitFor(
    () => server.server.games.room(gameId).state.players.length === 1,
    "the first agent to sit",
  );
  const bots = ["Ana", "Bo", "Cy", "Di"].map((name, index) =>
    runBot({ url: server.wsUrl, gameId, name, seed: index + 1 })
  );
  const [output] = await within(
    Promise.all([agent, Promise.all(bots)]),
    60_000,
    "the game to end",
  );
  const stdout = new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  assert.match(stdout, /^Newcomer sits as p1 in g-/);
  assert.match(stdout, /role: [a-z]+/);
  assert.match(stdout, /game over: the (village|werewolves) win\n$/);
  assert.doesNotMatch(stdout, /refused:/, "every move it sent was legal");
  const transcript = await admin.trpc.game.transcript.query({ gameId });
  const asked =
    transcript.events.filter((event) =>
      event.type === "your_turn" && event.player_id === "p1"
    ).length;
  const answered =
    transcript.events.filter((event) =>
      (event.type === "player_action" && event.player_id === "p1" &&
        event.default === undefined) ||
      (event.type === "agent_message" && event.agent_id === "p1")
    ).length;
  assert.equal(answered > 0, asked > 0, `asked ${asked}, answered ${answered}`);
});
