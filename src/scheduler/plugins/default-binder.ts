/** DefaultBinder: binds through the pods/binding subresource (the only write of a successful cycle). */
import type { BindPlugin, Handle, Status } from '../framework/interface.ts'
import type { PodInfo } from '../framework/pod-info.ts'

export const NAME = 'DefaultBinder'

export class DefaultBinder implements BindPlugin {
  readonly name = NAME
  constructor(private readonly handle: Handle) {}
  bind(pod: PodInfo, nodeName: string): Promise<Status | undefined> {
    return this.handle.bindPod(pod, nodeName)
  }
}

export const create = (handle: Handle) => new DefaultBinder(handle)
