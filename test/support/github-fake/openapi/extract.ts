// Cuts GitHub's published REST description (@octokit/openapi, 13 MB) down to what the fake checks:
// every operation's method, path and path parameters (to tell a path GitHub has from one it has not),
// and, for the operations the fake serves, their parameters, request body and response schemas with
// the components these reference. Two rewrites make the schemas plain JSON Schema for ajv: OpenAPI
// 3.0's `nullable` without a `type` becomes `anyOf [null, ...]`, and request bodies refuse members the
// description does not list (GitHub ignores them silently, so a misspelt field is a bug we want to see).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SlimParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Json;
  /** `x-multi-segment`: the value may hold slashes (a file path, `heads/main`). */
  multiSegment: boolean;
}

export interface SlimOperation {
  id: string;
  method: string;
  path: string;
  parameters: SlimParameter[];
  body?: { required: boolean; schema: Json };
  /** Status -> schema of the JSON answer (null: no body). Only for served operations. */
  responses?: Record<string, Json>;
}

export interface SlimDescription {
  source: string;
  operations: Record<string, SlimOperation>;
  components: { schemas: Record<string, Json> };
  /** Formats the schemas use, so the validator can be told which ones it need not know. */
  formats: string[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const JSON_TYPES = ["application/json", "application/vnd.github.object", "application/scim+json"];

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pointer(doc: JsonObject, ref: string): Json {
  let node: Json = doc;
  for (const part of ref.replace(/^#\//, "").split("/")) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(node)) throw new Error(`cannot resolve ${ref} in GitHub's REST description`);
    node = node[key] as Json;
  }
  return node;
}

/** Follows `$ref`s of parameters, request bodies and responses (not schemas: those stay references). */
function deref(doc: JsonObject, node: Json): Json {
  let current = node;
  while (
    isObject(current) &&
    typeof current.$ref === "string" &&
    !current.$ref.startsWith("#/components/schemas/")
  ) {
    current = pointer(doc, current.$ref);
  }
  return current;
}

function jsonSchemaOf(content: Json): Json | undefined {
  if (!isObject(content)) return undefined;
  for (const type of JSON_TYPES) {
    const media = content[type];
    if (isObject(media) && media.schema !== undefined) return media.schema;
  }
  return undefined;
}

/** A copy of `schema` as plain JSON Schema; `strict` closes objects that list their members. */
function normalise(schema: Json, strict: boolean, formats: Set<string>, refs: Set<string>): Json {
  if (Array.isArray(schema)) return schema.map((s) => normalise(s, strict, formats, refs));
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "example" || key === "examples" || key === "description" || key.startsWith("x-")) continue;
    if (key === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, normalise(s, strict, formats, refs)]),
      );
      continue;
    }
    // Members split over allOf branches would each be refused by the other branch: never close those.
    out[key] = normalise(value, strict && key !== "allOf", formats, refs);
  }
  if (typeof out.$ref === "string") refs.add(out.$ref);
  if (typeof out.format === "string") formats.add(out.format);
  if (strict && isObject(out.properties) && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  // OpenAPI 3.0 means `nullable` to allow null whatever the enum lists (GitHub's check run conclusion).
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null))
    out.enum = [...out.enum, null];
  if (out.nullable !== undefined && out.type === undefined) {
    const { nullable, ...rest } = out;
    return nullable === true ? { anyOf: [{ type: "null" }, rest] } : rest;
  }
  return out;
}

export function extract(doc: JsonObject, source: string, served: ReadonlySet<string>): SlimDescription {
  const formats = new Set<string>();
  const refs = new Set<string>();
  const operations: Record<string, SlimOperation> = {};
  for (const [path, item] of Object.entries(doc.paths as JsonObject)) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== "string") continue;
      const full = served.has(op.operationId);
      const parameters: SlimParameter[] = [];
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = deref(doc, raw);
        if (!isObject(p) || (!full && p.in !== "path")) continue;
        parameters.push({
          name: String(p.name),
          in: p.in as SlimParameter["in"],
          required: p.required === true,
          schema: full ? normalise(p.schema ?? {}, false, formats, refs) : {},
          multiSegment: p["x-multi-segment"] === true,
        });
      }
      const slim: SlimOperation = { id: op.operationId, method: method.toUpperCase(), path, parameters };
      if (full) {
        const body = deref(doc, op.requestBody ?? null);
        const schema = isObject(body) ? jsonSchemaOf(body.content ?? null) : undefined;
        if (isObject(body) && schema !== undefined) {
          slim.body = { required: body.required === true, schema: normalise(schema, true, formats, refs) };
        }
        slim.responses = {};
        for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
          const r = deref(doc, response);
          const s = isObject(r) ? jsonSchemaOf(r.content ?? null) : undefined;
          slim.responses[status] = s === undefined ? null : normalise(s, false, formats, refs);
        }
      }
      operations[op.operationId] = slim;
    }
  }
  // The components the kept schemas reference, and the ones those reference, and so on.
  const schemas: Record<string, Json> = {};
  const all = (doc.components as JsonObject).schemas as JsonObject;
  const pending = [...refs];
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const name = ref.replace("#/components/schemas/", "");
    if (name in schemas) continue;
    const found = new Set<string>();
    schemas[name] = normalise(all[name] ?? {}, false, formats, found);
    pending.push(...found);
  }
  return { source, operations, components: { schemas }, formats: [...formats].sort() };
}
