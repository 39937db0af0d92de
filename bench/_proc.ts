/**
 * Reads a process's CPU time and resident memory from Linux's `/proc`, for
 * the benchmark scripts (they measure the server's process from outside).
 * Needs `--allow-all` (Deno asks for it to read `/proc`), except for the
 * process itself, which is read through Deno's and Node's own APIs.
 * @module
 */
import { cpuUsage } from "node:process";

/** Clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`). */
export const CLK_TCK = 100;

/**
 * The CPU time `pid` has used so far, user plus system (`utime` + `stime`,
 * fields 14 and 15 of `/proc/<pid>/stat`), in milliseconds.
 */
export function cpuMs(pid: number): number {
  if (pid === Deno.pid) {
    const { user, system } = cpuUsage();
    return (user + system) / 1000;
  }
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // the command name (field 2) is in parentheses and may hold spaces
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`cannot read the CPU times of process ${pid}`);
  }
  return ((utime + stime) * 1000) / CLK_TCK;
}

/** The resident memory of `pid` (`VmRSS` of `/proc/<pid>/status`), in bytes. */
export function rssBytes(pid: number): number {
  if (pid === Deno.pid) return Deno.memoryUsage().rss;
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const match = status.match(/^VmRSS:\s+(\d+)\s+kB$/m);
  if (!match) throw new Error(`process ${pid} has no VmRSS`);
  return Number(match[1]) * 1024;
}

/**
 * The bytes `pid` has caused to be written to storage so far (`write_bytes`
 * of `/proc/<pid>/io`: counted when it dirties a file's pages, whether or
 * not they reached the disk yet; a file on tmpfs counts nothing).
 */
export function diskWriteBytes(pid: number): number {
  const io = Deno.readTextFileSync(
    `/proc/${pid === Deno.pid ? "self" : pid}/io`,
  );
  const match = io.match(/^write_bytes:\s+(\d+)$/m);
  if (!match) throw new Error(`process ${pid} has no write_bytes`);
  return Number(match[1]);
}
