import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  Quantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
  canonicalizeQuantity,
  compareQuantities,
  parseQuantity,
  tryParseQuantity,
} from './quantity.ts'

test('format error text is upstream ErrFormatWrong', () => {
  assert.equal(
    QUANTITY_FORMAT_ERROR,
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  )
})

// in → what the API server writes back (upstream TestQuantityParseEmit / TestQuantityString and derived).
const serialized: [string, string][] = [
  // DecimalSI
  ['0', '0'],
  ['0m', '0'],
  ['0.1', '100m'],
  ['1000m', '1'],
  ['500m', '500m'],
  ['100m', '100m'],
  ['1.5', '1500m'],
  ['1.08', '1080m'],
  ['1.1m', '1100u'],
  ['10G', '10G'],
  ['1000M', '1G'],
  ['50k', '50k'],
  ['0.001T', '1G'],
  ['1080000000n', '1080m'],
  ['1000u', '1m'],
  ['-1', '-1'],
  ['-1000m', '-1'],
  ['12E', '12E'],
  // rounding up to nano precision
  ['0.1n', '1n'],
  ['3.001n', '4n'],
  ['0.0000000005', '1n'],
  ['0.00000012345', '124n'],
  ['-0.1n', '-1n'],
  // BinarySI
  ['128Mi', '128Mi'],
  ['1Ki', '1Ki'],
  ['1024Mi', '1Gi'],
  ['1.5Gi', '1536Mi'],
  ['0.5Mi', '512Ki'],
  ['0.05Gi', '53687091200m'],
  ['1.1Ki', '1126400m'],
  ['.001Ki', '1024m'],
  ['.000001Ki', '1024u'],
  ['.000000000001Ki', '2n'],
  ['-.000000000001Ki', '-2n'],
  ['-1Ki', '-1Ki'],
  ['0Ki', '0'],
  ['9Ei', '9223372036854775807'],
  // DecimalExponent
  ['1e3', '1e3'],
  ['1E3', '1E3'],
  ['1e1', '10'],
  ['1.2e3', '1200'],
  ['1.3E+6', '1300e3'],
  ['0.5e-9', '1e-9'],
  ['1E-3', '1E-3'],
  ['.001e12', '1e9'],
  ['0.001e0', '1e-3'],
  ['1000e-12', '1e-9'],
  // upstream keeps text its fast path judged canonical, quirks included
  ['100.035k', '100.035k'],
  ['+1', '+1'],
  ['1.', '1.'],
  ['1.G', '1.G'],
  ['01', '01'],
]

for (const [input, want] of serialized) {
  test(`parseQuantity(${JSON.stringify(input)}) serializes as ${want}`, () => {
    const q = parseQuantity(input)
    assert.equal(q.toString(), want)
    assert.equal(JSON.stringify({ q }), JSON.stringify({ q: want }))
    assert.equal(canonicalizeQuantity(input), want)
  })
}

test('canonical() ignores kept text', () => {
  assert.deepEqual(
    ['100.035k', '+1', '1E3', '10G'].map((s) => parseQuantity(s).canonical()),
    ['100035', '1', '1e3', '10G'],
  )
})

const formats: [string, string][] = [
  ['1', 'DecimalSI'],
  ['1Ki', 'BinarySI'],
  ['0Ki', 'BinarySI'],
  ['0.000000000001Ki', 'DecimalSI'],
  ['1e3', 'DecimalExponent'],
  ['0.5e0', 'DecimalExponent'],
]
for (const [input, want] of formats) {
  test(`format of ${input} is ${want}`, () => assert.equal(parseQuantity(input).format, want))
}

const errors: [string, string][] = [
  ['', QUANTITY_FORMAT_ERROR],
  ['abc', QUANTITY_FORMAT_ERROR],
  ['1Z', QUANTITY_FORMAT_ERROR],
  ['1Mb', QUANTITY_FORMAT_ERROR],
  ['1.2.3', QUANTITY_FORMAT_ERROR],
  [' 1', QUANTITY_FORMAT_ERROR],
  ['1mM', QUANTITY_SUFFIX_ERROR],
  ['1Kii', QUANTITY_SUFFIX_ERROR],
  ['1e', QUANTITY_SUFFIX_ERROR],
  ['.e-20', QUANTITY_NUMERIC_ERROR],
]
for (const [input, message] of errors) {
  test(`parseQuantity(${JSON.stringify(input)}) throws "${message}"`, () => {
    assert.throws(() => parseQuantity(input), { message })
    assert.equal(tryParseQuantity(input), undefined)
  })
}

test('upstream oddities that parse as zero', () => {
  assert.deepEqual(['-', '+', '.', 'm', 'e3', 'Ki'].map((s) => parseQuantity(s).toString()), ['0', '0', '0', '0', '0', '0'])
})

const values: [string, number, number, boolean][] = [
  // input, value(), milliValue(), isInteger()
  ['1', 1, 1000, true],
  ['500m', 1, 500, false],
  ['1.5', 2, 1500, false],
  ['-1.5', -2, -1500, false],
  ['1n', 1, 1, false],
  ['1Gi', 1073741824, 1073741824000, true],
  ['2k', 2000, 2000000, true],
  ['0', 0, 0, true],
]
for (const [input, value, milli, integer] of values) {
  test(`value/milliValue/isInteger of ${input}`, () => {
    const q = parseQuantity(input)
    assert.deepEqual([q.value(), q.milliValue(), q.isInteger()], [value, milli, integer])
  })
}

const comparisons: [string, string, -1 | 0 | 1][] = [
  ['1', '1000m', 0],
  ['1Gi', '1024Mi', 0],
  ['1G', '1Gi', -1],
  ['100m', '0.1', 0],
  ['-1', '0', -1],
  ['2', '1999m', 1],
  ['1e3', '1k', 0],
]
for (const [a, b, want] of comparisons) {
  test(`compare ${a} with ${b} is ${want}`, () => assert.equal(compareQuantities(a, b), want))
}

test('add and sub keep the receiver format, a zero receiver takes the other', () => {
  assert.equal(parseQuantity('100m').add(parseQuantity('1')).toString(), '1100m')
  assert.equal(parseQuantity('1Gi').add(parseQuantity('512Mi')).toString(), '1536Mi')
  assert.equal(parseQuantity('1Gi').sub(parseQuantity('1Gi')).toString(), '0')
  assert.equal(parseQuantity('0').add(parseQuantity('1Ki')).toString(), '1Ki')
  assert.equal(parseQuantity('0').sub(parseQuantity('2Ki')).toString(), '-2Ki')
  assert.equal(parseQuantity('1').sub(parseQuantity('250m')).toString(), '750m')
})

test('constructors', () => {
  assert.equal(Quantity.fromInt(2048, 'BinarySI').toString(), '2Ki')
  assert.equal(Quantity.fromInt(5, 'BinarySI').toString(), '5')
  assert.equal(Quantity.fromMilli(1500).toString(), '1500m')
  assert.equal(Quantity.fromInt(1025, 'BinarySI').toString(), '1025')
  assert.equal(new Quantity(1n, 9, 'DecimalExponent').toString(), '1e9')
  assert.equal(new Quantity(1234567n, -3, 'BinarySI').toString(), '1234567m')
})
