/**
 * The fields every game event has, shared by the event modules.
 * @module
 */
import { z } from "zod";

/** Every game event has its place in the game's log and its time. */
export const eventBase = {
  /**
   * The sequence number, from 1: in the log (the god view, an ended game's
   * transcript) the game's own; as a viewer receives it, that viewer's own
   * contiguous numbering (how many events up to this one it may see).
   */
  seq: z.number().int().positive(),
  /** When it happened, epoch milliseconds (the command's time). */
  at: z.number().int().nonnegative(),
};

/** A player's name, as it took its seat. */
export const playerName = z.string().min(1).max(40);
