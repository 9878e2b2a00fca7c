import { readFileSync } from "node:fs";
import { cpus } from "node:os";

// Linux's clock ticks per second for /proc times (USER_HZ), 100 on every mainstream architecture.
const TICKS_PER_SECOND = 100;

/** Ticks the whole machine has spent busy and in all, from /proc/stat's first line. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the 4th and 5th fields.
  return { busy: total - fields[3]! - (fields[4] ?? 0), total };
}

/** CPU ticks a process (with all its threads) has used, user and system, from /proc/<pid>/stat. */
function processTicks(pid: number): number {
  try {
    // The command name in parentheses may hold spaces: the fields counted from after it.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export type CpuUse = { cores: number; machineBusyCores: number; processCores: number[] };

/**
 * Measures, from now until `stop`, how many cores the machine was busy on and how many each process
 * used: a second worker can only add rate if the first left cores idle.
 */
export function watchCpu(pids: number[]): { stop: () => CpuUse } {
  const startedAt = performance.now();
  const machineAtStart = machineTicks();
  const processesAtStart = pids.map(processTicks);
  return {
    stop: () => {
      const seconds = (performance.now() - startedAt) / 1000;
      const machine = machineTicks();
      const cores = cpus().length;
      return {
        cores,
        machineBusyCores: ((machine.busy - machineAtStart.busy) / (machine.total - machineAtStart.total)) * cores,
        processCores: pids.map(
          (pid, index) => (processTicks(pid) - processesAtStart[index]!) / TICKS_PER_SECOND / seconds,
        ),
      };
    },
  };
}
