import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { discoverHandlers } from './discover-handlers.ts'
import type { RuntimeStatus } from './interface.ts'

const status = (runtime_handlers: string[], config?: unknown): RuntimeStatus => ({
  conditions: [],
  runtime_handlers: runtime_handlers.map((name) => ({ name })),
  info: config === undefined ? {} : ({ config: typeof config === 'string' ? config : JSON.stringify(config) } as Record<string, string>),
})

describe('discoverHandlers', () => {
  for (const { name, input, want } of [
    {
      name: 'containerd 1.6: empty runtime_handlers, keys of info.config containerd.runtimes, sorted',
      input: status([], { containerd: { defaultRuntimeName: 'runc', runtimes: { runsc: {}, runc: {}, 'runc-hardened': {}, crun: {} } } }),
      want: { handlers: ['crun', 'runc', 'runc-hardened', 'runsc'], defaultHandler: 'runc' },
    },
    { name: 'a runtime that lists handlers (default "" dropped)', input: status(['runsc', '', 'runc']), want: { handlers: ['runc', 'runsc'] } },
    { name: 'non-verbose status', input: status([]), want: { handlers: [] } },
    { name: 'unparsable config', input: status([], '{nope'), want: { handlers: [] } },
  ]) {
    it(name, () => assert.deepEqual(discoverHandlers(input), want))
  }
})
