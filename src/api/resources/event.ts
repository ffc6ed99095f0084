/** core/v1 Event, with the field selectors `kubectl describe` uses (involvedObject.*). */
import { validateEvent, validateEventUpdate } from '../validation/index.ts'
import { ALL_VERBS, type ResourceDef } from './resource.ts'

export const events: ResourceDef = {
  group: '',
  kind: 'Event',
  listKind: 'EventList',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  verbs: ALL_VERBS,
  versions: [{ version: 'v1', definition: 'io.k8s.api.core.v1.Event', listDefinition: 'io.k8s.api.core.v1.EventList' }],
  subresources: [],
  allowCreateOnUpdate: true,
  allowUnconditionalUpdate: true,
  hasGeneration: false,
  hasStatusSubresource: false,
  deleteReturnsStatus: true,
  validate: (obj) => validateEvent(obj),
  validateUpdate: (obj, old) => validateEventUpdate(obj, old),
}
