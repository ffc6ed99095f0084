/**
 * CRI labels the agent puts on sandboxes and containers, upstream's names
 * (kubelet `kuberuntime/labels.go`) plus one of ours naming the node, so two
 * agents sharing one containerd never adopt or remove each other's pods.
 */
export const POD_NAME = 'io.kubernetes.pod.name'
export const POD_NAMESPACE = 'io.kubernetes.pod.namespace'
export const POD_UID = 'io.kubernetes.pod.uid'
export const CONTAINER_NAME = 'io.kubernetes.container.name'
export const NODE_NAME = 'runclass.dev/node-name'

export const RESTART_COUNT_ANNOTATION = 'io.kubernetes.container.restartCount'
export const TERMINATION_GRACE_ANNOTATION = 'io.kubernetes.pod.terminationGracePeriod'
