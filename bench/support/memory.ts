import { readFileSync } from "node:fs";

/** A process's resident memory now, in MB, read from /proc (Linux). */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Samples processes' RSS every half second until stopped; `peaks` holds each one's highest. */
export function watchPeakRss(pids: number[]): { peaks: () => number[]; stop: () => void } {
  const peaks = pids.map(() => 0);
  const sample = () => pids.forEach((pid, index) => (peaks[index] = Math.max(peaks[index]!, rssMb(pid))));
  sample();
  const timer = setInterval(sample, 500);
  return { peaks: () => [...peaks], stop: () => clearInterval(timer) };
}
