/** gRPC-go rendering of CRI errors and the unknown-handler test. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { CriError } from '../cri/errors.ts'
import { isUnknownHandlerError, renderCriError } from './cri-errors.ts'

const NO_RUNTIME = 'failed to get sandbox runtime: no runtime for "nope" is configured'

describe('renderCriError', () => {
  for (const { name, err, want, unknownHandler } of [
    { name: 'numeric code 2', err: new CriError(2, NO_RUNTIME, 'RunPodSandbox'), want: `rpc error: code = Unknown desc = ${NO_RUNTIME}`, unknownHandler: true },
    { name: 'string code NOT_FOUND', err: Object.assign(new Error('x'), { code: 'NOT_FOUND', details: 'image not found' }), want: 'rpc error: code = NotFound desc = image not found', unknownHandler: false },
    { name: 'already rendered', err: new Error(`rpc error: code = Unknown desc = ${NO_RUNTIME}`), want: `rpc error: code = Unknown desc = ${NO_RUNTIME}`, unknownHandler: true },
    { name: 'grpc-js message without details', err: Object.assign(new Error('4 DEADLINE_EXCEEDED: Deadline exceeded'), { code: 4 }), want: 'rpc error: code = DeadlineExceeded desc = 4 DEADLINE_EXCEEDED: Deadline exceeded', unknownHandler: false },
    { name: 'plain error', err: new Error('boom'), want: 'boom', unknownHandler: false },
    { name: 'CRI-O wording', err: new CriError(2, 'failed to find runtime handler x from runtime list map[]', 'RunPodSandbox'), want: 'rpc error: code = Unknown desc = failed to find runtime handler x from runtime list map[]', unknownHandler: true },
  ]) {
    test(name, () => {
      assert.equal(renderCriError(err), want)
      assert.equal(isUnknownHandlerError(err), unknownHandler)
    })
  }
})
