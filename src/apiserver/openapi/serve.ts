/**
 * The OpenAPI endpoints of the served resources (`/openapi/v2`, `/openapi/v3`,
 * `/openapi/v3/<gv>`); see openapi-handler.ts for the behaviour.
 */
import { RESOURCES } from '../../api/resources/index.ts'
import { definitions } from '../../api/schema/index.ts'
import { openApiHandler } from './openapi-handler.ts'

export const serveOpenApi = openApiHandler(RESOURCES, definitions)
