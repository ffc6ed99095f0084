/**
 * Sets of field paths, as structured-merge-diff keeps them for managedFields.
 * A path is a list of path elements in their FieldsV1 spelling: `f:<field>`,
 * `k:{"name":"main"}` (list-map item, keys sorted), `v:<json>` (set item) and
 * `i:<n>` (positional item). A set is a tree: `members` are the paths that end
 * at this level, `children` the subtrees; the FieldsV1 form marks a path that
 * is both a member and a prefix with `".": {}`.
 */

export type PathElement = string
export type Path = PathElement[]

export const fieldElement = (name: string): PathElement => `f:${name}`
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`
export const indexElement = (index: number): PathElement => `i:${index}`
export const keyElement = (keys: Record<string, unknown>): PathElement => {
  const sorted: Record<string, unknown> = {}
  for (const k of Object.keys(keys).sort()) sorted[k] = keys[k]
  return `k:${JSON.stringify(sorted)}`
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 }

/** structured-merge-diff's element order: fields, then keys, values, indexes. */
export const compareElements = (a: PathElement, b: PathElement): number => {
  const ra = RANK[a[0]] ?? 4
  const rb = RANK[b[0]] ?? 4
  if (ra !== rb) return ra - rb
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2))
  return a < b ? -1 : a > b ? 1 : 0
}

/** One element as fieldpath prints it: `.handler`, `[name="main"]`, `[="a"]`, `[0]`. */
export const elementString = (pe: PathElement): string => {
  const body = pe.slice(2)
  switch (pe[0]) {
    case 'f':
      return `.${body}`
    case 'k': {
      const keys = JSON.parse(body) as Record<string, unknown>
      return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`
    }
    case 'v':
      return `[=${body}]`
    case 'i':
      return `[${body}]`
    default:
      return '{{invalid path element}}'
  }
}

export const pathString = (path: Path): string => path.map(elementString).join('')

export class FieldSet {
  readonly members = new Set<PathElement>()
  readonly children = new Map<PathElement, FieldSet>()

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet()
    for (const p of paths) s.insert(p)
    return s
  }

  insert(path: Path): this {
    if (path.length === 0) return this
    const parent = path.slice(0, -1).reduce<FieldSet>((node, pe) => {
      let next = node.children.get(pe)
      if (!next) node.children.set(pe, (next = new FieldSet()))
      return next
    }, this)
    parent.members.add(path[path.length - 1])
    return this
  }

  has(path: Path): boolean {
    if (path.length === 0) return false
    const parent = path.slice(0, -1).reduce<FieldSet | undefined>((node, pe) => node?.children.get(pe), this)
    return parent?.members.has(path[path.length - 1]) ?? false
  }

  get empty(): boolean {
    if (this.members.size > 0) return false
    for (const child of this.children.values()) if (!child.empty) return false
    return true
  }

  /** The subtree below `pe` (empty if none). */
  child(pe: PathElement): FieldSet {
    return this.children.get(pe) ?? new FieldSet()
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone()
    for (const m of other.members) out.members.add(m)
    for (const [pe, child] of other.children) out.children.set(pe, out.child(pe).union(child))
    return out
  }

  difference(other: FieldSet): FieldSet {
    return this.combine(other, (mine, has) => !has, (a, b) => a.difference(b))
  }

  intersection(other: FieldSet): FieldSet {
    return this.combine(other, (_mine, has) => has, (a, b) => a.intersection(b), true)
  }

  /** Drops every path that starts with one of `prefixes` (a prefix ending in a member drops that member too). */
  withoutPrefixes(prefixes: Path[]): FieldSet {
    const out = this.clone()
    for (const prefix of prefixes) {
      if (prefix.length === 0) return new FieldSet()
      let node: FieldSet | undefined = out
      for (const pe of prefix.slice(0, -1)) node = node?.children.get(pe)
      if (!node) continue
      const last = prefix[prefix.length - 1]
      node.members.delete(last)
      node.children.delete(last)
    }
    return out.pruned()
  }

  /** Every path: members first, then children, each level in element order (fieldpath's iteration order). */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [...this.members].sort(compareElements).map((m) => [...prefix, m])
    for (const pe of [...this.children.keys()].sort(compareElements)) {
      out.push(...this.children.get(pe)!.paths([...prefix, pe]))
    }
    return out
  }

  clone(): FieldSet {
    const out = new FieldSet()
    for (const m of this.members) out.members.add(m)
    for (const [pe, child] of this.children) out.children.set(pe, child.clone())
    return out
  }

  /** The FieldsV1 JSON object, keys in structured-merge-diff's serialization order. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const keys = new Set<PathElement>([...this.members, ...[...this.children].filter(([, c]) => !c.empty).map(([pe]) => pe)])
    for (const pe of [...keys].sort(compareElements)) {
      const child = this.children.get(pe)
      if (child && !child.empty) {
        out[pe] = this.members.has(pe) ? { '.': {}, ...child.toFieldsV1() } : child.toFieldsV1()
      } else {
        out[pe] = {}
      }
    }
    return out
  }

  static fromFieldsV1(fields: unknown): FieldSet {
    const out = new FieldSet()
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new Error('FieldsV1 must be a JSON object')
    for (const [pe, sub] of Object.entries(fields)) {
      if (pe === '.') continue
      if (!/^[fkvi]:/.test(pe)) throw new Error(`parsing JSON: unknown path element prefix in ${JSON.stringify(pe)}`)
      const child = FieldSet.fromFieldsV1(sub)
      const isMember = Object.keys(sub as object).length === 0 || Object.hasOwn(sub as object, '.')
      if (isMember) out.members.add(pe)
      if (!child.empty) out.children.set(pe, child)
    }
    return out
  }

  private combine(
    other: FieldSet,
    keepMember: (mine: PathElement, otherHas: boolean) => boolean,
    recurse: (a: FieldSet, b: FieldSet) => FieldSet,
    onlyShared = false,
  ): FieldSet {
    const out = new FieldSet()
    for (const m of this.members) if (keepMember(m, other.members.has(m))) out.members.add(m)
    for (const [pe, child] of this.children) {
      const theirs = other.children.get(pe)
      const next = theirs ? recurse(child, theirs) : onlyShared ? new FieldSet() : child.clone()
      if (!next.empty) out.children.set(pe, next)
    }
    return out
  }

  private pruned(): FieldSet {
    for (const [pe, child] of this.children) {
      child.pruned()
      if (child.empty) this.children.delete(pe)
    }
    return this
  }
}
