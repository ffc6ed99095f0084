import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CriError, isNotFound, toCriError } from './errors.ts'

describe('CriError', () => {
  it('renders like gRPC-go', () => {
    const err = new CriError(2, 'failed to get sandbox runtime: no runtime for "x" is configured', 'RunPodSandbox')
    assert.deepEqual(
      { message: err.message, code: err.code, grpcCode: err.grpcCode, method: err.method },
      {
        message: 'rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "x" is configured',
        code: 'Unknown',
        grpcCode: 2,
        method: 'RunPodSandbox',
      },
    )
  })

  for (const { name, input, want } of [
    { name: 'grpc-js NotFound', input: Object.assign(new Error('5 NOT_FOUND: an error'), { code: 5, details: 'an error' }), want: 'rpc error: code = NotFound desc = an error' },
    { name: 'deadline', input: { code: 4, details: 'Deadline exceeded after 1.001s' }, want: 'rpc error: code = DeadlineExceeded desc = Deadline exceeded after 1.001s' },
    { name: 'unavailable without details', input: { code: 14, message: 'No connection established' }, want: 'rpc error: code = Unavailable desc = No connection established' },
    { name: 'a plain Error', input: new Error('boom'), want: 'rpc error: code = Unknown desc = boom' },
    { name: 'a string', input: 'weird', want: 'rpc error: code = Unknown desc = weird' },
  ]) {
    it(`maps ${name}`, () => assert.equal(toCriError(input, 'Version').message, want))
  }

  it('maps once (idempotent) and tests codes, not text', () => {
    const err = toCriError({ code: 5, details: 'gone' }, 'ContainerStatus')
    assert.equal(toCriError(err, 'Other'), err)
    assert.equal(isNotFound(err), true)
    assert.equal(isNotFound(new Error('NotFound')), false)
  })
})
