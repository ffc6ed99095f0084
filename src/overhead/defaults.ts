/**
 * `overhead.podFixed` for a handler when this node has no measurement of its
 * own (`runclass measure-overhead --write` replaces them). Numbers measured on
 * Debian 12, containerd 1.6.20, 3–5 idle pods (pause + `sleep`) per handler,
 * shim + descendants from smaps_rollup (runtimes-debian.md §8, and
 * measure-overhead on this host):
 *
 * - runc / crun / runc-hardened: shim 13–14 MiB RSS + pause; 14.3–14.5 MiB RSS
 *   per pod (5.3 MiB PSS), idle CPU 0.0m, ~40 ms CPU to start. 20Mi leaves
 *   ~35 % for the shim's growth under exec and log traffic. nvidia's runtime
 *   is runc with a prestart hook: same shim, same cost.
 * - runsc: shim + a sentry (runsc-sandbox) and a gofer per container (pause
 *   and app each get one here) + ptrace stubs; 100.7–101.5 MiB RSS per pod
 *   (~30 MiB PSS), idle CPU 1.1m, ~170 ms CPU to start. 128Mi covers it with
 *   the sentry's growth; each further container adds ≈ 43 MiB RSS.
 * - CPU: 10m everywhere (podfixed.ts MIN_CPU_MILLICORES): idle sandboxes use
 *   ~0; the sentry's per-syscall work grows with the app and belongs in the
 *   container's own requests, not a fixed overhead.
 * - kata (not installed here, not measured): upstream kata-deploy's
 *   RuntimeClass, memory 160Mi cpu 250m (a VM with its own vCPU threads).
 */
import type { PodFixed } from './podfixed.ts'

const RUNC_LIKE: PodFixed = { memory: '20Mi', cpu: '10m' }

export const DEFAULT_POD_FIXED: Record<string, PodFixed> = {
  runc: RUNC_LIKE,
  crun: RUNC_LIKE,
  'runc-hardened': RUNC_LIKE,
  nvidia: RUNC_LIKE,
  runsc: { memory: '128Mi', cpu: '10m' },
  kata: { memory: '160Mi', cpu: '250m' },
}

/** The default for `handler`; kata variants (kata-qemu, kata-clh, …) share kata's; unknown ones get runc's shim cost. */
export const defaultPodFixed = (handler: string): PodFixed =>
  DEFAULT_POD_FIXED[handler] ?? (handler.startsWith('kata') ? DEFAULT_POD_FIXED.kata : RUNC_LIKE)
