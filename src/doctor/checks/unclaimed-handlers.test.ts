import assert from 'node:assert/strict'
import { it } from 'node:test'
import { node, runtimeClass, snapshot } from '../testing/fake-host.ts'
import { checkUnclaimedHandlers, createClassCommand } from './unclaimed-handlers.ts'

it('warns once per handler no class names, with the nodes offering it and a class to create', () =>
  assert.deepEqual(
    checkUnclaimedHandlers(
      snapshot({ nodes: [node('b', { handlers: ['runc', 'runsc'] }), node('a', { handlers: ['crun', 'runc', 'runsc'] })], runtimeClasses: [runtimeClass('runc', 'runc')] }),
    ),
    [
      { name: 'handler crun', result: 'warn', detail: 'offered by a but no RuntimeClass uses it', fix: createClassCommand('crun') },
      { name: 'handler runsc', result: 'warn', detail: 'offered by a, b but no RuntimeClass uses it', fix: createClassCommand('runsc') },
    ],
  ))

it('suggests gvisor for runsc', () =>
  assert.equal(createClassCommand('runsc'), `kubectl apply -f - <<< '{"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":{"name":"gvisor"},"handler":"runsc"}'`))

it('every handler claimed: no rows', () => assert.deepEqual(checkUnclaimedHandlers(snapshot({ nodes: [node('a', { handlers: ['runc'] })], runtimeClasses: [runtimeClass('x', 'runc')] })), []))
