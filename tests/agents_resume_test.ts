import assert from "node:assert/strict";
import { runBot, runLlmAgent } from "../agents/mod.ts";
import { startModelStub } from "../agents/testing/model_stub.ts";
import { connectClient, startTestServer, within } from "./_helpers.ts";

const ADMIN = "admin-secret";

Deno.test("runLlmAgent with seatToken plays the seat lobby.join gave, without joining again, to the end of the game", async () => {
  await using server = await startTestServer({ adminToken: ADMIN });
  await using stub = startModelStub();
  await using admin = connectClient(server.wsUrl, {
    clientType: "ui",
    token: ADMIN,
  });
  const { gameId } = await admin.trpc.lobby.createGame.mutate({
    players: 5,
    seed: 11,
    actionTimeoutMs: 3000,
    discussionRounds: 1,
  });
  const seat = await (async () => {
    await using first = connectClient(server.wsUrl, { clientType: "agent" });
    return await first.trpc.lobby.join.mutate({ gameId, name: "Resumed" });
  })();
  let turns = 0;
  const [agent, ...bots] = await within(
    Promise.all([
      runLlmAgent({
        url: server.wsUrl,
        gameId,
        name: "ignored",
        seatToken: seat.seatToken,
        model: "stub",
        mode: "json_schema",
        access: { baseUrl: stub.baseUrl },
        onTurn: () => void turns++,
      }),
      ...["Bea", "Cid", "Dan", "Eve"].map((name, i) =>
        runBot({ url: server.wsUrl, gameId, name, seed: i + 2 })
      ),
    ]),
    60_000,
    "the game ends",
  );
  assert.equal(agent!.playerId, seat.playerId);
  assert.equal(agent!.seatToken, seat.seatToken);
  assert.ok(turns > 0);
  assert.ok(bots.every((bot) => bot.winner === agent!.winner));
  const view = await admin.trpc.game.state.query({ gameId });
  assert.equal(view.players.length, 5);
  assert.equal(view.players.filter((p) => p.name === "ignored").length, 0);
});
