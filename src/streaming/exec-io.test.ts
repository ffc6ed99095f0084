/**
 * The remotecommand wire values: subprotocol negotiation, the exact Status
 * frames kubectl and client-node read from the error channel, resize parsing.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { errorStatus, exitStatus, negotiate, parseResize } from './exec-io.ts'

describe('negotiate', () => {
  for (const { offered, want } of [
    { offered: 'v5.channel.k8s.io', want: 'v5.channel.k8s.io' },
    { offered: 'v5.channel.k8s.io,v4.channel.k8s.io,v3.channel.k8s.io,v2.channel.k8s.io,channel.k8s.io', want: 'v5.channel.k8s.io' },
    { offered: 'v4.channel.k8s.io, v3.channel.k8s.io, v2.channel.k8s.io, channel.k8s.io', want: 'v4.channel.k8s.io' },
    { offered: 'v3.channel.k8s.io, channel.k8s.io', want: undefined },
    { offered: '', want: undefined },
  ]) {
    test(`${offered || '(none)'} → ${want}`, () => assert.equal(negotiate(offered), want))
  }
})

describe('Status on the error channel', () => {
  test('exit 0 is the bare Success Status', () => {
    assert.equal(JSON.stringify(exitStatus(0, ['true'])), '{"metadata":{},"status":"Success"}')
  })
  test('a non-zero exit is NonZeroExitCode with the ExitCode cause kubectl turns into its exit code', () => {
    assert.deepEqual(exitStatus(7, ['sh', '-c', 'exit 7']), {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 7], exit code 7',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    })
  })
  test('a runner failure is an InternalError', () => {
    assert.deepEqual(errorStatus('boom'), { metadata: {}, status: 'Failure', message: 'boom', reason: 'InternalError', details: { causes: [{ message: 'boom' }] }, code: 500 })
  })
})

describe('parseResize', () => {
  for (const { input, want } of [
    { input: '{"Width":80,"Height":24}', want: { width: 80, height: 24 } },
    { input: '{"Width":80}', want: undefined },
    { input: 'not json', want: undefined },
  ]) {
    test(input, () => assert.deepEqual(parseResize(Buffer.from(input)), want))
  }
})
