import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isStatusError } from '../errors.ts'
import { formatLabelSelector, matches, parseLabelSelector, tryParseLabelSelector } from './label-selector.ts'
import { labelSelectorFromObject } from './label-selector-object.ts'
import type { LabelSelectorObject } from './label-selector-object.ts'

const KEY_REGEX_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

const good: { input: string; want: string; reqs?: unknown }[] = [
  { input: '', want: '' },
  { input: '   ', want: '' },
  { input: 'a=b', want: 'a=b', reqs: [{ key: 'a', operator: '=', values: ['b'] }] },
  { input: 'a==b', want: 'a==b' },
  { input: 'a!=b', want: 'a!=b' },
  { input: 'a', want: 'a', reqs: [{ key: 'a', operator: 'exists', values: [] }] },
  { input: '!a', want: '!a', reqs: [{ key: 'a', operator: '!', values: [] }] },
  { input: 'a in (y,x,y)', want: 'a in (x,y)', reqs: [{ key: 'a', operator: 'in', values: ['x', 'y'] }] },
  { input: 'a notin (x)', want: 'a notin (x)' },
  { input: 'b>5,a<3', want: 'a<3,b>5' },
  { input: ' a = b ,\tc!=d ', want: 'a=b,c!=d' },
  { input: 'x in (foo,,baz),y,z notin ()', want: 'x in (,baz,foo),y,z notin ()' },
  { input: 'a=', want: 'a=', reqs: [{ key: 'a', operator: '=', values: [''] }] },
  { input: 'in=notin', want: 'in=notin' },
  { input: 'example.com/tier in (a, b)', want: 'example.com/tier in (a,b)' },
]

for (const { input, want, reqs } of good) {
  test(`label selector ${JSON.stringify(input)} parses`, () => {
    const sel = parseLabelSelector(input)
    assert.equal(formatLabelSelector(sel), want)
    if (reqs) assert.deepEqual(sel.requirements, reqs)
  })
}

const bad: { input: string; error: string }[] = [
  { input: 'a b', error: 'unable to parse requirement: found \'b\', expected: in, notin, =, ==, !=, gt, lt' },
  { input: 'a=b c', error: "found 'c', expected: ',' or 'end of string'" },
  { input: 'a,', error: "found '', expected: identifier after ','" },
  { input: ',a', error: "found ',', expected: !, identifier, or 'end of string'" },
  { input: 'a in x', error: "unable to parse requirement: found 'x' expected: '('" },
  { input: 'a in (x', error: "unable to parse requirement: found '', expected: ',' or ')'" },
  { input: 'a in (x y)', error: "unable to parse requirement: found 'y', expected: ',' or ')'" },
  { input: 'a in (=)', error: "unable to parse requirement: found '=', expected: ',', ')' or identifier" },
  { input: 'a=(b)', error: "unable to parse requirement: found '(', expected: identifier" },
  { input: '!a=b', error: "found '=', expected: ',' or 'end of string'" },
  { input: 'a$b=c', error: `unable to parse requirement: <nil>: Invalid value: "a$b": ${KEY_REGEX_MSG}` },
  { input: 'a=b$', error: `unable to parse requirement: values[0][a]: Invalid value: "b$": ${VALUE_REGEX_MSG}` },
  { input: 'a>b', error: `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer` },
  {
    input: 'a<-1',
    error: `unable to parse requirement: values[0][a]: Invalid value: "-1": ${VALUE_REGEX_MSG}`,
  },
  { input: '/a', error: 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty' },
]

for (const { input, error } of bad) {
  test(`label selector ${JSON.stringify(input)} is rejected with upstream's message`, () => {
    assert.deepEqual(tryParseLabelSelector(input), { error })
    assert.throws(
      () => parseLabelSelector(input),
      (err: unknown) => isStatusError(err) && err.code === 400 && err.reason === 'BadRequest' && err.message === error,
    )
  })
}

const labels = { app: 'web', tier: 'front', replicas: '3' }
const matching: { selector: string; want: boolean }[] = [
  { selector: '', want: true },
  { selector: 'app=web', want: true },
  { selector: 'app==db', want: false },
  { selector: 'app!=db', want: true },
  { selector: 'missing!=x', want: true },
  { selector: 'app in (db,web)', want: true },
  { selector: 'app notin (web)', want: false },
  { selector: 'missing notin (web)', want: true },
  { selector: 'missing in (web)', want: false },
  { selector: 'tier', want: true },
  { selector: '!tier', want: false },
  { selector: '!missing', want: true },
  { selector: 'replicas>2', want: true },
  { selector: 'replicas<3', want: false },
  { selector: 'app>1', want: false },
  { selector: 'app=web,tier=back', want: false },
]

for (const { selector, want } of matching) {
  test(`label selector ${JSON.stringify(selector)} ${want ? 'matches' : 'does not match'}`, () => {
    assert.equal(matches(parseLabelSelector(selector), labels), want)
  })
}

test('missing labels behave as an empty set', () => {
  assert.equal(matches(parseLabelSelector('!a'), undefined), true)
  assert.equal(matches(parseLabelSelector('a'), undefined), false)
})

const objects: { name: string; sel: LabelSelectorObject | null | undefined; want: string; nothing?: boolean; matchesWeb: boolean }[] = [
  { name: 'nil selects nothing', sel: null, want: '', nothing: true, matchesWeb: false },
  { name: 'empty selects everything', sel: {}, want: '', matchesWeb: true },
  {
    name: 'labels and expressions combine, sorted by key',
    sel: { matchLabels: { tier: 'front' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }, { key: 'gone', operator: 'DoesNotExist' }] },
    want: 'app in (api,web),!gone,tier=front',
    matchesWeb: true,
  },
  { name: 'Exists', sel: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, want: 'zone', matchesWeb: false },
]

for (const { name, sel, want, nothing, matchesWeb } of objects) {
  test(`labelSelectorFromObject: ${name}`, () => {
    const s = labelSelectorFromObject(sel)
    assert.equal(formatLabelSelector(s), want)
    assert.equal(s.nothing, nothing)
    assert.equal(matches(s, labels), matchesWeb)
  })
}

const badObjects: { sel: LabelSelectorObject; error: string }[] = [
  { sel: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, error: '"Gt" is not a valid label selector operator' },
  { sel: { matchExpressions: [{ key: 'a', operator: 'In' }] }, error: "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty" },
  { sel: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, error: 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist' },
  { sel: { matchLabels: { 'a b': 'c' } }, error: `key: Invalid value: "a b": ${KEY_REGEX_MSG}` },
]

for (const { sel, error } of badObjects) {
  test(`labelSelectorFromObject rejects ${JSON.stringify(sel)}`, () => {
    assert.throws(() => labelSelectorFromObject(sel), (err: unknown) => isStatusError(err) && err.code === 400 && err.message === error)
  })
}
