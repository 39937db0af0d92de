import type { ClientIdentity, HubMessage } from "../contract/mod.ts";
import type { History, HubEntry } from "./_history.ts";
import type { Mailbox } from "../kit/mod.ts";
import { formatEventId, parseEventId } from "./event_id.ts";
import { isAddressedTo } from "./route.ts";
import type { HubDelivery } from "./types.ts";

/** Where a resume reads from. */
export interface ResumeSources {
  /** The routed messages. */
  history: History;
  /** The presence announcements, or null when the subscription takes none. */
  presence: History | null;
  /** The hub's newest sequence number. */
  last: number;
}

/**
 * What a subscription resuming after `lastEventId` missed (the messages
 * addressed to `who`, and the presence it takes), in order, and the
 * position it resumes from. Where the history of routed messages no longer
 * reaches back that far, or the id is not of this run, an `error` notice
 * (code `EVENTS_LOST`) says so first. Presence older than its own history is not
 * replayed and not reported: it is a state, which `system.stats` gives.
 */
export function resumeAfter(
  sources: ResumeSources,
  opts: {
    bootId: string;
    who: ClientIdentity;
    lastEventId: string | null | undefined;
    /** Who signs an `EVENTS_LOST` notice, and when. */
    notice: { client_id: string; timestamp: number };
  },
): { cursor: string; backlog: HubDelivery[] } {
  const { history, presence, last } = sources;
  const { bootId, who, lastEventId } = opts;
  const notice = (error: string): HubMessage => ({
    message_type: "error",
    ...opts.notice,
    error,
    code: "EVENTS_LOST",
  });
  const here = formatEventId(bootId, last);
  if (lastEventId === undefined || lastEventId === null) {
    return { cursor: here, backlog: [] };
  }
  const parsed = parseEventId(lastEventId);
  if (parsed === null || parsed.bootId !== bootId || parsed.seq > last) {
    const message = notice(unknownIdText(lastEventId, parsed, bootId));
    return { cursor: here, backlog: [{ id: here, message }] };
  }
  const backlog: HubDelivery[] = [];
  let from = parsed.seq;
  if (from < history.lostUpTo) {
    from = history.lostUpTo;
    backlog.push({
      id: formatEventId(bootId, from),
      message: notice(
        `events ${
          parsed.seq + 1
        } to ${from} are no longer kept (the hub keeps the last ${history.capacity} messages); what follows resumes after them`,
      ),
    });
  }
  const routed = [...history.after(from)].filter((entry) =>
    isAddressedTo(entry.route, who)
  );
  const announced = presence === null ? [] : [...presence.after(from)].filter(
    (entry) => entry.route.exclude_client !== who.client_id,
  );
  for (const entry of merged(routed, announced)) {
    backlog.push({
      id: formatEventId(bootId, entry.seq),
      message: entry.message,
    });
  }
  return { cursor: formatEventId(bootId, from), backlog };
}

/** Two lists of entries, each in sequence order, as one in sequence order. */
function merged(a: HubEntry[], b: HubEntry[]): HubEntry[] {
  if (b.length === 0) return a;
  const out: HubEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.seq < y.seq)) {
      out.push(x!);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * A subscription's stream: the welcome, the backlog, then what `mailbox`
 * receives until it ends; `release` runs when the stream is done.
 */
export function streamOf(
  mailbox: Mailbox<HubEntry>,
  opts: {
    bootId: string;
    welcome: HubDelivery;
    backlog: HubDelivery[];
    release: () => void;
  },
): AsyncGenerator<HubDelivery, void, undefined> {
  const { bootId, welcome, backlog, release } = opts;
  return (async function* () {
    try {
      yield welcome;
      yield* backlog;
      yield* mailbox.drain((entry) => ({
        id: formatEventId(bootId, entry.seq),
        message: entry.message,
      }));
    } finally {
      release();
    }
  })();
}

/**
 * Why `lastEventId` cannot be resumed from, and what was and was not lost.
 * The hub's history lives in memory, so every id of an earlier run of the
 * server (it restarted) lands here; games keep their own durable log.
 */
function unknownIdText(
  lastEventId: string,
  parsed: { bootId: string; seq: number } | null,
  bootId: string,
): string {
  const id = JSON.stringify(lastEventId);
  if (parsed === null) {
    return `lastEventId ${id} is not a hub event id (they look like "${bootId}-42": the id of a hub message you received); nothing can be resumed from it, live messages follow`;
  }
  if (parsed.bootId === bootId) {
    return `lastEventId ${id} is ahead of this server's newest hub message; nothing can be resumed from it, live messages follow`;
  }
  return `lastEventId ${id} is from an earlier run of the server: it restarted, and hub messages (chat, broadcasts, presence) sent before the restart that you had not received are lost, since the hub keeps them in memory only. Games are not affected: their events are durable, and game.events (or /ws's last_event_id) resumes them exactly. Live hub messages follow`;
}
