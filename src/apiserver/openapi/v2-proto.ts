/**
 * Encodes the OpenAPI v2 JSON document as a gnostic `openapi.v2.Document`
 * protobuf, the body of `/openapi/v2` for Accept
 * `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (kubectl 1.27/1.28
 * decode it before every write; JSON there fails with a wire-format error).
 *
 * Only the subset of messages a Kubernetes document uses is declared; field
 * numbers follow google/gnostic openapiv2/OpenAPIv2.proto. Values that gnostic
 * carries as `Any` (enum, default, vendor extensions) go in its `yaml` field;
 * we write them as JSON, which is valid YAML and is how kubectl parses them.
 */
import protobuf from 'protobufjs'
import type { Json } from './schema-json.ts'

const PROTO = `
syntax = "proto3";
package openapi.v2;

message Any { bytes value = 1; string yaml = 2; }  // value is google.protobuf.Any upstream; never set here
message NamedAny { string name = 1; Any value = 2; }
message Info { string title = 1; string version = 2; string description = 3; repeated NamedAny vendor_extension = 7; }
message StringArray { repeated string value = 1; }
message NamedStringArray { string name = 1; StringArray value = 2; }
message SecurityRequirement { repeated NamedStringArray additional_properties = 1; }
message ApiKeySecurity { string type = 1; string name = 2; string in = 3; string description = 4; repeated NamedAny vendor_extension = 5; }
message SecurityDefinitionsItem { oneof oneof { ApiKeySecurity api_key_security = 2; } }
message NamedSecurityDefinitionsItem { string name = 1; SecurityDefinitionsItem value = 2; }
message SecurityDefinitions { repeated NamedSecurityDefinitionsItem additional_properties = 1; }

message TypeItem { repeated string value = 1; }
message ItemsItem { repeated Schema schema = 1; }
message NamedSchema { string name = 1; Schema value = 2; }
message Properties { repeated NamedSchema additional_properties = 1; }
message AdditionalPropertiesItem { oneof oneof { Schema schema = 1; bool boolean = 2; } }
message Schema {
  string _ref = 1; string format = 2; string title = 3; string description = 4; Any default = 5;
  bool unique_items = 16; repeated string required = 19; repeated Any enum = 20;
  AdditionalPropertiesItem additional_properties = 21; TypeItem type = 22; ItemsItem items = 23;
  repeated Schema all_of = 24; Properties properties = 25; bool read_only = 27;
  repeated NamedAny vendor_extension = 31;
}
message Definitions { repeated NamedSchema additional_properties = 1; }

message BodyParameter { string description = 1; string name = 2; string in = 3; bool required = 4; Schema schema = 5; repeated NamedAny vendor_extension = 6; }
message QueryParameterSubSchema { bool required = 1; string in = 2; string description = 3; string name = 4; string type = 6; string format = 7; bool unique_items = 20; repeated NamedAny vendor_extension = 23; }
message PathParameterSubSchema { bool required = 1; string in = 2; string description = 3; string name = 4; string type = 5; string format = 6; bool unique_items = 19; repeated NamedAny vendor_extension = 22; }
message NonBodyParameter { oneof oneof { QueryParameterSubSchema query_parameter_sub_schema = 3; PathParameterSubSchema path_parameter_sub_schema = 4; } }
message Parameter { oneof oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; } }
message JsonReference { string _ref = 1; string description = 2; }
message ParametersItem { oneof oneof { Parameter parameter = 1; JsonReference json_reference = 2; } }

message SchemaItem { oneof oneof { Schema schema = 1; } }
message Response { string description = 1; SchemaItem schema = 2; repeated NamedAny vendor_extension = 5; }
message ResponseValue { oneof oneof { Response response = 1; JsonReference json_reference = 2; } }
message NamedResponseValue { string name = 1; ResponseValue value = 2; }
message Responses { repeated NamedResponseValue response_code = 1; repeated NamedAny vendor_extension = 2; }

message Operation {
  repeated string tags = 1; string summary = 2; string description = 3; string operation_id = 5;
  repeated string produces = 6; repeated string consumes = 7; repeated ParametersItem parameters = 8;
  Responses responses = 9; repeated string schemes = 10; bool deprecated = 11; repeated NamedAny vendor_extension = 13;
}
message PathItem {
  string _ref = 1; Operation get = 2; Operation put = 3; Operation post = 4; Operation delete = 5;
  Operation options = 6; Operation head = 7; Operation patch = 8; repeated ParametersItem parameters = 9;
  repeated NamedAny vendor_extension = 10;
}
message NamedPathItem { string name = 1; PathItem value = 2; }
message Paths { repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2; }

message Document {
  string swagger = 1; Info info = 2; string host = 3; string base_path = 4; repeated string schemes = 5;
  repeated string consumes = 6; repeated string produces = 7; Paths paths = 8; Definitions definitions = 9;
  repeated SecurityRequirement security = 12; SecurityDefinitions security_definitions = 13;
  repeated NamedAny vendor_extension = 16;
}
`

export const openApiV2Root = protobuf.parse(PROTO, { keepCase: true }).root
export const DocumentType = openApiV2Root.lookupType('openapi.v2.Document')

type Msg = Record<string, unknown>

const anyOf = (value: unknown): Msg => ({ yaml: JSON.stringify(value) })

const extensions = (obj: Json): Msg[] =>
  Object.entries(obj)
    .filter(([k]) => k.startsWith('x-'))
    .map(([name, value]) => ({ name, value: anyOf(value) }))

const schemaMsg = (s: Json): Msg => {
  const m: Msg = {}
  if (typeof s.$ref === 'string') m._ref = s.$ref
  if (typeof s.format === 'string') m.format = s.format
  if (typeof s.description === 'string') m.description = s.description
  if ('default' in s) m.default = anyOf(s.default)
  if (s.uniqueItems === true) m.unique_items = true
  if (Array.isArray(s.required)) m.required = s.required
  if (Array.isArray(s.enum)) m.enum = s.enum.map(anyOf)
  if (s.additionalProperties && typeof s.additionalProperties === 'object') m.additional_properties = { schema: schemaMsg(s.additionalProperties as Json) }
  if (typeof s.type === 'string') m.type = { value: [s.type] }
  if (s.items && typeof s.items === 'object') m.items = { schema: [schemaMsg(s.items as Json)] }
  if (Array.isArray(s.allOf)) m.all_of = (s.allOf as Json[]).map(schemaMsg)
  if (s.properties && typeof s.properties === 'object') {
    m.properties = { additional_properties: Object.entries(s.properties as Record<string, Json>).map(([name, v]) => ({ name, value: schemaMsg(v) })) }
  }
  const ext = extensions(s)
  if (ext.length) m.vendor_extension = ext
  return m
}

const parameterMsg = (p: Json): Msg => {
  if (p.in === 'body') {
    return { parameter: { body_parameter: { description: p.description, name: p.name, in: 'body', required: p.required === true, schema: schemaMsg(p.schema as Json) } } }
  }
  const sub: Msg = { required: p.required === true, in: p.in, description: p.description, name: p.name, type: p.type, unique_items: p.uniqueItems === true }
  const key = p.in === 'path' ? 'path_parameter_sub_schema' : 'query_parameter_sub_schema'
  return { parameter: { non_body_parameter: { [key]: sub } } }
}

const operationMsg = (op: Json): Msg => {
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>).map(([code, r]) => ({
    name: code,
    value: { response: { description: r.description, ...(r.schema ? { schema: { schema: schemaMsg(r.schema as Json) } } : {}) } },
  }))
  return {
    tags: op.tags,
    description: op.description,
    operation_id: op.operationId,
    produces: op.produces,
    consumes: op.consumes,
    parameters: ((op.parameters ?? []) as Json[]).map(parameterMsg),
    responses: { response_code: responses },
    schemes: op.schemes,
    vendor_extension: extensions(op),
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch']

const pathItemMsg = (item: Json): Msg => {
  const m: Msg = {}
  for (const method of METHODS) if (item[method]) m[method] = operationMsg(item[method] as Json)
  if (Array.isArray(item.parameters)) m.parameters = (item.parameters as Json[]).map(parameterMsg)
  return m
}

/** Converts the Swagger JSON (from v2.ts) into the gnostic message shape. */
export const toGnostic = (doc: Json): Msg => {
  const info = (doc.info ?? {}) as Json
  const secDefs = Object.entries((doc.securityDefinitions ?? {}) as Record<string, Json>).map(([name, d]) => ({
    name,
    value: { api_key_security: { type: d.type, name: d.name, in: d.in, description: d.description } },
  }))
  const security = ((doc.security ?? []) as Record<string, string[]>[]).map((req) => ({
    additional_properties: Object.entries(req).map(([name, scopes]) => ({ name, value: { value: scopes } })),
  }))
  return {
    swagger: doc.swagger,
    info: { title: info.title, version: info.version },
    paths: { path: Object.entries((doc.paths ?? {}) as Record<string, Json>).map(([name, item]) => ({ name, value: pathItemMsg(item) })) },
    definitions: { additional_properties: Object.entries((doc.definitions ?? {}) as Record<string, Json>).map(([name, s]) => ({ name, value: schemaMsg(s) })) },
    security,
    security_definitions: { additional_properties: secDefs },
  }
}

export const encodeV2Proto = (doc: Json): Uint8Array => {
  const msg = DocumentType.fromObject(toGnostic(doc))
  return DocumentType.encode(msg).finish()
}
