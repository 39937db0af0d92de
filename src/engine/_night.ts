/**
 * The night: the werewolves, the seer and the guard at once, then the
 * witch, then the dawn and its deaths.
 * @module
 */
import type { PlayerId, Request as GameRequest } from "../contract/mod.ts";
import { type Draft, emit } from "./_emit.ts";
import { dawnDeaths } from "./_night_rules.ts";
import { living, livingIds, livingWith } from "./_query.ts";
import { afterDeaths, enterPhase } from "./_steps.ts";

/**
 * A new night (day 1 after the lobby, else the next day): the guard, each
 * living werewolf and the seer are awaited at once.
 */
export function enterNight(d: Draft): void {
  const day = d.state.phase === "lobby" ? 1 : d.state.day + 1;
  const deadline = enterPhase(d, "night", day, true) as number;
  const s = d.state;
  const alive = livingIds(s);
  const prey = living(s).filter((seat) => seat.role !== "werewolf")
    .map((seat) => seat.id);
  for (const seat of living(s)) {
    let request: GameRequest;
    let options: PlayerId[];
    if (seat.role === "guard") {
      request = "guard_protect";
      options = alive.filter((id) => id !== s.lastProtected);
    } else if (seat.role === "werewolf") {
      request = "wolf_kill";
      options = prey;
    } else if (seat.role === "seer") {
      request = "seer_inspect";
      options = alive.filter((id) => id !== seat.id);
    } else continue;
    emit(d, {
      type: "your_turn",
      player_id: seat.id,
      request,
      options,
      deadline,
    });
  }
}

/**
 * The night's actions are in (the victim is resolved as the night closes):
 * the witch's phase whenever she lives, else the dawn. She is woken even
 * with both potions spent, when her only move is `witch_pass`, so that the
 * public phases and their timing (her answer or her deadline, never the
 * engine's) say nothing of her potions. Only a dead witch is skipped: her
 * death already told everyone her role (`player_died` carries it).
 */
export function closeNight(d: Draft): void {
  const witch = livingWith(d.state, "witch");
  if (witch === undefined) return enterDawn(d);
  const { heal, poison } = d.state.potions;
  const deadline = enterPhase(d, "witch", d.state.day, true) as number;
  emit(d, {
    type: "witch_info",
    witch_id: witch.id,
    victim: d.state.night.victim,
    heal_available: heal,
    poison_available: poison,
  });
  emit(d, {
    type: "your_turn",
    player_id: witch.id,
    request: "witch",
    options: livingIds(d.state),
    deadline,
  });
}

/**
 * The dawn: the victim dies unless guarded or saved, the poisoned dies;
 * `player_died` for each in seat order, then the public table.
 */
export function enterDawn(d: Draft): void {
  enterPhase(d, "dawn", d.state.day, false);
  const deaths = dawnDeaths(d.state);
  for (const { player_id, cause } of deaths) {
    const role = d.state.players.find((s) => s.id === player_id)?.role;
    emit(d, {
      type: "player_died",
      player_id,
      cause,
      role: role ?? "villager",
    });
  }
  const s = d.state;
  const alive = livingIds(s).length;
  emit(d, {
    type: "game_state",
    phase: s.phase,
    players: s.players.map((seat) =>
      seat.alive || seat.role === null
        ? { id: seat.id, name: seat.name, alive: seat.alive }
        : { id: seat.id, name: seat.name, alive: false, role: seat.role }
    ),
    current_turn: s.day,
    alive_count: alive,
    dead_count: s.players.length - alive,
  });
  afterDeaths(d, deaths.map((death) => death.player_id), "day");
}
