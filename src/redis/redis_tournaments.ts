/**
 * The tournaments on the instances' Redis: the same tables as SQLite's
 * (see `tournamentKeys` in `_keys.ts`), each write one Lua script, so any
 * instance registers, plays and reads any tournament.
 * @module
 */
import type { TournamentEvent, TournamentSlot } from "../contract/mod.ts";
import {
  pendingSlot,
  type StoredTournament,
  TournamentSeqTaken,
  type TournamentStore,
} from "../game/mod.ts";
import type { clientOf } from "./_client.ts";
import { tournamentKeys } from "./_keys.ts";
import { CREATE_TOURNAMENT, SAVE_SLOT } from "./_tournament_scripts.ts";

type Client = ReturnType<typeof clientOf>;

/** Runs a script by SHA (see `RedisGameStore`). */
export type ScriptRunner = (
  script: string,
  keys: string[],
  args: string[],
) => Promise<unknown>;

/** The {@linkcode TournamentStore} of the games' Redis. */
export class RedisTournamentStore implements TournamentStore {
  #client: Client;
  #prefix: string;
  #script: ScriptRunner;

  /** `prefix`: of every key, the game store's. */
  constructor(
    client: Client,
    options: { prefix: string; script: ScriptRunner },
  ) {
    this.#client = client;
    this.#prefix = options.prefix;
    this.#script = options.script;
  }

  /** Registers it and its pending slots in one script, unless the key is taken. */
  async createTournament(t: StoredTournament): Promise<StoredTournament> {
    const k = this.#keys(t.tournamentId);
    const slots = Array.from(
      { length: t.spec.schedule.games },
      (_, i) => JSON.stringify(pendingSlot(i)),
    );
    const holder = String(
      await this.#script(
        CREATE_TOURNAMENT,
        [k.byKey, k.order, k.counter, k.row, k.slots],
        [
          t.tournamentId,
          t.spec.key,
          JSON.stringify(t.spec),
          String(t.createdAt),
          JSON.stringify(slots),
        ],
      ),
    );
    if (holder === t.tournamentId) return structuredClone(t);
    const known = await this.tournament(holder);
    if (known === null) throw new Error(`Tournament ${holder} has no row.`);
    return known;
  }

  /** The tournament of `key`, or null. */
  async tournamentByKey(key: string): Promise<StoredTournament | null> {
    const id = await this.#client.hGet(this.#keys("").byKey, key);
    return typeof id === "string" ? await this.tournament(id) : null;
  }

  /** The tournament, or null. */
  async tournament(tournamentId: string): Promise<StoredTournament | null> {
    const [spec, createdAt] = await this.#client.hmGet(
      this.#keys(tournamentId).row,
      ["spec", "created_at"],
    );
    if (typeof spec !== "string") return null;
    return {
      tournamentId,
      spec: JSON.parse(spec),
      createdAt: Number(createdAt),
    };
  }

  /** Every tournament, oldest first. */
  async tournaments(): Promise<StoredTournament[]> {
    const ids = await this.#client.zRange(this.#keys("").order, 0, -1);
    const all = await Promise.all(ids.map((id) => this.tournament(id)));
    return all.filter((t) => t !== null);
  }

  /** Its slots, by index. */
  async slots(tournamentId: string): Promise<TournamentSlot[]> {
    const bodies = await this.#client.hGetAll(this.#keys(tournamentId).slots);
    return Object.entries(bodies)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, body]) => JSON.parse(body as string) as TournamentSlot);
  }

  /** Writes a slot and its event in one script (refused if the seq is taken). */
  async saveSlot(
    tournamentId: string,
    slot: TournamentSlot,
    event: TournamentEvent,
  ): Promise<void> {
    const k = this.#keys(tournamentId);
    try {
      await this.#script(SAVE_SLOT, [k.slots, k.events], [
        String(slot.index),
        JSON.stringify(slot),
        String(event.seq),
        JSON.stringify(event),
      ]);
    } catch (error) {
      if (String(error).includes("SEQTAKEN")) {
        throw new TournamentSeqTaken(tournamentId, event.seq);
      }
      throw error;
    }
  }

  /** Its progress events after `afterSeq`, in order. */
  async tournamentEvents(
    tournamentId: string,
    afterSeq: number,
  ): Promise<TournamentEvent[]> {
    const entries = await this.#client.xRange(
      this.#keys(tournamentId).events,
      `${afterSeq + 1}-0`,
      "+",
    );
    return (entries ?? []).map((entry) =>
      JSON.parse(entry.message["e"] as string) as TournamentEvent
    );
  }

  #keys(tournamentId: string): ReturnType<typeof tournamentKeys> {
    return tournamentKeys(this.#prefix, tournamentId);
  }
}
