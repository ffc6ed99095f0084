/** Container config: env (values, fieldRef, $(VAR)), command expansion, log path, security context, no_new_privs per handler. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../api/meta.ts'
import { buildContainerConfig, expand, type ContainerContext } from './container-config.ts'
import { buildSandboxConfig } from './sandbox-config.ts'

type Obj = Record<string, any>

const pod = (spec: Obj = {}): KubeObject => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'u1', labels: { app: 'w' } },
  spec: { nodeName: 'n1', containers: [], ...spec },
})
const ctx = (over: Partial<ContainerContext> = {}): ContainerContext => ({
  dataDir: '/d', nodeName: 'n1', handler: 'runc', podIP: '10.88.0.5', hostIP: '192.0.2.1', memoryCapacity: 1 << 30, restartCount: 2, image: 'busybox', ...over,
})

describe('expand', () => {
  const env = new Map([['A', 'x']])
  for (const [input, want] of [['$(A)', 'x'], ['$(B)', '$(B)'], ['$$(A)', '$(A)'], ['a-$(A)-b', 'a-x-b'], ['$A', '$A']]) {
    test(`${input} → ${want}`, () => assert.equal(expand(input, env), want))
  }
})

describe('buildContainerConfig', () => {
  test('env, command, args, workingDir, log path, labels', () => {
    const c = {
      name: 'main', image: 'busybox', command: ['sh', '-c'], args: ['echo $(GREETING) $(POD)'], workingDir: '/tmp',
      env: [
        { name: 'GREETING', value: 'hi' },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'BOTH', value: '$(GREETING)-$(POD)' },
        { name: 'GREETING', value: 'hello' },
      ],
    }
    const cfg = buildContainerConfig(pod(), c, ctx())
    assert.deepEqual(cfg.envs, [
      { key: 'GREETING', value: 'hello' }, { key: 'POD', value: 'web' }, { key: 'IP', value: '10.88.0.5' }, { key: 'APP', value: 'w' }, { key: 'BOTH', value: 'hi-web' },
    ])
    assert.deepEqual([cfg.command, cfg.args, cfg.working_dir, cfg.log_path, cfg.metadata], [['sh', '-c'], ['echo hello web'], '/tmp', 'main/2.log', { name: 'main', attempt: 2 }])
    assert.equal(cfg.labels?.['io.kubernetes.container.name'], 'main')
    assert.equal(cfg.labels?.['io.kubernetes.pod.uid'], 'u1')
  })

  for (const { name, handler, sc, want } of [
    { name: 'runc, nothing asked', handler: 'runc', sc: undefined, want: { namespace_options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
    { name: 'runc-hardened always sets no_new_privs', handler: 'runc-hardened', sc: undefined, want: { no_new_privs: true, namespace_options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
    {
      name: 'securityContext basics',
      handler: 'runc',
      sc: { runAsUser: 1000, runAsGroup: 3000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } },
      want: {
        run_as_user: { value: '1000' }, run_as_group: { value: '3000' }, readonly_rootfs: true, no_new_privs: true,
        capabilities: { add_capabilities: [], drop_capabilities: ['ALL'] }, namespace_options: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' },
      },
    },
  ]) {
    test(name, () => {
      const cfg = buildContainerConfig(pod(), { name: 'c', image: 'busybox', ...(sc ? { securityContext: sc } : {}) }, ctx({ handler }))
      assert.deepEqual(cfg.linux?.security_context, want)
    })
  }

  test('emptyDir and hostPath mounts', () => {
    const p = pod({ volumes: [{ name: 'scratch', emptyDir: {} }, { name: 'host', hostPath: { path: '/var/x' } }] })
    const cfg = buildContainerConfig(p, { name: 'c', image: 'busybox', volumeMounts: [{ name: 'scratch', mountPath: '/s' }, { name: 'host', mountPath: '/h', readOnly: true }] }, ctx())
    assert.deepEqual(cfg.mounts, [
      { container_path: '/s', host_path: '/d/pods/u1/volumes/kubernetes.io~empty-dir/scratch', readonly: false },
      { container_path: '/h', host_path: '/var/x', readonly: true },
    ])
  })
})

describe('buildSandboxConfig', () => {
  test('metadata, hostname, log directory, labels, overhead', () => {
    const p = pod({ overhead: { cpu: '250m', memory: '120Mi' }, containers: [{ name: 'c', resources: { limits: { cpu: '1', memory: '200Mi' } } }] })
    const cfg = buildSandboxConfig(p, { dataDir: '/d', nodeName: 'n1', attempt: 1, cgroupParent: '/kubepods/burstable/podu1' })
    assert.deepEqual(cfg.metadata, { name: 'web', uid: 'u1', namespace: 'ns', attempt: 1 })
    assert.equal(cfg.hostname, 'web')
    assert.equal(cfg.log_directory, '/d/pods/ns_web_u1')
    assert.deepEqual(cfg.labels, { app: 'w', 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'ns', 'io.kubernetes.pod.uid': 'u1', 'runclass.dev/node-name': 'n1' })
    assert.equal(cfg.linux?.cgroup_parent, '/kubepods/burstable/podu1')
    assert.deepEqual(cfg.linux?.overhead, { cpu_shares: '256', cpu_period: '100000', cpu_quota: '25000', memory_limit_in_bytes: '125829120' })
  })
})
