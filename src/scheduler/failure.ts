/**
 * What a failed cycle writes, as upstream's handleSchedulingFailure: the
 * PodScheduled=False condition (reason Unschedulable, or SchedulerError for
 * internal errors) as a strategic merge patch of pods/status — skipped when the
 * Pod already carries exactly that condition — and the FailedScheduling event
 * text. Pure functions plus one patch call.
 */
import { rfc3339 } from '../api/meta.ts'
import type { ApiClient } from '../client/interface.ts'
import { PODS } from '../client/resources.ts'
import type { Pod } from './framework/pod-info.ts'

export type FailureReason = 'Unschedulable' | 'SchedulerError'

export interface PodCondition {
  type: string
  status: string
  reason?: string
  message?: string
  lastTransitionTime?: string
}

/** The condition to write, or undefined when the Pod already has it (upstream UpdatePodCondition). */
export const podScheduledCondition = (pod: Pod, reason: FailureReason, message: string, now: Date): PodCondition | undefined => {
  const old = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled') as PodCondition | undefined
  if (old && old.status === 'False' && old.reason === reason && old.message === message) return undefined
  const lastTransitionTime = old && old.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now)
  return { type: 'PodScheduled', status: 'False', lastTransitionTime, reason, message }
}

export const patchPodScheduled = async (client: ApiClient, pod: Pod, condition: PodCondition): Promise<void> => {
  await client.patch(PODS, pod.metadata.name!, 'strategic', { status: { conditions: [condition] } }, { namespace: pod.metadata.namespace, subresource: 'status' })
}

export const scheduledMessage = (pod: Pod, nodeName: string) => `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`
