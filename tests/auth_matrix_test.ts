/**
 * Every procedure × every caller over real sockets: allowed calls answer right,
 * refused ones carry the documented code and say what is allowed.
 * @module
 */
import assert from "node:assert/strict";
import { type Row, runMatrix } from "./_auth_matrix.ts";
import { setupWorld } from "./_auth_world.ts";
import { SETUP_ROWS } from "./_auth_rows_setup.ts";
import { PLAY_ROWS } from "./_auth_rows_play.ts";

/**
 * The matrix: one row per procedure (and per hub routing option), one cell
 * per caller: `ok(check)` or the refusal expected. Rows run in order and
 * their `prepare` moves game A on (the say row waits for the werewolf's
 * speaking turn, the vote row for the vote, the act row for the next night).
 */
const ROWS: Row[] = [...SETUP_ROWS, ...PLAY_ROWS];

Deno.test("every procedure × every caller: allowed calls answer right, refused ones carry the documented code and say what is allowed", async () => {
  await using world = await setupWorld();
  const wrong = await runMatrix(world, ROWS);
  assert.deepEqual(wrong, []);
});
