/**
 * How the turn policies' events change a game's model (see `_fold.ts`): a
 * round's speaking order, a bidding turn's bids (held for the god view,
 * then revealed with who got the turn), and a parallel round's speeches
 * gathered into one block, whose held lines the reveal replaces.
 * @module
 */
import type { GameEventOf, PlayerId } from "../src/mod.ts";
import { causeOf, lateText, line, nameOf, reasoningOf } from "./_fold_lines.ts";
import { isKey, t } from "./i18n.ts";
import type { BidModel, BidsModel, ChatLine, GameModel } from "./model.ts";

/** How a bidding turn was given, in words of the model's language. */
function tieBreakText(model: GameModel, tieBreak: string | null): string {
  const key = `tie.${tieBreak ?? ""}`;
  return isKey(key) ? t(model.locale, key) : String(tieBreak);
}

/** A bidding turn in one line (the step line's and the list's text). */
export function bidsText(model: GameModel, bids: BidsModel): string {
  const list = bids.bids.map((bid) =>
    `${nameOf(model, bid.player)} ${bid.amount}`
  ).join(", ");
  const { locale } = model;
  if (!bids.revealed) return t(locale, "bids.held", { n: bids.turn, list });
  const outcome = bids.speaker === null
    ? t(locale, "bids.end")
    : t(locale, "bids.outcome", {
      name: nameOf(model, bids.speaker),
      how: tieBreakText(model, bids.tieBreak),
    });
  return t(locale, "bids.line", { n: bids.turn, list, outcome });
}

/**
 * `speaking_order`: a line with the round's order (random_order), or the
 * parallel round's block, which its speeches will fill.
 */
export function speakingOrder(
  m: GameModel,
  event: GameEventOf<"speaking_order">,
): void {
  const parallel = m.turnPolicy === "parallel";
  const names = event.order.map((id) => nameOf(m, id));
  const text = parallel
    ? t(m.locale, "round.open", { n: event.round })
    : t(m.locale, "round.order", { n: event.round, names: names.join(" → ") });
  m.chat = [...m.chat, {
    ...line(m, event, parallel ? "round" : "order", text),
    round: {
      round: event.round,
      order: event.order as PlayerId[],
      parallel,
      lines: [],
    },
  }];
}

/** The open (unrevealed) bids line of today, with its index, if any. */
function openBids(m: GameModel): { at: number; bids: BidsModel } | null {
  const at = m.chat.length - 1;
  const last = m.chat[at];
  if (last?.kind !== "bids" || last.day !== m.day) return null;
  return last.bids !== undefined && !last.bids.revealed
    ? { at, bids: last.bids }
    : null;
}

function bidsLine(m: GameModel, base: ChatLine, bids: BidsModel): ChatLine {
  return { ...base, bids, text: bidsText(m, bids) };
}

/** A bid's `player_action` (its bidder and the god view, until the reveal). */
export function bidCast(
  m: GameModel,
  event: GameEventOf<"player_action">,
): void {
  const bid: BidModel = {
    player: event.player_id as PlayerId,
    amount: event.amount ?? 0,
    cause: causeOf(event),
    ...reasoningOf(event),
  };
  const open = openBids(m);
  if (open === null) {
    const turn = m.chat.filter((l) => l.kind === "bids" && l.day === m.day)
      .length + 1;
    const bids: BidsModel = {
      turn,
      bids: [bid],
      revealed: false,
      speaker: null,
      tieBreak: null,
    };
    m.chat = [...m.chat, bidsLine(m, line(m, event, "bids", ""), bids)];
    return;
  }
  const bids = { ...open.bids, bids: [...open.bids.bids, bid] };
  m.chat = m.chat.with(open.at, bidsLine(m, m.chat[open.at]!, bids));
}

/**
 * `bids_revealed`: every bid in seat order (a held one keeps its cause and
 * reasoning), who speaks and why; it takes the held line's place.
 */
export function bidsRevealed(
  m: GameModel,
  event: GameEventOf<"bids_revealed">,
): void {
  const open = openBids(m);
  const held = new Map(open?.bids.bids.map((bid) => [bid.player, bid]));
  const bids: BidsModel = {
    turn: event.turn,
    bids: Object.entries(event.bids).map(([player, amount]) => ({
      player: player as PlayerId,
      amount,
      cause: held.get(player as PlayerId)?.cause ?? null,
      reasoning: held.get(player as PlayerId)?.reasoning ?? null,
    })),
    revealed: true,
    speaker: event.speaker as PlayerId | null,
    tieBreak: event.tie_break,
  };
  const revealed = bidsLine(m, line(m, event, "bids", ""), bids);
  m.chat = open === null
    ? [...m.chat, revealed]
    : m.chat.with(open.at, revealed);
}

/** Today's parallel round block (the last line), with its index, if any. */
function openRound(m: GameModel): { at: number; block: ChatLine } | null {
  const at = m.chat.length - 1;
  const block = m.chat[at];
  return block?.kind === "round" && block.day === m.day &&
      block.round?.parallel === true
    ? { at, block }
    : null;
}

/**
 * Puts a parallel round's speech or pass by `player` into the round's
 * block, in place of its held line (whose reasoning it keeps: the reveal
 * carries none); false when there is no block to put it in.
 */
export function intoRound(
  m: GameModel,
  said: ChatLine,
  player: string,
): boolean {
  const open = openRound(m);
  if (open === null || open.block.round === undefined) return false;
  const lines = open.block.round.lines;
  const held = lines.find((l) => l.held === true && l.speaker?.id === player);
  const revealed = said.reasoning === null && held !== undefined
    ? { ...said, reasoning: held.reasoning }
    : said;
  const round = {
    ...open.block.round,
    lines: [...lines.filter((l) => l !== held), revealed],
  };
  m.chat = m.chat.with(open.at, { ...open.block, round });
  return true;
}

/** `speech_held`: the god view's held line in the round's block. */
export function speechHeld(
  m: GameModel,
  event: GameEventOf<"speech_held">,
): void {
  const text = event.message_text === ""
    ? t(m.locale, "held.passes", { late: lateText(m, event) })
    : event.message_text;
  const said: ChatLine = {
    ...line(m, event, event.message_text === "" ? "narrator" : "speech", text),
    speaker: {
      id: event.player_id as PlayerId,
      name: nameOf(m, event.player_id),
    },
    redactedLines: event.redacted_lines ?? 0,
    held: true,
    ...reasoningOf(event),
  };
  if (!intoRound(m, said, "")) m.chat = [...m.chat, said];
}
