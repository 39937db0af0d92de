/**
 * `tournament.create` through real sockets on each store: idempotent by key,
 * and refusing another spec under the same key, a non-admin and a schedule
 * that cannot be built.
 * @module
 */
import assert from "node:assert/strict";
import { connectClient, startTestServer } from "./_helpers.ts";
import { storeTest } from "./_redis.ts";
import { ADMIN, codeOf, LIMITS, spec } from "./_tournament_api.ts";

storeTest(
  "tournament.create is idempotent by key, refuses another spec under the same key (CONFLICT), a non-admin (FORBIDDEN) and a schedule that cannot be built (BAD_REQUEST)",
  async (store) => {
    await using server = await startTestServer({ ...LIMITS, ...store });
    await using admin = connectClient(server.wsUrl, {
      clientType: "ui",
      token: ADMIN,
    });
    await using guest = connectClient(server.wsUrl, { clientType: "ui" });
    const input = await spec();
    const first = await admin.trpc.tournament.create.mutate(input);
    assert.equal(first.created, true);
    assert.equal(first.tournament.total, 4);
    assert.deepEqual(first.tournament.games.map((g) => g.status), [
      "pending",
      "pending",
      "pending",
      "pending",
    ]);
    const again = await admin.trpc.tournament.create.mutate(input);
    assert.equal(again.created, false);
    assert.equal(again.tournament.tournamentId, first.tournament.tournamentId);
    assert.equal(
      await codeOf(admin.trpc.tournament.create.mutate({
        ...input,
        bootstrapSeed: 1,
      })),
      "CONFLICT",
    );
    assert.equal(
      await codeOf(guest.trpc.tournament.create.mutate({ ...input, key: "g" })),
      "FORBIDDEN",
    );
    assert.equal(
      await codeOf(admin.trpc.tournament.create.mutate({
        ...input,
        key: "one-agent",
        agents: ["house"],
      })),
      "BAD_REQUEST",
    );
    assert.equal(
      await codeOf(admin.trpc.tournament.create.mutate({
        ...input,
        key: "three-seers",
        settings: {
          ...input.settings,
          roles: { werewolf: 1, seer: 3, villager: 2 },
        },
      })),
      "BAD_REQUEST",
    );
    const list = await guest.trpc.tournament.list.query();
    assert.deepEqual(list.map((t) => t.tournamentId), [
      first.tournament.tournamentId,
    ]);
    // an unknown tournament is NOT_FOUND, its progress subscription too
    const unknown = { tournamentId: "t-000000000000" };
    assert.equal(
      await codeOf(guest.trpc.tournament.get.query(unknown)),
      "NOT_FOUND",
    );
    const refused = await new Promise<unknown>((resolve) => {
      guest.trpc.tournament.progress.subscribe(unknown, {
        onData: () => resolve(new Error("progress of an unknown tournament")),
        onError: resolve,
      });
    });
    assert.equal(await codeOf(Promise.reject(refused)), "NOT_FOUND");
  },
);
