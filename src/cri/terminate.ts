/**
 * Stopping a daemon we started detached: signal its process group (it leads
 * one), then escalate from SIGTERM to SIGKILL after a grace period. Processes
 * that made their own group (containerd's shims) are not touched.
 */
import { setTimeout as sleep } from 'node:timers/promises'

export const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    // containerd leads its own process group (detached); its shims are not in it.
    process.kill(-pid, signal)
  } catch {
    try {
      process.kill(pid, signal)
    } catch {
      // gone
    }
  }
}

/** SIGTERM, wait up to graceMs for `alive()` to turn false, then SIGKILL. */
export const terminate = async (pid: number, graceMs: number, alive: () => boolean, exited?: Promise<void>): Promise<void> => {
  killGroup(pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (alive() && Date.now() < deadline) {
    await (exited ? Promise.race([exited, sleep(50)]) : sleep(50))
  }
  if (alive()) {
    killGroup(pid, 'SIGKILL')
    const hard = Date.now() + 5_000
    while (alive() && Date.now() < hard) await (exited ? Promise.race([exited, sleep(50)]) : sleep(50))
  }
}
