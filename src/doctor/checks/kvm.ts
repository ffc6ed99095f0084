/**
 * Host check (never blocks): whether hardware virtualisation is usable. On
 * this project's Firecracker guests /dev/kvm is `kvm_pvm` without vmx/svm
 * (runtimes-debian.md §1), so Kata, Firecracker and gVisor's KVM platform
 * cannot work; runc, crun and runsc on ptrace are unaffected, hence warn.
 */
import { hostExists, readHostFile } from '../host-fs.ts'
import type { CheckResult, HostContext } from '../interface.ts'

export const hasVirtFlags = (cpuinfo: string): boolean => /^flags\s*:.*\b(vmx|svm)\b/m.test(cpuinfo)

export const checkKvm = (ctx: HostContext): CheckResult => {
  const name = 'kernel / kvm'
  const kernel = readHostFile(ctx, '/proc/sys/kernel/osrelease')?.trim() || 'unknown kernel'
  const fix = 'nothing to do for runc, crun, runsc (ptrace); for Kata use a host with hardware virtualisation (vmx/svm)'
  if (hostExists(ctx, '/sys/module/kvm_pvm')) {
    return { name, result: 'warn', detail: `${kernel}; /dev/kvm is kvm_pvm (no vmx/svm): Kata and gVisor's KVM platform unavailable`, fix }
  }
  if (!hostExists(ctx, '/dev/kvm')) return { name, result: 'warn', detail: `${kernel}; no /dev/kvm: VM runtimes (Kata) unavailable`, fix }
  if (!hasVirtFlags(readHostFile(ctx, '/proc/cpuinfo') ?? '')) {
    return { name, result: 'warn', detail: `${kernel}; /dev/kvm present but the CPU shows no vmx/svm: VM runtimes unlikely to work`, fix }
  }
  return { name, result: 'ok', detail: `${kernel}; /dev/kvm with hardware virtualisation` }
}
