import assert from 'node:assert/strict'
import { it } from 'node:test'
import { fakeHost } from '../testing/fake-host.ts'
import { checkKvm } from './kvm.ts'

const FIX = 'nothing to do for runc, crun, runsc (ptrace); for Kata use a host with hardware virtualisation (vmx/svm)'
const K = { '/proc/sys/kernel/osrelease': '6.18.44-fc\n' }
const cases = [
  {
    name: 'kvm_pvm (this project\'s hosts): warn',
    files: { ...K, '/dev/kvm': '', '/sys/module/kvm_pvm/parameters': '', '/proc/cpuinfo': 'flags\t: fpu hypervisor\n' },
    want: { name: 'kernel / kvm', result: 'warn', detail: "6.18.44-fc; /dev/kvm is kvm_pvm (no vmx/svm): Kata and gVisor's KVM platform unavailable", fix: FIX },
  },
  { name: 'no /dev/kvm: warn', files: K, want: { name: 'kernel / kvm', result: 'warn', detail: '6.18.44-fc; no /dev/kvm: VM runtimes (Kata) unavailable', fix: FIX } },
  {
    name: '/dev/kvm without vmx/svm: warn',
    files: { ...K, '/dev/kvm': '', '/proc/cpuinfo': 'flags\t: fpu hypervisor\n' },
    want: { name: 'kernel / kvm', result: 'warn', detail: '6.18.44-fc; /dev/kvm present but the CPU shows no vmx/svm: VM runtimes unlikely to work', fix: FIX },
  },
  { name: 'hardware virtualisation: ok', files: { ...K, '/dev/kvm': '', '/proc/cpuinfo': 'flags\t: fpu vmx sse\n' }, want: { name: 'kernel / kvm', result: 'ok', detail: '6.18.44-fc; /dev/kvm with hardware virtualisation' } },
]
for (const c of cases) it(c.name, () => assert.deepEqual(checkKvm(fakeHost(c.files)), c.want))
