import type { Clock } from "../src/game/mod.ts";

/** A clock whose time moves only when the test says so. */
export class FakeClock implements Clock {
  time = 1_000_000;
  timers: { at: number; fn: () => void; live: boolean }[] = [];
  now = () => this.time;
  setTimer = (at: number, fn: () => void) => {
    const timer = { at, fn, live: true };
    this.timers.push(timer);
    return () => void (timer.live = false);
  };
  /** Moves time on, firing every due timer in order. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (let round = 0; round < 100; round++) {
      const due = this.timers.filter((t) => t.live && t.at <= this.time).sort((
        a,
        b,
      ) => a.at - b.at);
      if (due.length === 0) return;
      for (const timer of due) {
        timer.live = false;
        timer.fn();
      }
      await settle(); // let the commands run and their commits flush
    }
  }
  /** How many timers are still armed. */
  get pending(): number {
    return this.timers.filter((t) => t.live).length;
  }
}

/** A few turns of the event loop: a command's commit is flushed in one. */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
