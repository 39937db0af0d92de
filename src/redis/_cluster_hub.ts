/**
 * The hub across the instances on one Redis: the `hub` stream of the
 * messages each instance routed and of its clients' presence changes, and
 * the instances' heartbeats for `/stats`, `/health` and the metrics.
 * @module
 */
import type {
  ClusterGames,
  HubMessage,
  InstanceStat,
  TournamentEvent,
} from "../contract/mod.ts";
import type { HubBus, PresenceChange } from "../game/mod.ts";
import { ClusterPresence } from "./_cluster_presence.ts";
import { heartbeatKeys, hubKey, STATUSES } from "./_keys.ts";
import type { StreamTail } from "./_tail.ts";

/** A hub message's route (the hub's `Route`, through the game port). */
type Route = Parameters<HubBus["publish"]>[1];

/** What {@linkcode ClusterHub} needs of the cluster. */
export interface ClusterHubOptions {
  client: { sendCommand(args: string[]): Promise<unknown> };
  tail: StreamTail;
  prefix: string;
  instanceId: string;
  /** Where the `hub` stream ended when the cluster opened. */
  from: string;
  /** How long a heartbeat lasts, in ms (a lease). */
  leaseMs: number;
  /** Adds `body` to a stream, capped (`XADD MAXLEN ~`). */
  xadd: (key: string, body: string) => Promise<unknown>;
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * The hub bus: a message this instance routed is added to the `hub`
 * stream (`MAXLEN ~ 10000`) with this instance's id; every other
 * instance's one XREAD reads it and routes it to its own clients.
 */
export class ClusterHub implements HubBus {
  #o: ClusterHubOptions;
  #count: (() => Omit<InstanceStat, "instance_id">) | null = null;
  #presence: ClusterPresence;
  #onTournament: ((id: string, event: TournamentEvent) => void) | null = null;

  constructor(options: ClusterHubOptions) {
    this.#o = options;
    this.#presence = new ClusterPresence(
      (args) => options.client.sendCommand(args),
      options,
    );
  }

  publish(message: HubMessage, route: Route): void {
    const body = JSON.stringify({ from: this.#o.instanceId, message, route });
    void this.#o.xadd(hubKey(this.#o.prefix), body).catch((error) =>
      this.#o.onError?.(error)
    );
  }

  listen(onMessage: (message: HubMessage, route: Route) => void): void {
    this.#o.tail.add(hubKey(this.#o.prefix), this.#o.from, (entries) => {
      for (const entry of entries) {
        const body = JSON.parse(entry.fields["r"] ?? "null") as {
          from: string;
          message?: HubMessage;
          route?: Route;
          presence?: PresenceChange;
          tournament?: { id: string; event: TournamentEvent };
        } | null;
        if (body === null || body.from === this.#o.instanceId) continue;
        if (body.tournament !== undefined) {
          const { id, event } = body.tournament;
          this.#onTournament?.(id, event);
        } else if (body.presence !== undefined) {
          this.#presence.heard(body.from, body.presence);
        } else if (body.message !== undefined && body.route !== undefined) {
          onMessage(body.message, body.route);
        }
      }
    }, false);
  }

  /**
   * Writes the change to this instance's presence hash, then adds it to
   * the `hub` stream (in that order: whoever reads the hash after hearing
   * a disconnection does not find the client there).
   */
  sharePresence(change: PresenceChange): void {
    const body = JSON.stringify({ from: this.#o.instanceId, presence: change });
    void this.#presence.write(change)
      .then(() => this.#o.xadd(hubKey(this.#o.prefix), body))
      .catch((error) => this.#o.onError?.(error));
  }

  shareTournament(tournamentId: string, event: TournamentEvent): void {
    const body = JSON.stringify({
      from: this.#o.instanceId,
      tournament: { id: tournamentId, event },
    });
    void this.#o.xadd(hubKey(this.#o.prefix), body)
      .catch((error) => this.#o.onError?.(error));
  }

  listenTournaments(
    onEvent: (tournamentId: string, event: TournamentEvent) => void,
  ): void {
    this.#onTournament = onEvent;
  }

  listenPresence(
    onChange: (change: PresenceChange, before: boolean) => void,
  ): void {
    void this.instances()
      .then((live) =>
        this.#presence.listen(onChange, live.map((i) => i.instance_id))
      )
      .catch((error) => this.#o.onError?.(error));
  }

  heartbeat(count: () => Omit<InstanceStat, "instance_id">): void {
    this.#count = count;
    void this.beat().catch((error) => this.#o.onError?.(error));
  }

  /**
   * Writes this instance's heartbeat (its clients) and renews its presence,
   * for a lease's time; then tells the clients of the instances whose
   * heartbeat expired as gone.
   */
  async beat(): Promise<void> {
    const count = this.#count;
    if (count === null) return;
    const { client, prefix, instanceId } = this.#o;
    const { beat, index } = heartbeatKeys(prefix, instanceId);
    const body = JSON.stringify({ instance_id: instanceId, ...count() });
    const ms = String(this.#o.leaseMs);
    await client.sendCommand(["SET", beat, body, "PX", ms]);
    await client.sendCommand(["ZADD", index, String(Date.now()), instanceId]);
    await this.#presence.renew();
    const live = await this.instances();
    this.#presence.sweep(live.map((i) => i.instance_id));
  }

  /** The live instances and the games by status (ZCARD of each index). */
  async census(): Promise<{ instances: InstanceStat[]; games: ClusterGames }> {
    const { client, prefix } = this.#o;
    const [instances, ...counts] = await Promise.all([
      this.instances(),
      ...STATUSES.map((status) =>
        client.sendCommand(["ZCARD", `${prefix}games:${status}`])
      ),
    ]);
    const [waiting, running, ended] = counts.map(Number) as [
      number,
      number,
      number,
    ];
    return { instances, games: { waiting, running, ended } };
  }

  /** The instances whose heartbeat has not expired; forgets the others. */
  async instances(): Promise<InstanceStat[]> {
    const { client, prefix, instanceId } = this.#o;
    const index = heartbeatKeys(prefix, instanceId).index;
    const ids = await client.sendCommand(["ZRANGE", index, "0", "-1"]);
    const all = (ids as unknown[]).map(String);
    if (all.length === 0) return [];
    const beats = await client.sendCommand([
      "MGET",
      ...all.map((id) => heartbeatKeys(prefix, id).beat),
    ]) as (string | null)[];
    const gone = all.filter((_, i) => beats[i] === null);
    if (gone.length > 0) await client.sendCommand(["ZREM", index, ...gone]);
    return beats.flatMap((text) =>
      text === null ? [] : [JSON.parse(text) as InstanceStat]
    );
  }
}
