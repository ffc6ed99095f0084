/**
 * Resource vectors as the scheduler counts them (upstream framework.Resource):
 * milli-CPU, memory and ephemeral-storage bytes, pod count, and scalar
 * resources (extended `vendor/name`, `hugepages-*`, `attachable-volumes-*`).
 * A Pod's request follows the shared resource helper: the sum of its
 * containers, the init-container maximum with restartable (sidecar) init
 * containers accumulating, pod-level cpu/memory requests overriding, then
 * `spec.overhead` added for every resource it names.
 */
import { parseQuantity } from '../../api/quantity/quantity.ts'

export interface Resource {
  milliCPU: number
  memory: number
  ephemeralStorage: number
  pods: number
  scalar: Map<string, number>
}

export type ResourceList = Record<string, string | number | undefined>

export const emptyResource = (): Resource => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: new Map() })

/** Upstream's defaults for containers without a request, used only when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

export const isScalarResourceName = (name: string): boolean =>
  name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')

// Pods repeat the same few quantity strings; parsing each once keeps the hot path cheap.
const parsed = new Map<string, number>()
const amount = (name: string, raw: string | number): number => {
  const key = `${name === 'cpu' ? 'm' : 'v'}${raw}`
  let v = parsed.get(key)
  if (v === undefined) {
    const q = parseQuantity(String(raw))
    v = name === 'cpu' ? q.milliValue() : q.value()
    if (parsed.size > 10_000) parsed.clear()
    parsed.set(key, v)
  }
  return v
}

/** Adds a ResourceList (`{cpu: "500m", memory: "1Gi", ...}`) into r; unknown names are ignored. */
export const addList = (r: Resource, list: ResourceList | undefined): Resource => {
  if (!list) return r
  for (const name in list) {
    const raw = list[name]
    if (raw === undefined || raw === null) continue
    const v = amount(name, raw)
    switch (name) {
      case 'cpu':
        r.milliCPU += v
        break
      case 'memory':
        r.memory += v
        break
      case 'ephemeral-storage':
        r.ephemeralStorage += v
        break
      case 'pods':
        r.pods += v
        break
      default:
        if (isScalarResourceName(name)) r.scalar.set(name, (r.scalar.get(name) ?? 0) + v)
    }
  }
  return r
}

export const addResource = (r: Resource, o: Resource, sign = 1): Resource => {
  r.milliCPU += sign * o.milliCPU
  r.memory += sign * o.memory
  r.ephemeralStorage += sign * o.ephemeralStorage
  r.pods += sign * o.pods
  for (const [k, v] of o.scalar) r.scalar.set(k, (r.scalar.get(k) ?? 0) + sign * v)
  return r
}

const maxInto = (r: Resource, o: Resource) => {
  r.milliCPU = Math.max(r.milliCPU, o.milliCPU)
  r.memory = Math.max(r.memory, o.memory)
  r.ephemeralStorage = Math.max(r.ephemeralStorage, o.ephemeralStorage)
  r.pods = Math.max(r.pods, o.pods)
  for (const [k, v] of o.scalar) r.scalar.set(k, Math.max(r.scalar.get(k) ?? 0, v))
}

const clone = (r: Resource): Resource => ({ ...r, scalar: new Map(r.scalar) })

interface Container {
  resources?: { requests?: ResourceList }
  restartPolicy?: string
}

export interface PodSpecForResources {
  containers?: Container[]
  initContainers?: Container[]
  overhead?: ResourceList
  resources?: { requests?: ResourceList }
}

/** A container's requests, with upstream's scoring defaults filled in when `nonZero`. */
const containerRequests = (c: Container, nonZero: boolean): Resource => {
  const r = addList(emptyResource(), c.resources?.requests)
  if (nonZero) {
    const req = c.resources?.requests ?? {}
    if (req.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST
    if (req.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST
  }
  return r
}

/** The Pod's effective request including overhead (`nonZero`: the scoring variant). */
export const podRequests = (spec: PodSpecForResources, nonZero = false): Resource => {
  const reqs = emptyResource()
  for (const c of spec.containers ?? []) addResource(reqs, containerRequests(c, nonZero))
  const sidecars = emptyResource()
  const initMax = emptyResource()
  for (const c of spec.initContainers ?? []) {
    const own = containerRequests(c, nonZero)
    let atThisStep: Resource
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod's steady state and to every later init step.
      addResource(reqs, own)
      addResource(sidecars, own)
      atThisStep = clone(sidecars)
    } else {
      atThisStep = addResource(clone(own), sidecars)
    }
    maxInto(initMax, atThisStep)
  }
  maxInto(reqs, initMax)
  const podLevel = spec.resources?.requests
  if (podLevel) {
    if (podLevel.cpu !== undefined) reqs.milliCPU = amount('cpu', podLevel.cpu)
    if (podLevel.memory !== undefined) reqs.memory = amount('memory', podLevel.memory)
  }
  addList(reqs, spec.overhead)
  return reqs
}
