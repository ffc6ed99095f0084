import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { FieldSet, fieldElement as f, indexElement, keyElement, pathString, valueElement } from './field-set.ts'

describe('field paths', () => {
  it('print like fieldpath', () => {
    assert.deepEqual(
      [
        [f('handler')],
        [f('spec'), f('containers'), keyElement({ name: 'main' }), f('image')],
        [f('spec'), f('ports'), keyElement({ protocol: 'TCP', containerPort: 80 })],
        [f('metadata'), f('finalizers'), valueElement('a')],
        [f('args'), indexElement(0)],
      ].map(pathString),
      ['.handler', '.spec.containers[name="main"].image', '.spec.ports[containerPort=80,protocol="TCP"]', '.metadata.finalizers[="a"]', '.args[0]'],
    )
  })
})

describe('FieldSet', () => {
  const a = FieldSet.of([f('handler')], [f('metadata'), f('labels')], [f('metadata'), f('labels'), f('tier')])
  const b = FieldSet.of([f('metadata'), f('labels'), f('tier')], [f('overhead'), f('podFixed'), f('cpu')])

  const table: { name: string; got: FieldSet; want: object }[] = [
    { name: 'union', got: a.union(b), want: { 'f:handler': {}, 'f:metadata': { 'f:labels': { '.': {}, 'f:tier': {} } }, 'f:overhead': { 'f:podFixed': { 'f:cpu': {} } } } },
    { name: 'difference', got: a.difference(b), want: { 'f:handler': {}, 'f:metadata': { 'f:labels': {} } } },
    { name: 'intersection', got: a.intersection(b), want: { 'f:metadata': { 'f:labels': { 'f:tier': {} } } } },
    { name: 'withoutPrefixes', got: a.union(b).withoutPrefixes([[f('metadata')], [f('overhead'), f('podFixed')]]), want: { 'f:handler': {} } },
  ]
  for (const c of table) it(c.name, () => assert.deepEqual(c.got.toFieldsV1(), c.want))

  it('iterates members before children, in element order', () => {
    assert.deepEqual(a.union(b).paths().map(pathString), ['.handler', '.metadata.labels', '.metadata.labels.tier', '.overhead.podFixed.cpu'])
  })

  it('knows its members and emptiness', () => {
    assert.equal(a.has([f('metadata'), f('labels')]), true)
    assert.equal(a.has([f('metadata')]), false)
    assert.equal(a.difference(a).empty, true)
  })

  it('rejects malformed FieldsV1', () => {
    assert.throws(() => FieldSet.fromFieldsV1({ 'x:y': {} }), /unknown path element prefix/)
  })
})
