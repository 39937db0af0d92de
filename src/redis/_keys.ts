/**
 * The names of the Redis keys of the game store, all under one prefix.
 * Per game (`{gameId}` is a cluster hash tag): `row` (hash: summary,
 * status, created_at, updated_at, n = creation order, on = outcome
 * counter), `events` (stream, entry id `<seq>-0`), `outcomes` (sorted set
 * of keys by write order) and `outcome` (hash key -> body), `seats` (set
 * of the game's seat-token hashes), `lease` (`<instance>/<token>`, PX) and
 * `fence` (the fencing counter). Global: `games` (sorted set by creation
 * order), `games:n` (its counter), one sorted set per status, `seats`
 * (hash token hash -> seat). Per instance (see `redis_cluster.ts`):
 * `inbox:{instance}` (stream of the commands forwarded to it),
 * `replies:{instance}` (stream of the owners' answers to its forwarded
 * commands), `wake:{instance}` (stream that wakes its blocked XREAD),
 * `instance:{instance}` (its heartbeat: its clients, `PX` one lease),
 * `presence:{instance}` (its clients' `connection` messages, `PX` one
 * lease), and
 * `hub` (stream of the hub messages every instance routed) and `instances`
 * (sorted set of the instances' ids by last heartbeat, epoch ms).
 * Tournaments (see {@linkcode tournamentKeys}): `tournaments` (sorted set
 * by creation order), `tournaments:n` (its counter), `tournament-keys`
 * (hash key -> id), and per tournament `tournament:{id}` (hash: spec,
 * created_at), `:slots` (hash index -> slot) and `:events` (stream, entry
 * id `<seq>-0`).
 * @module
 */

/** The statuses of a game's row, each with its own index. */
export const STATUSES = ["waiting", "running", "ended"] as const;

/** The global keys, in the order the commit script takes them. */
export function globalKeys(prefix: string): string[] {
  return [
    `${prefix}games`,
    `${prefix}games:n`,
    ...STATUSES.map((status) => `${prefix}games:${status}`),
    `${prefix}seats`,
  ];
}

/** One game's keys, in the order the scripts take them. */
export function gameKeys(prefix: string, gameId: string): string[] {
  const base = `${prefix}game:{${gameId}}`;
  return [
    base,
    `${base}:events`,
    `${base}:outcomes`,
    `${base}:outcome`,
    `${base}:seats`,
    `${base}:lease`,
    `${base}:fence`,
  ];
}

/** The stream entry id of the event of sequence number `seq`. */
export function entryId(seq: number): string {
  return `${seq}-0`;
}

/**
 * The heartbeat key of an instance, the index of every instance, and the
 * instance's presence (hash client id -> its `connection` message, `PX`
 * one lease like the heartbeat).
 */
export function heartbeatKeys(
  prefix: string,
  instanceId: string,
): { beat: string; index: string; presence: string } {
  return {
    beat: `${prefix}instance:{${instanceId}}`,
    index: `${prefix}instances`,
    presence: `${prefix}presence:{${instanceId}}`,
  };
}

/** The stream of the hub messages shared by every instance. */
export function hubKey(prefix: string): string {
  return `${prefix}hub`;
}

/** The streams of one instance: its inbox, its replies and its wake-up. */
export function instanceKeys(
  prefix: string,
  instanceId: string,
): { inbox: string; replies: string; wake: string } {
  return {
    inbox: `${prefix}inbox:{${instanceId}}`,
    replies: `${prefix}replies:{${instanceId}}`,
    wake: `${prefix}wake:{${instanceId}}`,
  };
}

/** The instance a lease's value (`<instance>/<token>`) names. */
export function leaseHolder(value: string): string {
  const slash = value.lastIndexOf("/");
  return slash < 0 ? value : value.slice(0, slash);
}

/** The tournaments' keys, and those of tournament `tournamentId`. */
export function tournamentKeys(
  prefix: string,
  tournamentId: string,
): {
  byKey: string;
  order: string;
  counter: string;
  row: string;
  slots: string;
  events: string;
} {
  const base = `${prefix}tournament:{${tournamentId}}`;
  return {
    byKey: `${prefix}tournament-keys`,
    order: `${prefix}tournaments`,
    counter: `${prefix}tournaments:n`,
    row: base,
    slots: `${base}:slots`,
    events: `${base}:events`,
  };
}
