/**
 * Events about Pods from the node agent (source component `kubelet`, host =
 * node name), through the shared EventRecorder so repeats aggregate into
 * `count`. Container events name the container in `fieldPath`
 * (`spec.containers{name}`) when the recorder supports it.
 */
import type { KubeObject } from '../api/meta.ts'
import type { EventRecorder } from '../client/event-recorder.ts'

export interface PodEvents {
  normal(pod: KubeObject, reason: string, message: string, fieldPath?: string): void
  warning(pod: KubeObject, reason: string, message: string, fieldPath?: string): void
}

/** The object an event is about must carry its kind and apiVersion. */
const asPod = (pod: KubeObject): KubeObject => ({ ...pod, apiVersion: pod.apiVersion ?? 'v1', kind: pod.kind ?? 'Pod' })

export const podEvents = (recorder: Pick<EventRecorder, 'record'>): PodEvents => ({
  normal: (pod, reason, message) => recorder.record(asPod(pod), 'Normal', reason, message),
  warning: (pod, reason, message) => recorder.record(asPod(pod), 'Warning', reason, message),
})

/** `spec.containers{main}` / `spec.initContainers{init}` */
export const containerFieldPath = (name: string, init: boolean) => `spec.${init ? 'initContainers' : 'containers'}{${name}}`
