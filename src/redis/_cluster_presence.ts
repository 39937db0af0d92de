/**
 * Presence across the instances: each instance's clients in its
 * `presence:{instance}` hash (`PX` one lease, renewed by its heartbeat),
 * each change also on the `hub` stream; what this instance knows of the
 * others' clients, and their disconnection once an instance is gone.
 * @module
 */
import type { MessageOf } from "../contract/mod.ts";
import type { PresenceChange } from "../game/mod.ts";
import { heartbeatKeys } from "./_keys.ts";

type Connected = MessageOf<"connection">;
type Send = (args: string[]) => Promise<unknown>;

/** The other instances' clients as this instance heard of them. */
export class ClusterPresence {
  #send: Send;
  #prefix: string;
  #instanceId: string;
  #leaseMs: number;
  /** Per other instance: its clients by id. */
  #remote = new Map<string, Map<string, Connected>>();
  #onChange: ((change: PresenceChange, before: boolean) => void) | null = null;

  /** `leaseMs`: how long the presence hash lasts unless renewed. */
  constructor(
    send: Send,
    options: { prefix: string; instanceId: string; leaseMs: number },
  ) {
    this.#send = send;
    this.#prefix = options.prefix;
    this.#instanceId = options.instanceId;
    this.#leaseMs = options.leaseMs;
  }

  /** Writes a change of this instance's client to its presence hash. */
  async write(change: PresenceChange): Promise<void> {
    const { presence } = heartbeatKeys(this.#prefix, this.#instanceId);
    if (change.message_type === "connection") {
      await this.#send([
        "HSET",
        presence,
        change.client_id,
        JSON.stringify(change),
      ]);
      await this.#send(["PEXPIRE", presence, String(this.#leaseMs)]);
    } else await this.#send(["HDEL", presence, change.client_id]);
  }

  /** Renews this instance's presence hash (with its heartbeat). */
  async renew(): Promise<void> {
    const { presence } = heartbeatKeys(this.#prefix, this.#instanceId);
    await this.#send(["PEXPIRE", presence, String(this.#leaseMs)]);
  }

  /**
   * From now on `onChange` hears the other instances' changes; first reads
   * the clients of the instances `live` (ids) from their hashes.
   */
  async listen(
    onChange: (change: PresenceChange, before: boolean) => void,
    live: readonly string[],
  ): Promise<void> {
    this.#onChange = onChange;
    for (const id of live) {
      if (id === this.#instanceId) continue;
      const key = heartbeatKeys(this.#prefix, id).presence;
      const flat = (await this.#send(["HGETALL", key])) as string[];
      const clients = this.#clientsOf(id);
      for (let i = 0; i + 1 < flat.length; i += 2) {
        if (!clients.has(flat[i]!)) {
          clients.set(flat[i]!, JSON.parse(flat[i + 1]!) as Connected);
        }
      }
    }
  }

  /** Another instance's change, heard on the `hub` stream. */
  heard(from: string, change: PresenceChange): void {
    if (from === this.#instanceId) return;
    const clients = this.#clientsOf(from);
    const before = clients.has(change.client_id);
    if (change.message_type === "connection") {
      clients.set(change.client_id, change);
    } else clients.delete(change.client_id);
    this.#onChange?.(change, before);
  }

  /**
   * Forgets the instances not in `live` (their heartbeat expired): each of
   * their clients is told as a `disconnection`.
   */
  sweep(live: readonly string[]): void {
    const alive = new Set(live);
    for (const [id, clients] of this.#remote) {
      if (alive.has(id)) continue;
      this.#remote.delete(id);
      for (const connected of clients.values()) {
        this.#onChange?.({
          message_type: "disconnection",
          client_id: connected.client_id,
          timestamp: Date.now() / 1000,
          data: {
            client_type: connected.data.client_type,
            reason: `instance ${id} stopped: its heartbeat expired`,
          },
        }, true);
      }
    }
  }

  #clientsOf(instanceId: string): Map<string, Connected> {
    let clients = this.#remote.get(instanceId);
    if (clients === undefined) {
      clients = new Map();
      this.#remote.set(instanceId, clients);
    }
    return clients;
  }
}
