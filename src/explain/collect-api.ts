/**
 * The I/O of `explain` on the API side: everything about a Pod (or a
 * RuntimeClass) fetched once through the ApiClient — the object, its class,
 * its events, the nodes and the pods on them — for the pure explainers.
 */
import { isNotFound } from '../api/errors.ts'
import type { ApiClient } from '../client/interface.ts'
import { EVENTS, NODES, PODS, RUNTIME_CLASSES } from '../client/resources.ts'
import type { ApiFacts, KubeEvent, Node, Pod, RuntimeClass } from './types.ts'

const eventTime = (e: KubeEvent) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? ''

/** Events about `pod`: matched by uid (by kind and name when an event carries no uid), oldest first. */
export const eventsAbout = (events: readonly KubeEvent[], pod: Pod): KubeEvent[] =>
  events
    .filter((e) => {
      const o = e.involvedObject ?? {}
      return o.uid ? o.uid === pod.metadata.uid : o.kind === 'Pod' && o.name === pod.metadata.name
    })
    .sort((a, b) => (eventTime(a) < eventTime(b) ? -1 : eventTime(a) > eventTime(b) ? 1 : Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0)))

export const getRuntimeClass = async (client: ApiClient, name: string): Promise<RuntimeClass | 'NotFound'> => {
  try {
    return await client.get<RuntimeClass>(RUNTIME_CLASSES, name)
  } catch (err) {
    if (isNotFound(err)) return 'NotFound'
    throw err
  }
}

export const fetchCluster = async (client: ApiClient) => {
  const [nodes, pods, classes] = await Promise.all([
    client.list<Node>(NODES),
    client.list<Pod>(PODS),
    client.list<RuntimeClass>(RUNTIME_CLASSES),
  ])
  return { nodes: nodes.items, pods: pods.items, classes: classes.items }
}

/** Throws the API's NotFound when the pod does not exist. */
export const fetchPodFacts = async (client: ApiClient, name: string, namespace: string): Promise<ApiFacts> => {
  const pod = await client.get<Pod>(PODS, name, namespace)
  const className = pod.spec.runtimeClassName
  const [runtimeClass, events, cluster] = await Promise.all([
    className ? getRuntimeClass(client, className) : Promise.resolve(undefined),
    client.list<KubeEvent>(EVENTS, { namespace }),
    fetchCluster(client),
  ])
  return { pod, ...(runtimeClass ? { runtimeClass } : {}), events: eventsAbout(events.items, pod), ...cluster }
}
