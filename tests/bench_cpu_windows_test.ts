import assert from "node:assert/strict";
import { CpuWindows } from "../bench/_cpu_windows.ts";

Deno.test("CpuWindows: a window closes at the first reading a window's length after the last close, its share the CPU over the elapsed time", () => {
  const windows = new CpuWindows({ windowMs: 1000 });
  windows.sample(0, 0);
  windows.sample(500, 400); // still open
  windows.sample(1000, 900); // 900 ms of CPU in 1,000: 90%
  windows.sample(2500, 900 + 750); // 750 in 1,500: 50%
  windows.sample(3000, 2000); // open again
  assert.deepEqual(windows.shares, [90, 50]);
});

Deno.test("CpuWindows.median: the steady part's share, not the average the quiet first and last seconds pull down", () => {
  const windows = new CpuWindows();
  // a run: a slow start, five saturated seconds, a tail of finishing games
  const perSecond = [20, 100, 99, 100, 98, 100, 60, 30];
  let cpu = 0;
  windows.sample(0, cpu);
  perSecond.forEach((share, i) => {
    cpu += share * 10; // ms of CPU in that second
    windows.sample((i + 1) * 1000, cpu);
  });
  const average = perSecond.reduce((a, b) => a + b) / perSecond.length;
  assert.equal(average, 75.875);
  assert.equal(windows.median(), 98); // the lower middle of eight
});

Deno.test("CpuWindows.median: null before any window closed; more than one core reads above 100", () => {
  const windows = new CpuWindows({ windowMs: 1000 });
  assert.equal(windows.median(), null);
  windows.sample(0, 0);
  windows.sample(999, 5000);
  assert.equal(windows.median(), null);
  windows.sample(2000, 3500); // two cores' worth (summed load processes)
  assert.equal(windows.median(), 175);
});
