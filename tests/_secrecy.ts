/**
 * What one viewer may know of a game, derived only from the log as `redact`
 * shows it to that viewer, and a check that a sentence (a refusal) says
 * nothing about another seat that this viewer could not know.
 * @module
 */
import type { GameEvent, PlayerId, Role } from "../src/contract/mod.ts";
import {
  type GameState,
  redact,
  type Viewer,
  viewOf,
} from "../src/engine/mod.ts";

/** What a viewer learnt from its redacted log. */
export interface Knowledge {
  /** The caller's seat, or null for a non-player. */
  me: PlayerId | null;
  /** The caller's own role, once dealt. */
  myRole: Role | null;
  /** The exact roles it knows: its own, its teammates', the dead's. */
  roles: Map<PlayerId, Role>;
  /** Whose werewolfhood it knows (roles, the seer's results, a werewolf's table). */
  wolfness: Set<PlayerId>;
  /** Whether it was told the werewolves' victim (the witch). */
  toldVictim: boolean;
  /** The roles whose holder it saw die. */
  deadRoles: Set<Role>;
}

/** Folds the log as `viewer` sees it (redacted with `state`) into knowledge. */
export function knowledgeOf(
  state: GameState,
  log: readonly GameEvent[],
  viewer: Viewer,
): Knowledge {
  const me = viewer.kind === "player" ? viewer.player_id : null;
  const k: Knowledge = {
    me,
    myRole: null,
    roles: new Map(),
    wolfness: new Set(),
    toldVictim: false,
    deadRoles: new Set(),
  };
  const seats: PlayerId[] = [];
  for (const raw of log) {
    const event = redact(state, raw, viewer);
    if (event === null) continue;
    switch (event.type) {
      case "player_joined":
        seats.push(event.player_id);
        break;
      case "role_assigned":
        if (event.player_id !== me) break; // redact would not show another's
        k.myRole = event.role;
        k.roles.set(me, event.role);
        for (const id of event.teammates) k.roles.set(id, "werewolf");
        if (event.role === "werewolf") {
          for (const id of seats) k.wolfness.add(id);
        }
        break;
      case "player_died":
        k.roles.set(event.player_id, event.role);
        k.deadRoles.add(event.role);
        break;
      case "seer_result":
        k.wolfness.add(event.target);
        break;
      case "witch_info":
        k.toldVictim = event.victim !== null;
        break;
      case "game_over":
        for (const [id, role] of Object.entries(event.roles)) {
          k.roles.set(id as PlayerId, role);
        }
        break;
    }
  }
  for (const id of k.roles.keys()) k.wolfness.add(id);
  return k;
}

/** The words that tie a player to a role, a power or a turn. */
const FAMILIES = {
  werewolf: /\b(?:were)?wol(?:f|ves)\b|\bwolf_kill\b|\bdevour/,
  seer: /\bseer|\binspect/,
  witch: /\bwitch|\bpotion|\bheal|\bpoison|\bsave/,
  hunter: /\bhunter|\bshoot/,
  guard: /\bguard|\bprotect/,
  villager: /\bvillager/,
  victim: /\bvictim/,
  turn:
    /\bspeak|\bturn\b|\bwaits?\b|\bwaiting|\bawait|\bacted\b|\balready\b|\bchose\b|\bvoted\b|\bpending/,
} as const;
type Family = keyof typeof FAMILIES;

/** Words that state a fact about a role's holder. */
const STATE =
  /\b(?:dead|alive|died|used|left|spent|waits?|waiting|awaited|acted|already|asleep|awake|woken|has|had)\b/;

const POWERS: ReadonlySet<string> = new Set([
  "seer",
  "witch",
  "hunter",
  "guard",
]);

/** Whether `k` may tie `id` to a word of `family`. */
function mayTie(k: Knowledge, id: PlayerId, family: Family): boolean {
  if (id === k.me) return true;
  switch (family) {
    case "werewolf":
      return k.wolfness.has(id);
    case "victim":
      return k.toldVictim;
    case "turn":
      return false;
    default:
      // a power is held once: the caller's own power words speak of itself
      return family === k.myRole && POWERS.has(family) || k.roles.has(id);
  }
}

/**
 * The secrets `sentence` tells the viewer of `k` (empty: none): a player id
 * other than the caller's, in the same clause (between `:` and `;`) as a
 * role, power or turn word it may not tie to that player; or a power role
 * other than the caller's next to a word stating a fact about its holder
 * (dead, used, waits, …) the viewer could not see.
 */
export function secretsIn(sentence: string, k: Knowledge): string[] {
  const found: string[] = [];
  const text = sentence.toLowerCase().replaceAll(
    /\bthe werewolves' victim\b/g,
    "the victim",
  );
  for (const clause of text.split(/[:;]/)) {
    const ids = [...clause.matchAll(/\bp\d+\b/g)].map((m) => m[0] as PlayerId);
    const families = (Object.keys(FAMILIES) as Family[])
      .filter((family) => FAMILIES[family].test(clause));
    for (const id of ids) {
      for (const family of families) {
        if (!mayTie(k, id, family)) found.push(`${id} ~ ${family}: ${clause}`);
      }
    }
    if (!STATE.test(clause)) continue;
    for (const family of families) {
      if (!POWERS.has(family) || family === k.myRole) continue;
      const said = clause.match(STATE)![0];
      const seen = /dead|died/.test(said) &&
        k.deadRoles.has(family as Role);
      if (!seen) found.push(`the ${family} ~ ${said}: ${clause}`);
    }
  }
  return found;
}

/**
 * The secrets `viewOf(state, viewer)` tells (empty: none): a role the viewer
 * does not know, or an awaited action that is not its own.
 */
export function viewSecrets(
  state: GameState,
  viewer: Viewer,
  k: Knowledge,
): string[] {
  const view = viewOf(state, viewer);
  const found: string[] = [];
  for (const seat of view.players) {
    if (seat.role !== undefined && k.roles.get(seat.id) !== seat.role) {
      found.push(`game.state shows ${seat.id} as ${seat.role}`);
    }
  }
  const mine = k.me === null
    ? undefined
    : state.pending.find((p) => p.player_id === k.me);
  if (view.waitingFor !== null && view.waitingFor.request !== mine?.request) {
    found.push(`game.state waits for ${view.waitingFor.request}, not mine`);
  }
  return found;
}
