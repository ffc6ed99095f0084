import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KubeObject } from '../../api/meta.ts'
import { attrsFor, statusOf } from '../testing.ts'
import type { RuntimeClassObject, Toleration } from './pod-spec.ts'
import { setScheduling } from './scheduling.ts'

// Upstream's newSchedulingValidPod: only nodeSelector and tolerations, each possibly absent.
const schedPod = (name: string, nodeSelector?: Record<string, string>, tolerations?: Toleration[]): KubeObject => ({
  metadata: { name, namespace: 'test' },
  spec: { ...(nodeSelector ? { nodeSelector } : {}), ...(tolerations ? { tolerations } : {}) },
})
const rc = (scheduling?: RuntimeClassObject['scheduling']): RuntimeClassObject => ({ metadata: { name: 'foo' }, handler: 'bar', ...(scheduling ? { scheduling } : {}) })
const noSchedule = (key: string, value: string): Toleration => ({ key, operator: 'Equal', value, effect: 'NoSchedule' })

describe('setScheduling (TestSetScheduling): the whole resulting pod is compared', () => {
  const cases: { name: string; rc: RuntimeClassObject | undefined; pod: KubeObject; want?: KubeObject; error?: string }[] = [
    {
      name: 'scheduling, nil scheduling',
      rc: rc(),
      pod: schedPod('pod-with-conflict-node-selector', { foo: 'bar' }, []),
      want: schedPod('pod-with-conflict-node-selector', { foo: 'bar' }, []),
    },
    {
      name: 'scheduling, conflict node selector',
      rc: rc({ nodeSelector: { foo: 'conflict' } }),
      pod: schedPod('pod-with-conflict-node-selector', { foo: 'bar' }, []),
      error: 'pods "pod-with-conflict-node-selector" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[foo] = conflict; pod.spec.nodeSelector[foo] = bar',
    },
    {
      name: 'scheduling, nil node selector',
      rc: rc({ nodeSelector: { foo: 'bar' } }),
      pod: schedPod('pod-with-conflict-node-selector'),
      want: schedPod('pod-with-conflict-node-selector', { foo: 'bar' }),
    },
    {
      name: 'scheduling, node selector with the same key value',
      rc: rc({ nodeSelector: { foo: 'bar' } }),
      pod: schedPod('pod-with-same-key-value-node-selector', { foo: 'bar' }),
      want: schedPod('pod-with-same-key-value-node-selector', { foo: 'bar' }),
    },
    {
      name: 'scheduling, node selector with different key value',
      rc: rc({ nodeSelector: { foo: 'bar', fizz: 'buzz' } }),
      pod: schedPod('pod-with-different-key-value-node-selector', { foo: 'bar' }),
      want: schedPod('pod-with-different-key-value-node-selector', { foo: 'bar', fizz: 'buzz' }),
    },
    {
      name: 'scheduling, multiple tolerations',
      rc: rc({ tolerations: [noSchedule('foo', 'bar'), noSchedule('fizz', 'buzz')] }),
      pod: schedPod('pod-with-tolerations', { foo: 'bar' }, [noSchedule('foo', 'bar')]),
      want: schedPod('pod-with-tolerations', { foo: 'bar' }, [noSchedule('foo', 'bar'), noSchedule('fizz', 'buzz')]),
    },
    // Beyond upstream's table.
    { name: 'no class: untouched', rc: undefined, pod: schedPod('p', { a: 'b' }, []), want: schedPod('p', { a: 'b' }, []) },
    {
      name: 'scheduling present: empty tolerations on both sides become absent',
      rc: rc({ nodeSelector: { foo: 'bar' } }),
      pod: schedPod('p', undefined, []),
      want: schedPod('p', { foo: 'bar' }),
    },
    {
      name: 'the seed kata class: selector and Exists toleration added',
      rc: rc({ nodeSelector: { runtime: 'kata' }, tolerations: [{ key: 'kata', operator: 'Exists', effect: 'NoSchedule' }] }),
      pod: schedPod('p', { zone: 'a' }, [noSchedule('zone', 'asia-east1')]),
      want: schedPod('p', { zone: 'a', runtime: 'kata' }, [noSchedule('zone', 'asia-east1'), { key: 'kata', operator: 'Exists', effect: 'NoSchedule' }]),
    },
    {
      name: 'an empty pod selector is merged into, not replaced',
      rc: rc({ nodeSelector: { foo: 'bar' } }),
      pod: schedPod('p', {}),
      want: schedPod('p', { foo: 'bar' }),
    },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      if (c.error) {
        const status = (await statusOf(() => setScheduling(attrsFor(c.pod), c.pod, c.rc))) as { code: number; reason: string; message: string }
        assert.deepEqual([status.code, status.reason, status.message], [403, 'Forbidden', c.error])
        return
      }
      setScheduling(attrsFor(c.pod), c.pod, c.rc)
      assert.deepEqual(c.pod, c.want)
    })
  }
})
