/**
 * Pod defaulting as upstream's core/v1 SetDefaults_* functions do it, so that a
 * Pod read back looks as it would from kube-apiserver (restartPolicy, dnsPolicy,
 * imagePullPolicy by tag, requests defaulted from limits, probe and port defaults).
 */
import type { KubeObject } from '../meta.ts'

type Obj = Record<string, any>

const setIfAbsent = (o: Obj, key: string, value: unknown) => {
  if (o[key] === undefined) o[key] = value
}

/** `:latest` or no tag pulls Always; digests and other tags IfNotPresent. */
export const defaultPullPolicy = (image: string): string => {
  if (image.includes('@')) return 'IfNotPresent'
  const lastSegment = image.slice(image.lastIndexOf('/') + 1)
  const colon = lastSegment.lastIndexOf(':')
  const tag = colon < 0 ? '' : lastSegment.slice(colon + 1)
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent'
}

const defaultProbe = (probe: Obj | undefined) => {
  if (!probe) return
  setIfAbsent(probe, 'timeoutSeconds', 1)
  setIfAbsent(probe, 'periodSeconds', 10)
  setIfAbsent(probe, 'successThreshold', 1)
  setIfAbsent(probe, 'failureThreshold', 3)
  if (probe.httpGet) setIfAbsent(probe.httpGet, 'scheme', 'HTTP')
  if (probe.grpc) setIfAbsent(probe.grpc, 'service', '')
}

const defaultContainer = (c: Obj) => {
  setIfAbsent(c, 'terminationMessagePath', '/dev/termination-log')
  setIfAbsent(c, 'terminationMessagePolicy', 'File')
  if (typeof c.image === 'string') setIfAbsent(c, 'imagePullPolicy', defaultPullPolicy(c.image))
  setIfAbsent(c, 'resources', {})
  // Requests default to limits for every resource that has a limit but no request.
  const { limits, requests } = c.resources
  if (limits && Object.keys(limits).length) {
    const merged = { ...(requests ?? {}) }
    for (const [name, q] of Object.entries(limits)) if (merged[name] === undefined) merged[name] = q
    c.resources.requests = merged
  }
  for (const port of c.ports ?? []) setIfAbsent(port, 'protocol', 'TCP')
  for (const env of c.env ?? []) if (env.valueFrom?.fieldRef) setIfAbsent(env.valueFrom.fieldRef, 'apiVersion', 'v1')
  defaultProbe(c.livenessProbe)
  defaultProbe(c.readinessProbe)
  defaultProbe(c.startupProbe)
}

const defaultVolume = (v: Obj) => {
  for (const source of ['configMap', 'secret', 'downwardAPI', 'projected']) if (v[source]) setIfAbsent(v[source], 'defaultMode', 420)
  if (v.hostPath) setIfAbsent(v.hostPath, 'type', '')
  if (v.emptyDir === null) v.emptyDir = {}
}

export const defaultPod = (pod: KubeObject) => {
  const spec = (pod.spec ??= {}) as Obj
  setIfAbsent(spec, 'restartPolicy', 'Always')
  setIfAbsent(spec, 'dnsPolicy', 'ClusterFirst')
  setIfAbsent(spec, 'terminationGracePeriodSeconds', 30)
  setIfAbsent(spec, 'securityContext', {})
  setIfAbsent(spec, 'schedulerName', 'default-scheduler')
  setIfAbsent(spec, 'enableServiceLinks', true)
  for (const c of spec.containers ?? []) defaultContainer(c)
  for (const c of spec.initContainers ?? []) defaultContainer(c)
  for (const v of spec.volumes ?? []) defaultVolume(v)
}

/** QoS class (upstream GetPodQOS, simplified to cpu and memory). */
export const podQosClass = (pod: KubeObject, equalQuantity: (a: string, b: string) => boolean): string => {
  const spec = (pod.spec ?? {}) as Obj
  const containers: Obj[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])]
  let any = false
  let guaranteed = true
  for (const c of containers) {
    const requests: Obj = c.resources?.requests ?? {}
    const limits: Obj = c.resources?.limits ?? {}
    for (const name of ['cpu', 'memory']) {
      if (requests[name] !== undefined || limits[name] !== undefined) any = true
      if (limits[name] === undefined || (requests[name] !== undefined && !equalQuantity(String(requests[name]), String(limits[name])))) guaranteed = false
    }
  }
  if (!any) return 'BestEffort'
  return guaranteed ? 'Guaranteed' : 'Burstable'
}
