// How long synchronous work keeps this process on a CPU (user + system time, in ms). Unlike the time
// on the clock, it does not grow while the process waits for a core on a loaded machine (CI runs the
// suite's files side by side), so a bound on it holds there and still catches work that is not linear.
export function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}
