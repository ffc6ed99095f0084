/**
 * The node agent against a real in-process apiserver and the fake CRI:
 * registration and heartbeat, a pod running under its class's handler with
 * upstream events and status, and the failure semantics of decisions b/e.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { LEASES, NODES, PODS, RUNTIME_CLASSES } from '../client/index.ts'
import { harness, NODE, pod, runtimeClass, until, type Harness } from './testing/agent-harness.ts'

type Obj = Record<string, any>

describe('node agent', () => {
  let h: Harness
  before(async () => {
    h = await harness()
  })
  after(() => h.stop())

  test('registers the Node with handlers, labels, nodeInfo and Ready, and keeps a Lease', async () => {
    const node = (await h.client.get(NODES, NODE)) as Obj
    assert.deepEqual(
      node.status.runtimeHandlers.map((r: Obj) => r.name),
      ['', 'runc', 'runc-hardened', 'runsc'],
    )
    assert.deepEqual(
      Object.entries(node.metadata.labels).filter(([k]) => k.startsWith('runtime-handler.runclass.dev/')),
      [['runtime-handler.runclass.dev/runc', 'true'], ['runtime-handler.runclass.dev/runc-hardened', 'true'], ['runtime-handler.runclass.dev/runsc', 'true']],
    )
    assert.equal(node.metadata.labels['kubernetes.io/hostname'], NODE)
    assert.equal(node.status.nodeInfo.containerRuntimeVersion, 'containerd://1.6.20~ds1')
    assert.equal(node.status.nodeInfo.kubeletVersion, 'v1.33.0-runclass')
    assert.equal(node.status.capacity.pods, '110')
    assert.deepEqual(
      node.status.conditions.map((c: Obj) => `${c.type}=${c.status} ${c.reason}: ${c.message}`),
      [
        'MemoryPressure=False KubeletHasSufficientMemory: kubelet has sufficient memory available',
        'DiskPressure=False KubeletHasNoDiskPressure: kubelet has no disk pressure',
        'PIDPressure=False KubeletHasSufficientPID: kubelet has sufficient PID available',
        'Ready=True KubeletReady: kubelet is posting ready status',
      ],
    )
    assert.deepEqual(node.status.addresses.map((a: Obj) => a.type), ['InternalIP', 'Hostname'])
    const lease = (await h.client.get(LEASES, NODE, 'kube-node-lease')) as Obj
    assert.equal(lease.spec.holderIdentity, NODE)
    assert.equal(lease.spec.leaseDurationSeconds, 40)
    const renewed = await until('lease renewal', async () => {
      const l = (await h.client.get(LEASES, NODE, 'kube-node-lease')) as Obj
      return l.spec.renewTime !== lease.spec.renewTime && l
    })
    assert.equal(renewed.metadata.ownerReferences[0].kind, 'Node')
  })

  test('runs a pod under its RuntimeClass handler and reports upstream status and events', async () => {
    await h.client.create(PODS, pod('web', { runtimeClassName: 'gvisor' }))
    const p = await until('web running', async () => {
      const p = await h.getPod('web')
      return p.status?.phase === 'Running' && p
    })
    assert.ok(h.cri.calls.includes('runPodSandbox runsc'))
    const [sandbox] = [...h.cri.sandboxes.values()].filter((s) => s.config.metadata.name === 'web')
    assert.equal(sandbox.sandbox.runtime_handler, 'runsc')
    assert.equal(sandbox.config.hostname, 'web')
    assert.equal(sandbox.config.log_directory, `${h.dataDir}/pods/default_web_${p.metadata.uid}`)
    assert.equal(sandbox.config.labels?.['io.kubernetes.pod.uid'], p.metadata.uid)
    const cs = p.status!.containerStatuses[0]
    assert.deepEqual(Object.keys(cs.state), ['running'])
    assert.equal(cs.ready, true)
    assert.equal(cs.started, true)
    assert.equal(cs.restartCount, 0)
    assert.match(cs.containerID, /^containerd:\/\/c\d+$/)
    assert.match(p.status!.podIP, /^10\.88\.0\.\d+$/)
    assert.equal(p.status!.qosClass, 'BestEffort')
    assert.deepEqual(
      p.status!.conditions.map((c: Obj) => `${c.type}=${c.status}`),
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True'],
    )
    assert.deepEqual(await h.events('web'), [
      'Normal Pulled Container image "busybox" already present on machine',
      'Normal Created Created container: main',
      'Normal Started Started container main',
    ])
  })

  test('a handler the runtime lacks fails the pod with RuntimeHandlerUnavailable and a Warning event', async () => {
    await h.client.create(RUNTIME_CLASSES, runtimeClass('nope', 'no-such-handler'))
    await h.client.create(PODS, pod('bad-handler', { runtimeClassName: 'nope' }))
    const p = await until('bad-handler failed', async () => {
      const p = await h.getPod('bad-handler')
      return p.status?.phase === 'Failed' && p
    }, 3000)
    const msg = 'failed to get sandbox runtime: no runtime for "no-such-handler" is configured'
    assert.equal(p.status!.reason, 'RuntimeHandlerUnavailable')
    assert.equal(p.status!.message, `Pod was rejected: ${msg}`)
    assert.deepEqual(await h.events('bad-handler'), [`Warning FailedCreatePodSandBox Failed to create pod sandbox: rpc error: code = Unknown desc = ${msg}`])
  })

  test('a RuntimeClass that vanished fails the pod with RuntimeClassNotFound', async () => {
    const sandboxesBefore = h.cri.calls.filter((c) => c.startsWith('runPodSandbox')).length
    await h.client.create(PODS, pod('ghost-class', { runtimeClassName: 'ghost' }))
    const p = await until('ghost-class failed', async () => {
      const p = await h.getPod('ghost-class')
      return p.status?.phase === 'Failed' && p
    }, 3000)
    assert.equal(p.status!.reason, 'RuntimeClassNotFound')
    assert.equal(p.status!.message, 'Pod was rejected: runtimeclass.node.k8s.io "ghost" not found')
    assert.deepEqual(await h.events('ghost-class'), ['Warning FailedCreatePodSandBox Failed to create pod sandbox: runtimeclass.node.k8s.io "ghost" not found'])
    assert.equal(h.cri.calls.filter((c) => c.startsWith('runPodSandbox')).length, sandboxesBefore, 'no sandbox was tried for it')
  })

  test('host network: empty hostname, NODE network namespace, pod IP = host IP', async () => {
    await h.client.create(PODS, pod('hostnet', { hostNetwork: true }))
    const p = await until('hostnet running', async () => {
      const p = await h.getPod('hostnet')
      return p.status?.phase === 'Running' && p
    })
    const [sandbox] = [...h.cri.sandboxes.values()].filter((s) => s.config.metadata.name === 'hostnet')
    assert.equal(sandbox.config.hostname, '')
    assert.equal(sandbox.config.linux?.security_context?.namespace_options?.network, 'NODE')
    assert.equal(p.status!.podIP, p.status!.hostIP)
  })

  test('an image not available offline: ErrImagePull, then ImagePullBackOff, no hang', async () => {
    await h.client.create(PODS, pod('noimage', {}, { image: 'nginx:1.25' }))
    const first = await until('ErrImagePull', async () => {
      const p = await h.getPod('noimage')
      return p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImagePull' && p.status.containerStatuses[0].state.waiting
    }, 3000)
    assert.match(first.message, /^Failed to pull image "nginx:1.25": rpc error: code = NotFound desc = image "nginx:1.25" is not available offline/)
    await until('ImagePullBackOff', async () => {
      const p = await h.getPod('noimage')
      return p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'
    }, 3000)
    const p = await h.getPod('noimage')
    assert.equal(p.status!.phase, 'Pending')
    const events = await h.events('noimage')
    assert.ok(events.includes('Normal Pulling Pulling image "nginx:1.25"'), events.join('\n'))
    assert.ok(events.includes('Warning Failed Error: ErrImagePull'))
    assert.ok(events.includes('Normal BackOff Back-off pulling image "nginx:1.25"'))
  })
})
