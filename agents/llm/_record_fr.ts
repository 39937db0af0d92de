/**
 * The record section in French (see `_record.ts`): the same facts, line by
 * line, as the English record; players' speech and names enter only as
 * JSON strings labelled with the seat.
 * @module
 */
import {
  type GameEvent,
  type GameEventOf,
  type GamePhase,
  ROLE_NAMES,
} from "../../src/mod.ts";
import type { DigestWords } from "./_compact.ts";
import { bidsText, type DaysWords } from "./_days.ts";
import { quote } from "./_quote.ts";
import type { RecordWords } from "./_record.ts";

const PHASES: Record<GamePhase, string> = {
  lobby: "attente",
  night: "nuit",
  witch: "sorcière",
  dawn: "aube",
  hunter: "chasseur",
  discussion: "discussion",
  vote: "vote",
  ended: "fin",
};

/** Each power's use, `{who}` and `{target}` filled. */
const ACTIONS: Record<string, string> = {
  wolf_kill: "{who} a désigné {target} comme victime des loups",
  seer_inspect: "{who} a sondé {target}",
  guard_protect: "{who} a protégé {target}",
  witch_save: "{who} a sauvé {target}",
  witch_poison: "{who} a empoisonné {target}",
  witch_pass: "{who} a fini son tour de sorcière",
  hunter_shoot: "{who} a tiré sur {target}",
};

const CAUSES: Record<string, string> = {
  werewolves: "tué par les loups-garous",
  poison: "empoisonné",
  vote: "éliminé par le vote",
  hunter: "abattu par le chasseur",
};

/** A power's use (`ACTIONS`), `{target}` filled and `{who}` left to fill. */
function done(action: string, target: string | null): string {
  const text = ACTIONS[action] ??
    `{who} a utilisé ${action}${target ? " sur {target}" : ""}`;
  return text.replace(
    "{target}",
    target ?? (action === "witch_save" ? "la victime" : "personne"),
  );
}

const role = (id: keyof typeof ROLE_NAMES.fr) => ROLE_NAMES.fr[id].one;
const potion = (left: boolean) => left ? "disponible" : "utilisée";

function line(event: GameEvent, me: string): string | null {
  switch (event.type) {
    case "phase_update":
      return `-- jour ${event.day}, ${PHASES[event.new_phase]} --`;
    case "agent_message":
      return `${event.agent_id} ${
        event.channel === "werewolves" ? "a dit aux loups-garous" : "a dit"
      } : ${quote(event.message_text)}`;
    case "player_action": {
      const who = event.player_id === me
        ? `${event.player_id} (vous)`
        : event.player_id;
      const late = event.timed_out ? " (délai dépassé)" : "";
      if (event.action === "vote") {
        return event.target === null
          ? `${who} s'est abstenu${late}`
          : `${who} a voté contre ${event.target}${late}`;
      }
      if (event.action === "pass") return `${who} a passé${late}`;
      if (event.action === "bid") {
        return `${who} a enchéri ${event.amount ?? 0}${late}`;
      }
      return done(event.action, event.target).replace("{who}", who) + late;
    }
    case "seer_result":
      return `vous avez sondé ${event.target} : ${
        event.is_werewolf ? "un loup-garou" : "pas un loup-garou"
      }`;
    case "witch_info":
      return `la victime des loups-garous cette nuit : ${
        event.victim ?? "personne"
      } ; potion de vie ${potion(event.heal_available)} ; potion de mort ${
        potion(event.poison_available)
      }`;
    case "player_died":
      return `${event.player_id} est mort (${
        CAUSES[event.cause] ?? event.cause
      }) ; rôle : ${role(event.role)}`;
    case "speaking_order":
      return `ordre du tour ${event.round} : ${event.order.join(", ")}`;
    case "bids_revealed":
      return bidsText(event, me, DAYS_FR);
    case "vote_result":
      return `vote du jour ${event.day} : ${
        Object.entries(event.tally).map(([id, n]) => `${id} ${n}`).join(", ") ||
        "aucune voix"
      } ; abstentions : ${event.abstentions} ; éliminé : ${
        event.eliminated ?? "personne"
      }${
        event.votes
          ? ` ; votes : ${
            Object.entries(event.votes).map(([voter, target]) =>
              `${voter} ${target ?? "abstention"}`
            ).join(", ")
          }`
          : ""
      }`;
    default:
      return null;
  }
}

const DIGEST_FR: DigestWords = {
  wolves: "aux loups-garous : ",
  line: (groups) =>
    `(paroles antérieures ; l'orateur d'abord, puis les places qu'il a le plus nommées : ${groups})`,
};

/** The compact record's speech line: `p3 : "…"`, `p3 aux loups-garous : "…"`. */
function speech(event: GameEventOf<"agent_message">): string {
  const to = event.channel === "werewolves" ? " aux loups-garous" : "";
  return `${event.agent_id}${to} : ${quote(event.message_text)}`;
}

/** The compact record's words in French (the same facts as `DAYS_EN`). */
const DAYS_FR: DaysWords = {
  you: (seat) => `${seat} (vous)`,
  sep: " ; ",
  timedOut: " (délai dépassé)",
  late: " hors délai",
  passed: (who) => `${who} a passé`,
  witchPass: (who) => `${who} a fini son tour de sorcière`,
  bid: (who, amount) => `${who} a enchéri ${amount}`,
  used: (who, action, target) => done(action, target).replace("{who}", who),
  voted: (who, target) =>
    target === null ? `${who} s'est abstenu` : `${who} a voté contre ${target}`,
  abstained: "abstentions",
  noVotes: "aucune voix",
  eliminated: (target) => `éliminé : ${target ?? "personne"}`,
  was: (id) => `, était ${role(id)}`,
  died: (who, cause, id) =>
    `${who} est mort (${CAUSES[cause] ?? cause}), était ${role(id)}`,
  result: (werewolf) => werewolf ? "un loup-garou" : "pas un loup-garou",
  seen: (result) => ` : ${result}`,
  learned: (target, result) => `vous avez appris que ${target} est ${result}`,
  witch: (part) =>
    `victime des loups-garous ${part.victim ?? "personne"}, potion de vie ${
      potion(part.heal_available)
    }, potion de mort ${potion(part.poison_available)}`,
  order: (round, order) => `ordre du tour ${round} : ${order.join(", ")}`,
  bids: (event, bids, speaker) =>
    `enchères pour la prise de parole ${event.turn} : ${bids} ; ${
      speaker === null
        ? "toutes à 0 : la discussion s'arrête"
        : `${speaker} parle (${
          event.tie_break === "highest"
            ? "plus forte enchère"
            : event.tie_break === "named"
            ? "égalité : nommé dans le dernier discours"
            : "égalité : tirage au sort de la graine"
        })`
    }`,
  phase: (phase) => PHASES[phase as GamePhase] ?? phase,
  phaseLine: (phase, items) => `${phase} : ${items.join(" ; ")}`,
  day: (day) => `-- jour ${day} --`,
};

/** The record's words in French. */
export const RECORD_FR: RecordWords = {
  line,
  speech,
  digest: DIGEST_FR,
  days: DAYS_FR,
};
