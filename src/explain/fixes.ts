/**
 * The fix for each kind of failure, as one actionable sentence: a scheduler
 * reason (missing label, untolerated taint, no room, missing handler) or a
 * handler the node's runtime does not have (install the runtime, or point the
 * RuntimeClass at a handler the node has — `handler` is immutable, so that
 * means recreating the class).
 */
import { REASON_POD } from '../scheduler/plugins/node-affinity.ts'

/** Runtimes runclass configures by itself once installed: handler → Debian package. */
export const INSTALLABLE_HANDLERS: Record<string, string> = {
  runsc: 'runsc',
  crun: 'crun',
  kata: 'kata-containers',
  nvidia: 'nvidia-container-toolkit',
}

export const handlerFix = (handler: string, className: string | undefined, nodeHandlers: readonly string[]): string => {
  const have = nodeHandlers.filter(Boolean)
  const pkg = INSTALLABLE_HANDLERS[handler]
  if (pkg) return `install ${handler} (apt-get install ${pkg}) and restart runclass, which adds a containerd runtime for every runtime it finds`
  const cls = className ? `RuntimeClass "${className}"` : 'the RuntimeClass'
  return `fix the RuntimeClass handler: recreate ${cls} with a handler the node has (${have.join(', ') || 'none reported'}); handler cannot be changed in place`
}

const TAINT_RE = /^node\(s\) had untolerated taint \{(.*): (.*)\}$/
const HANDLER_RE = /^node\(s\) didn't have runtime handler "(.*)"$/

/** One fix per distinct scheduler reason; `selector` is the pod's nodeSelector (for the label fix). */
export const reasonFix = (reason: string, selector: Record<string, string> = {}, className?: string): string => {
  if (reason === REASON_POD) {
    const labels = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(' ')
    const where = className ? `RuntimeClass "${className}" scheduling.nodeSelector` : 'the pod\'s nodeSelector'
    return labels ? `label a node (kubectl label node <node> ${labels}) or change ${where}` : `change the pod's node affinity or the node labels`
  }
  const taint = TAINT_RE.exec(reason)
  if (taint) {
    const where = className ? `RuntimeClass "${className}" scheduling.tolerations` : 'the pod\'s tolerations'
    return `add a toleration for ${taint[1]}${taint[2] ? `=${taint[2]}` : ''} to ${where}, or remove the taint (kubectl taint node <node> ${taint[1]}-)`
  }
  const handler = HANDLER_RE.exec(reason)
  if (handler) return `install the runtime for handler "${handler[1]}" on the node and restart its agent`
  if (reason.startsWith('Insufficient ')) return `free ${reason.slice('Insufficient '.length)} on a node, or lower the pod's requests or the class's overhead.podFixed`
  if (reason === 'Too many pods') return 'delete finished or unneeded pods on the node'
  if (reason === 'node(s) were unschedulable') return 'uncordon the node (kubectl uncordon <node>)'
  if (reason === "node(s) didn't have free ports for the requested pod ports") return 'pick another hostPort or free it on the node'
  return `see the reason: ${reason}`
}
