/**
 * The record section in French (see `_record.ts`): the same facts, line by
 * line, as the English record; players' speech and names enter only as
 * JSON strings labelled with the seat.
 * @module
 */
import { type GameEvent, type GamePhase, ROLE_NAMES } from "../../src/mod.ts";
import type { DigestWords } from "./_compact.ts";
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
  bid: "{who} a enchéri",
};

const CAUSES: Record<string, string> = {
  werewolves: "tué par les loups-garous",
  poison: "empoisonné",
  vote: "éliminé par le vote",
  hunter: "abattu par le chasseur",
};

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
      const target = event.target ??
        (event.action === "witch_save" ? "la victime" : "personne");
      const done = ACTIONS[event.action] ??
        `{who} a utilisé ${event.action}${event.target ? " sur {target}" : ""}`;
      return done.replace("{who}", who).replace("{target}", target) + late;
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
    case "vote_result":
      return `vote du jour ${event.day} : ${
        Object.entries(event.tally).map(([id, n]) => `${id} ${n}`).join(", ") ||
        "aucune voix"
      } ; abstentions : ${event.abstentions} ; éliminé : ${
        event.eliminated ?? "personne"
      }`;
    default:
      return null;
  }
}

const DIGEST_FR: DigestWords = {
  toWolves: "(aux loups-garous)",
  naming: "nommant",
  line: (day, parts) => `(paroles du jour ${day}, résumées : ${parts})`,
};

/** The record's words in French. */
export const RECORD_FR: RecordWords = {
  line,
  day: (day) => `-- jour ${day} --`,
  digest: DIGEST_FR,
};
