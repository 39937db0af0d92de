/**
 * The cells of the authorization matrix: the refusals with what their
 * sentences must say, and builders for the rows of game actions and hub
 * publishing.
 * @module
 */
import type { GameEvent, HubMessage, PublishInput } from "../src/mod.ts";
import { waitFor } from "./_helpers.ts";
import {
  cells,
  type Check,
  type Expect,
  ok,
  type Refusal,
  refuse,
  type Row,
} from "./_auth_matrix.ts";
import type { Caller, World } from "./_auth_world.ts";

/** A ui, observer, spectator or admin client playing: they watch, they do not play. */
export const WATCHER: Refusal = refuse(
  "FORBIDDEN",
  /clients watch games but do not play: connect as an agent with a seat token/,
);
/** An agent acting in a game where it holds no seat. */
export const NO_SEAT: Refusal = refuse(
  "UNAUTHORIZED",
  /no seat in g-\w+: join it with lobby\.join, or connect with your seat token/,
);
/** A dead player speaking or voting. */
export const DEAD: Refusal = refuse(
  "FORBIDDEN",
  /is dead: the dead neither speak, vote nor act/,
);
/** A living player speaking out of turn. */
export const NOT_TURN: Refusal = refuse(
  "PRECONDITION_FAILED",
  /not your turn to speak: .*speak on your own speaking turn/,
);
/** Someone else than the werewolf using its power. */
export const NOT_WOLF: Refusal = refuse(
  "FORBIDDEN",
  /is not the werewolf: only the werewolf may wolf_kill/,
);
/** A bid in a game whose turn policy is not bidding. */
export const NO_BIDDING: Refusal = refuse(
  "PRECONDITION_FAILED",
  /^this game does not bid for speaking turns: its turn policy is round_robin$/,
);
/** An observer publishing. */
export const OBSERVER_RO: Refusal = refuse(
  "FORBIDDEN",
  /Observers are read-only.*Connect as an agent or ui client to publish/,
);
/** The spectator token publishing or taking a seat. */
export const SPECTATOR_RO: Refusal = refuse(
  "FORBIDDEN",
  /SPECTATOR_TOKEN is read-only: a spectator watches every game but may not .*Connect without it/,
);
/** Choosing recipients without the admin token. */
export const ADMIN_ROUTE: Refusal = refuse(
  "FORBIDDEN",
  /Choosing recipients .* needs the admin token; leave them out/,
);
/** Publishing an admin message type without the admin token. */
export const ADMIN_TYPE: Refusal = refuse(
  "FORBIDDEN",
  /Publishing phase_update needs the admin token.*you may publish agent_message and player_action/,
);
/** Publishing under another client id. */
export const NOT_YOU: Refusal = refuse(
  "FORBIDDEN",
  /publish only as yourself: .*Leave client_id out/,
);
/** Creating a game without the admin token. */
export const ADMIN_CREATE: Refusal = refuse(
  "FORBIDDEN",
  /Creating a game needs the admin token/,
);
/** Deleting a game without the admin token. */
export const ADMIN_DELETE: Refusal = refuse(
  "FORBIDDEN",
  /Deleting a game needs the admin token/,
);
/** A non-agent taking a seat. */
export const AGENTS_ONLY: Refusal = refuse(
  "FORBIDDEN",
  /Only agents take seats: you are a \w+ client/,
);
/** Starting a game early without the admin token. */
export const ADMIN_START: Refusal = refuse(
  "FORBIDDEN",
  /Only an admin .*may start a game .*starts when the last seat fills/,
);

/** A game action's cells: the live agent as given, the rest refused by who they are. */
export function playing(
  live: Expect,
  overrides: Partial<Record<Caller["name"], Expect>> = {},
): Record<Caller["name"], Expect> {
  return cells(WATCHER, {
    otherSeat: NO_SEAT,
    noSeat: NO_SEAT,
    deadAgent: DEAD,
    liveAgent: live,
    ...overrides,
  });
}

/** Game A's id as an input. */
export function gameA(world: World): { gameId: string } {
  return { gameId: world.gameA };
}

/** The caller's player id in game A, if it has a seat there. */
function playerOf(caller: Caller): string {
  return caller.viewer.kind === "player" ? caller.viewer.player_id : "(none)";
}

/** The problems as one line, or null when there are none. */
export function problems(list: string[]): string | null {
  return list.length === 0 ? null : list.join("; ");
}

/**
 * An allowed action: the log has it, by the caller's seat, at or before the
 * answer (whose seq is the caller's own: mapped to the log's).
 */
export function logged(
  matches: (event: GameEvent, playerId: string) => boolean,
): Check {
  return (answer, caller, world) => {
    const upTo = world.room.globalSeq(caller.viewer, answer.seq) ?? 0;
    return world.room.log.some((e) =>
        e.seq <= upTo && matches(e, playerOf(caller))
      )
      ? null
      : `no matching event up to #${answer.seq} (global #${upTo})`;
  };
}

/** A publish row: the message carries a marker the listener must receive from `sender`. */
export function publishRow(
  name: string,
  input: (marker: string) => PublishInput,
  cellsFor: (arrives: Expect) => Record<Caller["name"], Expect>,
  sender: (caller: Caller) => string = (caller) => caller.clientId,
): Row {
  // plain words: a protocol name such as agent_message is removed as speech
  const markerOf = (caller: Caller) =>
    `${name.replaceAll("_", " ")} from ${caller.name}`;
  const arrives: Check = async (answer, caller, world) => {
    const seen = (m: HubMessage) =>
      ("message_text" in m && m.message_text === markerOf(caller)) ||
      ("description" in m && m.description === markerOf(caller));
    try {
      await waitFor(
        () => world.listener.got.items.some((m) => seen(m.data)),
        name,
      );
    } catch {
      return "the listener never got the message";
    }
    const got = world.listener.got.items.find((m) => seen(m.data))!.data;
    if (got.client_id !== sender(caller)) {
      return `sent as ${got.client_id}, not ${sender(caller)}`;
    }
    return answer.delivered >= 1 ? null : `delivered ${answer.delivered}`;
  };
  return {
    name,
    call: (caller) =>
      caller.client.trpc.hub.publish.mutate(input(markerOf(caller))),
    cells: cellsFor(ok(arrives)),
  };
}

/** An agent_message carrying `marker`. */
export function talk(marker: string): {
  message_type: "agent_message";
  message_text: string;
} {
  return {
    message_type: "agent_message",
    message_text: marker,
  };
}

/** A publish row's cells: the admin's message arrives, the others get `refusal`. */
export function adminOnly(
  refusal: Refusal,
): (arrives: Expect) => Record<Caller["name"], Expect> {
  return (arrives) =>
    cells(refusal, {
      admin: arrives,
      observer: OBSERVER_RO,
      spectator: SPECTATOR_RO,
    });
}
