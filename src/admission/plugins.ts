/**
 * The admission plugin registry: one list, in upstream's order. Mutating
 * plugins run in this order, then object validation, then validating plugins.
 */
import { AdmissionChain, type AdmissionContext } from './interface.ts'

export const newAdmissionChain = (_ctx: AdmissionContext): AdmissionChain => new AdmissionChain([])
