/**
 * The registry layer over a Store for one resource (upstream's genericregistry.Store):
 * object keys, resourceVersion from the store's revision, and store misses turned
 * into the right Status (404, 409 AlreadyExists, 409 Conflict, 410 Expired).
 * The store's values are frozen and shared: get/tryGet hand out deep copies (callers
 * mutate them); list, watch and the results of writes are shallow (read only).
 */
import { alreadyExists, expired, notFound, optimisticLockConflict } from '../api/errors.ts'
import type { KubeObject } from '../api/meta.ts'
import { groupResource, type ResourceDef } from '../api/resources/index.ts'
import { TooOldError, type KeyValue, type Store, type Value } from '../store/interface.ts'

export const keyPrefix = (def: ResourceDef, namespace = '') =>
  `/registry/${def.group || 'core'}/${def.plural}/${def.namespaced && namespace ? `${namespace}/` : ''}`

export const objectKey = (def: ResourceDef, namespace: string, name: string) => keyPrefix(def, namespace) + name

/** The stored value with its resourceVersion, sharing everything below metadata with the cache: read only. */
export const decodeKv = (kv: KeyValue): KubeObject => {
  const value = kv.value as KubeObject
  return { ...value, metadata: { ...value.metadata, resourceVersion: String(kv.modRevision) } }
}

/** A private, mutable copy of a stored value. */
const decodeKvMutable = (kv: KeyValue): KubeObject => {
  const value = structuredClone(kv.value) as KubeObject
  value.metadata = { ...value.metadata, resourceVersion: String(kv.modRevision) }
  return value
}

/** What goes into the store: the object without its resourceVersion (the revision carries it). */
const encode = (obj: KubeObject): Value => {
  const { resourceVersion: _rv, ...metadata } = obj.metadata
  return { ...obj, metadata } as Value
}

export const parseResourceVersion = (rv: string | undefined): number | undefined => {
  if (rv === undefined || rv === '') return undefined
  if (!/^\d+$/.test(rv)) return NaN
  return Number(rv)
}

export class ObjectStore {
  constructor(
    readonly store: Store,
    readonly def: ResourceDef,
  ) {}

  private get gr() {
    return groupResource(this.def)
  }

  async get(namespace: string, name: string): Promise<KubeObject> {
    const kv = await this.store.get(objectKey(this.def, namespace, name))
    if (!kv) throw notFound(this.gr, name)
    return decodeKvMutable(kv)
  }

  /** A read-only view (no deep copy): for answering GETs. */
  async read(namespace: string, name: string): Promise<KubeObject> {
    const kv = await this.store.get(objectKey(this.def, namespace, name))
    if (!kv) throw notFound(this.gr, name)
    return decodeKv(kv)
  }

  async exists(namespace: string, name: string): Promise<boolean> {
    return (await this.store.get(objectKey(this.def, namespace, name))) !== undefined
  }

  async tryGet(namespace: string, name: string): Promise<KubeObject | undefined> {
    const kv = await this.store.get(objectKey(this.def, namespace, name))
    return kv && decodeKvMutable(kv)
  }

  async list(namespace: string): Promise<{ items: KubeObject[]; revision: number }> {
    try {
      const { items, revision } = await this.listKv(namespace)
      return { items: items.map(decodeKv), revision }
    } catch (err) {
      throw mapTooOld(err)
    }
  }

  /**
   * The raw stored entries (frozen), for callers that cache per stored value; at an
   * older `revision` while it is still in the store's window (paged lists).
   */
  async listKv(namespace: string, revision?: number): Promise<{ items: KeyValue[]; revision: number }> {
    return this.store.list(keyPrefix(this.def, namespace), revision ? { revision } : undefined)
  }

  async create(obj: KubeObject): Promise<KubeObject> {
    const name = obj.metadata.name!
    const res = await this.store.create(objectKey(this.def, obj.metadata.namespace ?? '', name), encode(obj))
    if (!res.ok) throw alreadyExists(this.gr, name)
    return decodeKv(res.kv)
  }

  /** Compare-and-swap on the object's resourceVersion when `expectedRevision` is given. */
  async update(obj: KubeObject, expectedRevision?: number): Promise<KubeObject> {
    const name = obj.metadata.name!
    const res = await this.store.update(objectKey(this.def, obj.metadata.namespace ?? '', name), encode(obj), expectedRevision)
    if (!res.ok) throw res.current ? optimisticLockConflict(this.gr, name) : notFound(this.gr, name)
    return decodeKv(res.kv)
  }

  async delete(namespace: string, name: string, expectedRevision?: number): Promise<KubeObject> {
    const res = await this.store.delete(objectKey(this.def, namespace, name), expectedRevision)
    if (!res.ok) throw res.current ? optimisticLockConflict(this.gr, name) : notFound(this.gr, name)
    return decodeKv(res.kv)
  }
}

export const mapTooOld = (err: unknown) =>
  err instanceof TooOldError ? expired(`too old resource version: ${err.requested} (${err.oldest})`) : err
