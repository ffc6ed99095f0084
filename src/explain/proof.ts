/**
 * Proof of isolation: what to run to show which runtime really runs a Pod,
 * and how to read the answers (runtimes-debian.md §5–§6). The runtime is
 * recognised by the real binary behind the handler, not by the handler's
 * name, so a class `sandboxed` with handler `runsc` is proven as gVisor.
 *  - runsc: the guest kernel (`uname -r` 4.4.0, not the host's) and `dmesg`
 *    starting with `Starting gVisor...`;
 *  - runc with a base_runtime_spec (runc-hardened): `ulimit -n` = 256;
 *  - crun: crun's own state root lists the container;
 *  - runc: the host kernel is shared (namespaces and cgroups only).
 * The runtime's `list` on its Root is shown for every handler with a Root.
 */
import { basename, join } from 'node:path'
import { HARDENED_NOFILE } from '../cri/hardened-spec.ts'
import type { CommandResult, ProofFacts, RuntimeEntry, Step } from './types.ts'

export type RuntimeKind = 'gvisor' | 'hardened' | 'crun' | 'runc' | 'other'

export const runtimeKind = (entry: RuntimeEntry, runtime: string | undefined): RuntimeKind => {
  const name = basename(runtime ?? entry.binaryName ?? '')
  if (name === 'runsc' || name === 'runsc-cri') return 'gvisor'
  if (name === 'crun' || name === 'crun-v1') return 'crun'
  if (name === 'runc') return entry.baseRuntimeSpec ? 'hardened' : 'runc'
  return 'other'
}

/** Commands to run inside the container (ExecSync), by purpose. */
export const execCommands = (kind: RuntimeKind): Record<string, string[]> => {
  const cmds: Record<string, string[]> = { uname: ['uname', '-r'] }
  if (kind === 'gvisor') cmds.dmesg = ['dmesg']
  if (kind === 'hardened') cmds.nofile = ['sh', '-c', 'ulimit -n']
  return cmds
}

/** `<runtime> --root <Root>/k8s.io list` (containerd's runc shim keeps state per namespace). */
export const listCommand = (entry: RuntimeEntry, runtime: string | undefined): string[] | undefined => {
  if (!entry.root || !runtime) return undefined
  const name = basename(runtime)
  if (!['runc', 'crun', 'runsc'].includes(name)) return undefined
  return [runtime, '--root', join(entry.root, 'k8s.io'), 'list']
}

const out = (r: CommandResult | undefined) => (r && !r.error && r.exitCode === 0 ? r.stdout.trim() : undefined)
const failed = (r: CommandResult) => `${r.argv.join(' ')} failed: ${r.error ?? `exit ${r.exitCode}`}`

export const proofStep = (kind: RuntimeKind, p: ProofFacts, ids: { sandbox: string; container?: string }): Step => {
  const title = 'Isolation proof'
  const facts: string[] = []
  const uname = out(p.exec.uname)
  if (uname !== undefined) facts.push(`uname -r in the container: ${uname} (host: ${p.hostKernel})`)
  for (const r of Object.values(p.exec)) if (out(r) === undefined) facts.push(failed(r))
  if (p.runtimeList) {
    const listed = out(p.runtimeList)
    if (listed === undefined) facts.push(failed(p.runtimeList))
    else {
      const mine = [ids.sandbox, ids.container].filter((id): id is string => !!id && listed.includes(id))
      facts.push(`${p.runtimeList.argv.join(' ')}: lists ${mine.length ? mine.map((id) => id.slice(0, 12)).join(', ') : 'neither the sandbox nor the container'}`)
    }
  }
  const listedHere = p.runtimeList && (out(p.runtimeList) ?? '').includes(ids.container ?? ids.sandbox)
  if (!p.container) return { title, mark: 'wait', summary: 'no running container to look inside', facts }
  switch (kind) {
    case 'gvisor': {
      const dmesg = out(p.exec.dmesg)
      const first = dmesg?.split('\n')[0]
      if (first !== undefined) facts.push(`dmesg: ${first}`)
      const ok = uname !== undefined && uname !== p.hostKernel && /Starting gVisor/.test(dmesg ?? '')
      return ok
        ? { title, mark: 'ok', summary: `gVisor: guest kernel ${uname}, not the host's ${p.hostKernel}`, facts }
        : { title, mark: 'fail', summary: 'expected gVisor, but the container does not see a gVisor kernel', facts, cause: 'the handler does not run runsc, or the exec failed' }
    }
    case 'hardened': {
      const nofile = out(p.exec.nofile)
      if (nofile !== undefined) facts.push(`ulimit -n in the container: ${nofile} (base_runtime_spec sets ${HARDENED_NOFILE})`)
      return nofile === String(HARDENED_NOFILE)
        ? { title, mark: 'ok', summary: `runc with the hardened base spec: RLIMIT_NOFILE ${nofile}`, facts }
        : { title, mark: 'fail', summary: `expected ulimit -n ${HARDENED_NOFILE}`, facts, cause: 'the base_runtime_spec was not applied' }
    }
    case 'crun':
      return listedHere
        ? { title, mark: 'ok', summary: `crun runs it: crun's state root lists the container; shares the host kernel ${p.hostKernel}`, facts }
        : { title, mark: 'fail', summary: "crun's state root does not list the container", facts, cause: 'the container is not run by crun' }
    case 'runc':
      return { title, mark: 'ok', summary: `runc: namespaces and cgroups on the host kernel ${uname ?? p.hostKernel} (no kernel isolation)`, facts }
    default:
      return { title, mark: 'ok', summary: uname && uname !== p.hostKernel ? `own kernel ${uname} (host ${p.hostKernel})` : 'shares the host kernel', facts }
  }
}
