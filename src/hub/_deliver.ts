/**
 * The hub's delivery of one routed entry to the records it addresses.
 * @module
 */
import type { HubEntry } from "./_history.ts";
import type { Mailbox } from "../kit/mod.ts";
import type { Connection } from "./types.ts";
import { isAddressedTo, type Route } from "./route.ts";

/** A connected client and its subscriptions' queues. */
export interface ConnectionRecord {
  readonly connection: Connection;
  readonly mailboxes: Set<Mailbox<HubEntry>>;
}

/**
 * Queues `entry` on every mailbox of `records`: `delivered` counts the
 * records one of whose mailboxes took it and whose last mailbox was not
 * full; `overflowed` lists the records with a full mailbox (to be closed
 * as slow consumers), once per full mailbox.
 */
export function deliverTo(
  records: Iterable<ConnectionRecord>,
  entry: HubEntry,
): { delivered: number; overflowed: ConnectionRecord[] } {
  let delivered = 0;
  const overflowed: ConnectionRecord[] = [];
  for (const record of records) {
    let accepted = false;
    for (const mailbox of record.mailboxes) {
      if (mailbox.push(entry)) accepted = true;
      else overflowed.push(record);
    }
    if (accepted && overflowed.at(-1) !== record) delivered++;
  }
  return { delivered, overflowed };
}

/**
 * The records `route` addresses: its `to_client` among `byId`, else those
 * of `listening` (the records with a subscription: one with none would
 * take nothing) it addresses. A routed message costs O(subscribed
 * clients), not O(connected ones): every game socket is a hub connection.
 */
export function addressed(
  route: Route,
  listening: Iterable<ConnectionRecord>,
  byId: ReadonlyMap<string, ConnectionRecord>,
): ConnectionRecord[] {
  if (route.to_client !== undefined) {
    const record = byId.get(route.to_client);
    return record === undefined ? [] : [record];
  }
  const to: ConnectionRecord[] = [];
  for (const record of listening) {
    if (isAddressedTo(route, record.connection.identity)) to.push(record);
  }
  return to;
}
