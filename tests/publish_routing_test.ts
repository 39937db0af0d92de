/**
 * `hub.publish` on real sockets: routing by target_type, exclude_client,
 * to_client and the agents' default, and what a caller may not publish.
 * @module
 */
import assert from "node:assert/strict";
import type { PublishableMessage, PublishInput } from "../src/mod.ts";
import { connectClient, startTestServer, waitFor, within } from "./_helpers.ts";
import { type HubEvent, listen, rejection } from "./_presence.ts";

/** A minimal valid `game_state` in `phase`. */
function gameState(phase: string): PublishableMessage {
  return {
    message_type: "game_state",
    phase,
    players: [],
    current_turn: 0,
    alive_count: 0,
    dead_count: 0,
  };
}

/** What a message is about, for routing checks; null for presence. */
function label(event: HubEvent): string | null {
  const { data } = event;
  if (data.message_type === "game_state") return `state:${data.phase}`;
  if (data.message_type === "agent_message") return `say:${data.message_text}`;
  return null;
}

Deno.test("hub.publish routes by target_type, exclude_client, to_client and the agents' default", async () => {
  await using server = await startTestServer({ adminToken: "s3cret" });
  const clients = {
    admin: connectClient(server.wsUrl, {
      clientId: "admin",
      clientType: "ui",
      token: "s3cret",
    }),
    agent1: connectClient(server.wsUrl, {
      clientId: "agent1",
      clientType: "agent",
    }),
    agent2: connectClient(server.wsUrl, {
      clientId: "agent2",
      clientType: "agent",
    }),
    ui1: connectClient(server.wsUrl, { clientId: "ui1", clientType: "ui" }),
    obs1: connectClient(server.wsUrl, {
      clientId: "obs1",
      clientType: "observer",
    }),
  };
  const names = Object.keys(clients) as (keyof typeof clients)[];
  const events = Object.fromEntries(
    names.map((name) => [name, listen(clients[name])]),
  ) as Record<keyof typeof clients, ReturnType<typeof listen>>;
  try {
    await Promise.all(names.map((name) => events[name].until(1)));
    const { admin, agent1 } = clients;
    const state = (phase: string, route: Omit<PublishInput, "message"> = {}) =>
      admin.trpc.hub.publish.mutate({
        message: gameState(phase),
        ...route,
      });

    assert.equal((await state("m1", { target_type: "agent" })).delivered, 2);
    assert.equal((await state("m2", { exclude_client: "ui1" })).delivered, 4);
    assert.equal((await state("m3", { to_client: "agent2" })).delivered, 1);
    assert.equal((await state("m4")).delivered, 5);
    const talk = await agent1.trpc.hub.publish.mutate({
      message: {
        message_type: "agent_message",
        message_text: "talk",
      },
    });
    assert.equal(talk.delivered, 3);
    // Mailboxes are FIFO: once everyone has the fence, routing is done.
    assert.equal((await state("fence")).delivered, 5);
    await within(
      Promise.all(names.map((name) =>
        waitFor(
          () => events[name].items.some((e) => label(e) === "state:fence"),
          `${name} to get the fence`,
        )
      )),
      6000,
      "the fence",
    );

    const got = Object.fromEntries(
      names.map((name) => [
        name,
        events[name].items.map(label).filter((l) => l !== null),
      ]),
    );
    assert.deepEqual(got, {
      admin: ["state:m2", "state:m4", "say:talk", "state:fence"],
      agent1: ["state:m1", "state:m2", "state:m4", "state:fence"],
      agent2: ["state:m1", "state:m2", "state:m3", "state:m4", "state:fence"],
      ui1: ["state:m4", "say:talk", "state:fence"],
      obs1: ["state:m2", "state:m4", "say:talk", "state:fence"],
    });
    const said = events.ui1.items.find((e) => label(e) === "say:talk");
    assert.ok(said?.data.message_type === "agent_message");
    assert.equal(said.data.client_id, "agent1");
    assert.equal(said.data.agent_name, "agent1"); // no seat: its client id
    assert.equal(said.id, talk.eventId);
  } finally {
    for (const name of names) events[name][Symbol.dispose]();
    await Promise.all(names.map((name) => clients[name].ws.close()));
  }
});

Deno.test("hub.publish refuses what a caller may not publish", async () => {
  await using server = await startTestServer({ adminToken: "s3cret" });
  await using agent = connectClient(server.wsUrl, {
    clientId: "agent1",
    clientType: "agent",
  });
  await using observer = connectClient(server.wsUrl, {
    clientId: "obs1",
    clientType: "observer",
  });
  const say = {
    message_type: "agent_message",
    message_text: "hello",
  } as const;

  const adminOnly = await rejection(agent.trpc.hub.publish.mutate({
    message: gameState("night"),
  }));
  assert.equal(adminOnly.data?.code, "FORBIDDEN");
  assert.match(adminOnly.message, /game_state needs the admin token/);

  const targeted = await rejection(agent.trpc.hub.publish.mutate({
    message: say,
    target_type: "ui",
  }));
  assert.equal(targeted.data?.code, "FORBIDDEN");
  assert.match(targeted.message, /needs the admin token/);

  const readOnly = await rejection(
    observer.trpc.hub.publish.mutate({ message: say }),
  );
  assert.equal(readOnly.data?.code, "FORBIDDEN");
  assert.match(readOnly.message, /read-only/);

  const impostor = await rejection(agent.trpc.hub.publish.mutate({
    message: { ...say, client_id: "agent2" },
  }));
  assert.equal(impostor.data?.code, "FORBIDDEN");
  assert.match(impostor.message, /only as yourself/);
  assert.match(impostor.message, /agent2/);

  const invalid = await rejection(agent.trpc.hub.publish.mutate({
    message: { ...say, message_text: 42 as unknown as string },
  }));
  assert.equal(invalid.data?.code, "BAD_REQUEST");
  assert.match(invalid.message, /message\.message_text/);

  // The agent may still publish what it is allowed to.
  const ok = await agent.trpc.hub.publish.mutate({ message: say });
  assert.equal(typeof ok.eventId, "string");
});
