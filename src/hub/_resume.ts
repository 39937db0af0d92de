import type { ClientIdentity, HubMessage } from "../contract/mod.ts";
import type { History } from "./_history.ts";
import { formatEventId, parseEventId } from "./event_id.ts";
import { isAddressedTo } from "./route.ts";
import type { HubDelivery } from "./types.ts";

/**
 * What a subscription resuming after `lastEventId` missed (the messages
 * addressed to `who`), and the position it resumes from. Where the history
 * no longer reaches back that far, or the id is not of this run, a notice
 * made by `notice` says so first.
 */
export function resumeAfter(
  history: History,
  opts: {
    bootId: string;
    who: ClientIdentity;
    lastEventId: string | null | undefined;
    notice: (error: string) => HubMessage;
  },
): { cursor: string; backlog: HubDelivery[] } {
  const { bootId, who, lastEventId, notice } = opts;
  const here = formatEventId(bootId, history.last);
  if (lastEventId === undefined || lastEventId === null) {
    return { cursor: here, backlog: [] };
  }
  const parsed = parseEventId(lastEventId);
  if (
    parsed === null || parsed.bootId !== bootId || parsed.seq > history.last
  ) {
    const message = notice(
      `lastEventId ${
        JSON.stringify(lastEventId)
      } is not an event of this server run (it restarted, or the id is wrong); live messages follow`,
    );
    return { cursor: here, backlog: [{ id: here, message }] };
  }
  const backlog: HubDelivery[] = [];
  let from = parsed.seq;
  if (from + 1 < history.first) {
    from = history.first - 1;
    backlog.push({
      id: formatEventId(bootId, from),
      message: notice(
        `events ${
          parsed.seq + 1
        } to ${from} are no longer kept (the hub keeps the last ${
          history.last - history.first + 1
        }); what follows resumes after them`,
      ),
    });
  }
  for (const entry of history.after(from)) {
    if (isAddressedTo(entry.route, who)) {
      backlog.push({
        id: formatEventId(bootId, entry.seq),
        message: entry.message,
      });
    }
  }
  return { cursor: formatEventId(bootId, from), backlog };
}
