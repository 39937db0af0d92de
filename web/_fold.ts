/**
 * How each event changes a game's model (see `model.ts`): the state, and
 * the lines the chat, the werewolves' channel and the secrets get.
 * @module
 */
import type { GameEvent, GameEventOf, PlayerId } from "../src/mod.ts";
import { lateText, line, nameOf, reasoningOf } from "./_fold_lines.ts";
import {
  bidCast,
  bidsRevealed,
  intoRound,
  speakingOrder,
  speechHeld,
} from "./_fold_talk.ts";
import { ballotCast, verdict } from "./_fold_vote.ts";
import { aRole, isKey, localeOf, t } from "./i18n.ts";
import type { ChatLine, GameModel, PlayerModel } from "./model.ts";

function setPlayer(
  model: GameModel,
  id: string,
  change: Partial<PlayerModel>,
): void {
  model.players = model.players.map((p) =>
    p.id === id ? { ...p, ...change } : p
  );
}

/** Applies `event` to `m`, a fresh copy the caller owns. */
export function apply(m: GameModel, event: GameEvent): void {
  switch (event.type) {
    case "game_created":
      m.gameId = event.gameId;
      m.name = event.name;
      m.locale = localeOf(event);
      m.actionTimeoutMs = event.actionTimeoutMs;
      m.turnPolicy = event.turnPolicy ?? "round_robin";
      m.votePolicy = event.votePolicy ?? "sequential";
      m.rulesText = event.rulesText ?? null;
      return;
    case "player_joined":
      if (m.players.some((p) => p.id === event.player_id)) return;
      m.players = [...m.players, {
        id: event.player_id as PlayerId,
        name: event.name,
        alive: true,
        role: null,
        cause: null,
      }];
      return;
    case "game_started":
      m.chat = [
        ...m.chat,
        line(
          m,
          event,
          "narrator",
          t(m.locale, "line.begins", { n: event.players.length }),
        ),
      ];
      return;
    case "role_assigned":
      setPlayer(m, event.player_id, { role: event.role });
      return;
    case "phase_update":
      return phase(m, event);
    case "your_turn":
      if (m.phase === "discussion") m.deadline = event.deadline;
      return;
    case "agent_message":
      return speech(m, event);
    case "player_action":
      return action(m, event);
    case "seer_result":
      m.secrets = [
        ...m.secrets,
        line(
          m,
          event,
          "narrator",
          t(m.locale, event.is_werewolf ? "line.seer.yes" : "line.seer.no", {
            name: nameOf(m, event.target),
          }),
        ),
      ];
      return;
    case "witch_info":
      m.secrets = [
        ...m.secrets,
        line(
          m,
          event,
          "narrator",
          t(m.locale, "line.witch", {
            name: nameOf(m, event.victim),
            heal: t(
              m.locale,
              event.heal_available ? "potion.left" : "potion.used",
            ),
            poison: t(
              m.locale,
              event.poison_available ? "potion.left" : "potion.used",
            ),
          }),
        ),
      ];
      return;
    case "player_died":
      return death(m, event);
    case "vote_result":
      return verdict(m, event);
    case "game_state":
      for (const p of event.players) {
        setPlayer(m, p.id, {
          alive: p.alive,
          ...(p.role === undefined ? {} : { role: p.role }),
        });
      }
      return;
    case "speaking_order":
      return speakingOrder(m, event);
    case "bids_revealed":
      return bidsRevealed(m, event);
    case "speech_held":
      return speechHeld(m, event);
    case "game_over":
      m.winner = event.winner;
      m.deadline = null;
      m.players = m.players.map((p) => ({
        ...p,
        role: event.roles[p.id] ?? p.role,
      }));
      m.chat = [
        ...m.chat,
        line(
          m,
          event,
          "narrator",
          t(m.locale, `won.${event.winner}`),
        ),
      ];
      return;
  }
}

function phase(m: GameModel, event: GameEventOf<"phase_update">): void {
  m.phase = event.new_phase;
  m.day = event.day;
  m.description = event.description;
  m.deadline = event.deadline;
  if (event.new_phase === "vote") {
    m.vote = {
      day: event.day,
      ballots: [],
      tally: {},
      result: null,
      hidden: m.votePolicy === "simultaneous",
    };
  }
  if (event.new_phase === "dawn") m.dawn = { day: event.day, deaths: [] };
  m.chat = [...m.chat, line(m, event, "narrator", event.description)];
}

function speech(m: GameModel, event: GameEventOf<"agent_message">): void {
  const said: ChatLine = {
    ...line(m, event, "speech", event.message_text),
    speaker: { id: event.agent_id as PlayerId, name: event.agent_name },
    redactedLines: event.redacted_lines ?? 0,
    ...reasoningOf(event),
  };
  if (event.channel === "werewolves") {
    m.wolfChat = [...m.wolfChat, said];
    return;
  }
  if (!parallelSpeech(m, said, event.agent_id)) m.chat = [...m.chat, said];
  if (m.phase === "discussion") m.deadline = event.at + m.actionTimeoutMs;
}

/** A parallel round's speech or pass goes into its block; false otherwise. */
function parallelSpeech(m: GameModel, said: ChatLine, player: string): boolean {
  return m.turnPolicy === "parallel" && m.phase === "discussion" &&
    intoRound(m, said, player);
}

function action(m: GameModel, event: GameEventOf<"player_action">): void {
  const who = nameOf(m, event.player_id);
  const late = lateText(m, event);
  const said = (text: string): ChatLine => ({
    ...line(m, event, "narrator", text),
    ...reasoningOf(event),
  });
  if (event.action === "vote") return ballotCast(m, event);
  if (event.action === "bid") return bidCast(m, event);
  if (event.action === "pass") {
    const passed = said(t(m.locale, "line.pass", { who, late }));
    if (!parallelSpeech(m, passed, event.player_id)) {
      m.chat = [...m.chat, passed];
    }
    if (m.phase === "discussion") m.deadline = event.at + m.actionTimeoutMs;
    return;
  }
  if (event.action === "hunter_shoot") {
    m.chat = [
      ...m.chat,
      said(
        t(m.locale, "line.hunter_shoot", {
          who,
          target: nameOf(m, event.target),
          late,
        }),
      ),
    ];
    return;
  }
  const vars = {
    who,
    action: event.action,
    target: event.action === "wolf_kill"
      ? nameOf(m, event.target)
      : event.target === null
      ? ""
      : ` ${nameOf(m, event.target)}`,
    late,
  };
  const key = `line.${event.action}`;
  const text = t(m.locale, isKey(key) ? key : "line.action", vars);
  m.secrets = [...m.secrets, said(text)];
}

function death(m: GameModel, event: GameEventOf<"player_died">): void {
  setPlayer(m, event.player_id, {
    alive: false,
    role: event.role,
    cause: event.cause,
  });
  if (m.phase === "dawn" && m.dawn !== null) {
    m.dawn = {
      ...m.dawn,
      deaths: [...m.dawn.deaths, {
        player: event.player_id as PlayerId,
        cause: event.cause,
        role: event.role,
      }],
    };
  }
  const text = t(m.locale, `died.${event.cause}`, {
    name: nameOf(m, event.player_id),
    aRole: aRole(m.locale, event.role),
  });
  m.chat = [...m.chat, line(m, event, "death", text)];
}
