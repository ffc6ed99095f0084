import { test } from 'node:test'
import assert from 'node:assert/strict'
import { render } from './render.ts'

test('render: marks, aligned titles, facts, cause and fix', () => {
  const text = render({
    subject: 'Pod default/p',
    steps: [
      { title: 'RuntimeClass', mark: 'ok', summary: 'gvisor', facts: ['handler runsc'] },
      { title: 'Node agent', mark: 'fail', summary: 'Failed', facts: [], cause: 'no runtime', fix: 'install runsc' },
      { title: 'Sandbox', mark: 'skip', summary: '', facts: [] },
      { title: 'Proof', mark: 'wait', summary: 'pending', facts: [] },
    ],
  })
  assert.equal(
    text,
    [
      'Pod default/p',
      '✔ RuntimeClass  gvisor',
      '    handler runsc',
      '✖ Node agent    Failed',
      '    cause: no runtime',
      '    fix:   install runsc',
      '– Sandbox',
      '… Proof         pending',
      '',
    ].join('\n'),
  )
})
