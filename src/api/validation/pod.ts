/**
 * Pod create validation (core ValidatePodCreate → metadata + ValidatePodSpec), a useful subset
 * with upstream paths, messages and order: containers and init containers (name, image, ports,
 * env, imagePullPolicy, terminationMessagePolicy, resources), volume names, restartPolicy,
 * dnsPolicy, nodeSelector, serviceAccountName, nodeName, activeDeadlineSeconds, hostname,
 * subdomain, tolerations, priorityClassName, runtimeClassName (§8), preemptionPolicy, overhead.
 *
 * Input is the defaulted v1 object: fields the apiserver defaults (restartPolicy, dnsPolicy,
 * port protocol, imagePullPolicy, terminationMessagePolicy) are only checked when present.
 * Not covered: volume sources and mounts, probes, lifecycle, security contexts, affinity,
 * topology spread, DNS config, host-port conflicts, ephemeral containers.
 */
import type { FieldError } from '../errors.ts'
import { duplicate, invalid, notSupported, required } from '../errors.ts'
import type { ObjectMeta } from '../meta.ts'
import { child, index } from './field-path.ts'
import { inclusiveRangeError, isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './names.ts'
import { validateLabels, validateObjectMeta } from './object-meta.ts'
import { validateOverhead, validateResourceRequirements } from './resources.ts'
import { validateTolerations } from './tolerations.ts'
import type { Json } from './values.ts'
import { list, num, obj, str } from './values.ts'

export interface PodObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  spec?: Json
  status?: Json
}

const MAX_INT32 = 2147483647
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP']

const dnsLabel = (value: string, path: string): FieldError[] => isDNS1123Label(value).map((m) => invalid(path, value, m))
const subdomain = (value: string, path: string): FieldError[] => nameIsDNSSubdomain(value, false).map((m) => invalid(path, value, m))

/** A defaulted enum: absent is fine (defaulting fills it), "" is Required, others must be listed. */
const enumField = (raw: unknown, path: string, supported: string[]): FieldError[] => {
  if (raw === undefined || raw === null) return []
  const v = str(raw)
  if (v === '') return [required(path)]
  return supported.includes(v) ? [] : [notSupported(path, v, supported)]
}

const validatePorts = (ports: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  const names = new Set<string>()
  list(ports).forEach((raw, i) => {
    const p = obj(raw)
    const ip = index(path, i)
    const name = str(p.name)
    if (name) {
      const msgs = isValidPortName(name)
      if (msgs.length) errs.push(...msgs.map((m) => invalid(child(ip, 'name'), name, m)))
      else if (names.has(name)) errs.push(duplicate(child(ip, 'name'), name))
      else names.add(name)
    }
    const containerPort = num(p.containerPort) ?? 0
    if (containerPort === 0) errs.push(required(child(ip, 'containerPort')))
    else errs.push(...isValidPortNum(containerPort).map((m) => invalid(child(ip, 'containerPort'), containerPort, m)))
    const hostPort = num(p.hostPort) ?? 0
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => invalid(child(ip, 'hostPort'), hostPort, m)))
    errs.push(...enumField(p.protocol, child(ip, 'protocol'), PORT_PROTOCOLS))
  })
  return errs
}

const validateEnv = (env: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  list(env).forEach((raw, i) => {
    const name = str(obj(raw).name)
    const p = child(index(path, i), 'name')
    if (!name) errs.push(required(p))
    errs.push(...isEnvVarName(name).map((m) => invalid(p, name, m)))
  })
  return errs
}

const validateContainerCommon = (raw: unknown, path: string): FieldError[] => {
  const c = obj(raw)
  const errs: FieldError[] = []
  const name = str(c.name)
  if (!name) errs.push(required(child(path, 'name')))
  else errs.push(...dnsLabel(name, child(path, 'name')))
  if (!str(c.image)) errs.push(required(child(path, 'image')))
  errs.push(...enumField(c.terminationMessagePolicy, child(path, 'terminationMessagePolicy'), ['File', 'FallbackToLogsOnError']))
  errs.push(...validatePorts(c.ports, child(path, 'ports')))
  errs.push(...validateEnv(c.env, child(path, 'env')))
  errs.push(...enumField(c.imagePullPolicy, child(path, 'imagePullPolicy'), ['Always', 'IfNotPresent', 'Never']))
  errs.push(...validateResourceRequirements(obj(c.resources), child(path, 'resources')))
  return errs
}

const validateContainers = (containers: unknown, path: string): FieldError[] => {
  const all = list(containers)
  if (all.length === 0) return [required(path)]
  const errs: FieldError[] = []
  const names = new Set<string>()
  all.forEach((raw, i) => {
    const p = index(path, i)
    errs.push(...validateContainerCommon(raw, p))
    const name = str(obj(raw).name)
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name))
    else names.add(name)
  })
  return errs
}

/** Init container names must also differ from the regular containers'. */
const validateInitContainers = (inits: unknown, regular: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  const names = new Set(list(regular).map((c) => str(obj(c).name)))
  list(inits).forEach((raw, i) => {
    const p = index(path, i)
    errs.push(...validateContainerCommon(raw, p))
    const name = str(obj(raw).name)
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name))
    else if (name) names.add(name)
  })
  return errs
}

const validateVolumeNames = (volumes: unknown, path: string): FieldError[] => {
  const errs: FieldError[] = []
  const names = new Set<string>()
  list(volumes).forEach((raw, i) => {
    const name = str(obj(raw).name)
    const p = child(index(path, i), 'name')
    const el = name ? dnsLabel(name, p) : [required(p)]
    if (names.has(name)) el.push(duplicate(p, name))
    if (el.length === 0) names.add(name)
    errs.push(...el)
  })
  return errs
}

export const validatePodSpec = (specRaw: unknown, path = 'spec'): FieldError[] => {
  const spec = obj(specRaw)
  const errs: FieldError[] = []
  errs.push(...validateVolumeNames(spec.volumes, child(path, 'volumes')))
  errs.push(...validateContainers(spec.containers, child(path, 'containers')))
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, child(path, 'initContainers')))
  errs.push(...enumField(spec.restartPolicy, child(path, 'restartPolicy'), ['Always', 'OnFailure', 'Never']))
  errs.push(...enumField(spec.dnsPolicy, child(path, 'dnsPolicy'), ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']))
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')))
  const serviceAccountName = str(spec.serviceAccountName)
  if (serviceAccountName) errs.push(...subdomain(serviceAccountName, child(path, 'serviceAccountName')))
  const nodeName = str(spec.nodeName)
  if (nodeName) errs.push(...subdomain(nodeName, child(path, 'nodeName')))
  const deadline = num(spec.activeDeadlineSeconds)
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)))
  }
  const hostname = str(spec.hostname)
  if (hostname) errs.push(...dnsLabel(hostname, child(path, 'hostname')))
  const sub = str(spec.subdomain)
  if (sub) errs.push(...dnsLabel(sub, child(path, 'subdomain')))
  if (list(spec.tolerations).length) errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')))
  const priorityClassName = str(spec.priorityClassName)
  if (priorityClassName) errs.push(...subdomain(priorityClassName, child(path, 'priorityClassName')))
  // Present-but-empty is invalid: "" is not a subdomain (validation.md §8).
  if (spec.runtimeClassName !== undefined && spec.runtimeClassName !== null) {
    errs.push(...subdomain(str(spec.runtimeClassName), child(path, 'runtimeClassName')))
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    const p = str(spec.preemptionPolicy)
    const at = child(path, 'preemptionPolicy')
    if (p === '') errs.push(required(at))
    else if (p !== 'PreemptLowerPriority' && p !== 'Never') errs.push(notSupported(at, p, ['PreemptLowerPriority', 'Never']))
  }
  if (spec.overhead !== undefined && spec.overhead !== null) errs.push(...validateOverhead(spec.overhead, child(path, 'overhead')))
  return errs
}

export const validatePod = (pod: PodObject): FieldError[] => [
  ...validateObjectMeta(pod.metadata, { requiresNamespace: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true }),
  ...validatePodSpec(pod.spec, 'spec'),
]
