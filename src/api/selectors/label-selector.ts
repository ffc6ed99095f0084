/**
 * The `labelSelector` query parameter: upstream's lexer and recursive-descent
 * parser (apimachinery labels.Parse), so accepted syntax and error texts match.
 * A parse failure throws a 400 BadRequest whose message is upstream's error
 * (`unable to parse requirement: …` for a bad requirement). Matching and the
 * selector types live in requirement.ts and are re-exported here.
 */
import { badRequest } from '../errors.ts'
import { BINARY_OPERATORS, aggregateText, keyError, newRequirement, sortByKey } from './requirement.ts'
import type { LabelOperator, LabelSelector, Requirement } from './requirement.ts'

export { everything, formatLabelSelector, matches, nothing } from './requirement.ts'
export type { LabelOperator, LabelSelector, Requirement } from './requirement.ts'

type Token =
  | 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'identifier' | 'in' | '<' | '!=' | 'notin' | '('

const LITERAL_TOKENS: Record<string, Token> = {
  ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(',
}

interface Item {
  tok: Token
  lit: string
}

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n'
const isSpecial = (ch: string) => '=!(),><'.includes(ch) && ch !== ''

/** Splits the selector into tokens; the end is marked by an `end` item. */
const lex = (s: string): Item[] => {
  let pos = 0
  // Go reads a NUL byte at the end of input; a literal NUL ends scanning the same way.
  const read = () => (pos < s.length ? s[pos++] : '\0')
  const unread = () => void pos--
  const items: Item[] = []
  for (;;) {
    let ch = read()
    while (isWhitespace(ch)) ch = read()
    let item: Item
    if (ch === '\0') {
      item = { tok: 'end', lit: '' }
    } else if (isSpecial(ch)) {
      unread()
      // Longest operator made of special characters, e.g. `!=` but `=` then `(` for `=(`.
      let buffer = ''
      let last: Item | undefined
      for (;;) {
        const c = read()
        if (c === '\0') break
        if (!isSpecial(c)) {
          unread()
          break
        }
        buffer += c
        const tok = LITERAL_TOKENS[buffer]
        if (tok) last = { tok, lit: buffer }
        else if (last) {
          unread()
          break
        }
      }
      item = last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` }
    } else {
      unread()
      let buffer = ''
      for (;;) {
        const c = read()
        if (c === '\0') break
        if (isSpecial(c) || isWhitespace(c)) {
          unread()
          break
        }
        buffer += c
      }
      item = { tok: LITERAL_TOKENS[buffer] ?? 'identifier', lit: buffer }
    }
    items.push(item)
    if (item.tok === 'end') return items
  }
}

class ParseError extends Error {}

class Parser {
  private position = 0
  constructor(private readonly items: Item[]) {}

  // In value context `in`/`notin` are ordinary identifiers (`a in (in)`).
  private asValue(item: Item): Item {
    return item.tok === 'in' || item.tok === 'notin' ? { tok: 'identifier', lit: item.lit } : item
  }
  lookahead(values = true): Item {
    const item = this.items[this.position]
    return values ? this.asValue(item) : item
  }
  consume(values = true): Item {
    const item = this.items[this.position++]
    return values ? this.asValue(item) : item
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = []
    for (;;) {
      const { tok, lit } = this.lookahead()
      if (tok === 'end') return requirements
      if (tok !== 'identifier' && tok !== '!') throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`)
      try {
        requirements.push(this.parseRequirement())
      } catch (err) {
        if (err instanceof ParseError) throw new ParseError(`unable to parse requirement: ${err.message}`)
        throw err
      }
      const next = this.consume()
      if (next.tok === 'end') return requirements
      if (next.tok !== ',') throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`)
      const after = this.lookahead()
      if (after.tok !== 'identifier' && after.tok !== '!') throw new ParseError(`found '${after.lit}', expected: identifier after ','`)
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator()
    if (operator === 'exists' || operator === '!') return this.build(key, operator, [])
    const op = this.parseOperator()
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue()
    // Values form a set: upstream sorts and de-duplicates them.
    return this.build(key, op, [...values].sort())
  }

  private build(key: string, operator: LabelOperator, values: string[]): Requirement {
    const { requirement, errors } = newRequirement(key, operator, values)
    if (errors.length) throw new ParseError(aggregateText(errors))
    return requirement
  }

  private parseKeyAndInferOperator(): { key: string; operator?: LabelOperator } {
    let operator: LabelOperator | undefined
    let item = this.consume()
    if (item.tok === '!') {
      operator = '!'
      item = this.consume()
    }
    if (item.tok !== 'identifier') throw new ParseError(`found '${item.lit}', expected: identifier`)
    const err = keyError(item.lit, '<nil>')
    if (err) throw new ParseError(aggregateText([err]))
    const next = this.lookahead().tok
    if ((next === 'end' || next === ',') && operator !== '!') operator = 'exists'
    return { key: item.lit, operator }
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.consume(false)
    const ops: Partial<Record<Token, LabelOperator>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' }
    const op = ops[tok]
    if (!op) throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`)
    return op
  }

  private parseValues(): Set<string> {
    const open = this.consume()
    if (open.tok !== '(') throw new ParseError(`found '${open.lit}' expected: '('`)
    const { tok, lit } = this.lookahead()
    if (tok === 'identifier' || tok === ',') {
      const set = this.parseIdentifiersList()
      // Upstream reports the token that followed '(' here, not the offending one.
      if (this.consume().tok !== ')') throw new ParseError(`found '${lit}', expected: ')'`)
      return set
    }
    if (tok === ')') {
      this.consume()
      return new Set([''])
    }
    throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`)
  }

  private parseIdentifiersList(): Set<string> {
    const set = new Set<string>()
    for (;;) {
      const { tok, lit } = this.consume()
      if (tok === 'identifier') {
        set.add(lit)
        const next = this.lookahead()
        if (next.tok === ',') continue
        if (next.tok === ')') return set
        throw new ParseError(`found '${next.lit}', expected: ',' or ')'`)
      }
      if (tok !== ',') throw new ParseError(`found '${lit}', expected: ',', or identifier`)
      // Empty values: `(,a)`, `(a,)` and `(a,,b)` all contain "".
      if (set.size === 0) set.add('')
      const next = this.lookahead().tok
      if (next === ')') {
        set.add('')
        return set
      }
      if (next === ',') {
        this.consume()
        set.add('')
      }
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead().tok
    if (next === 'end' || next === ',') return new Set([''])
    const { tok, lit } = this.consume()
    if (tok === 'identifier') return new Set([lit])
    throw new ParseError(`found '${lit}', expected: identifier`)
  }
}

/** Parses without throwing StatusError: `{ error }` carries upstream's message. */
export const tryParseLabelSelector = (s: string): { selector: LabelSelector } | { error: string } => {
  try {
    return { selector: { requirements: sortByKey(new Parser(lex(s)).parse()) } }
  } catch (err) {
    if (err instanceof ParseError) return { error: err.message }
    throw err
  }
}

/** labels.Parse for a query parameter; throws 400 BadRequest with upstream's message. */
export const parseLabelSelector = (s: string): LabelSelector => {
  const result = tryParseLabelSelector(s)
  if ('error' in result) throw badRequest(result.error)
  return result.selector
}
