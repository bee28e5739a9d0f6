// Checks a request against the operation of GitHub's REST description it is for: the path exists with
// that method, path and query parameters have the declared types and values (no undeclared query
// parameter, no missing required one), and the JSON body matches the operation's request body schema
// plus the prose-only limits (prose-rules.ts). ajv does the schema work; validators are compiled on
// first use. Responses can be checked the same way (the fake's own test does, for every route).
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import { githubDescription } from "./description.ts";
import type { SlimDescription, SlimOperation } from "./extract.ts";
import { PROSE_RULES } from "./prose-rules.ts";
import { OperationRouter, type RouteMatch } from "./router.ts";

export interface RequestCheck {
  /** The operation the request is for, when GitHub has one at that method and path. */
  match?: RouteMatch;
  /** What GitHub would answer instead of serving it: 404 (no such operation) or 422 (invalid input). */
  status?: 404 | 422;
  problems: string[];
}

export interface CheckedRequest {
  method: string;
  /** As sent: percent-encoded, without the query. */
  rawPath: string;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when none was sent. */
  body: unknown;
}

const addFormats = formats as unknown as (ajv: Ajv) => Ajv;

function newAjv(description: SlimDescription, coerce: boolean): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    $data: true,
    coerceTypes: coerce ? "array" : false,
  });
  addFormats(ajv);
  for (const format of description.formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
  ajv.addSchema(description, "github");
  return ajv;
}

function describeErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== "if" && e.keyword !== "allOf")
    .map((e) => {
      const at = `${where}${e.instancePath.replaceAll("/", ".")}`;
      const extra =
        e.keyword === "additionalProperties"
          ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
          : e.keyword === "enum"
            ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")})`
            : "";
      return `${at} ${e.message}${extra}`;
    });
}

const pointerPart = (id: string) => id.replaceAll("~", "~0").replaceAll("/", "~1");

export class DescriptionChecker {
  readonly description: SlimDescription;
  readonly #router: OperationRouter;
  readonly #ajv: Ajv;
  readonly #params: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(served: readonly string[]) {
    this.description = githubDescription(served);
    this.#router = new OperationRouter(this.description);
    this.#ajv = newAjv(this.description, false);
    this.#params = newAjv(this.description, true);
  }

  /** The operation a request is for, by method and path alone (no checks). */
  route(method: string, rawPath: string): RouteMatch | undefined {
    return this.#router.match(method, rawPath);
  }

  checkRequest(request: CheckedRequest): RequestCheck {
    const { method, rawPath } = request;
    const match = this.route(method, rawPath);
    if (!match) {
      const others = this.#router.methodsFor(rawPath);
      const why = others.length
        ? `GitHub's REST description has ${others.join(", ")} ${rawPath}, not ${method}`
        : `no operation in GitHub's REST description matches ${method} ${rawPath}`;
      return { status: 404, problems: [why] };
    }
    const { operation } = match;
    if (!operation.responses) return { match, problems: [] }; // not served: the fake answers 404 itself
    const problems = [
      ...this.#checkParameters(operation, "path", match.params),
      ...this.#checkParameters(operation, "query", queryObject(request.query)),
      ...this.#checkBody(operation, request.body),
    ];
    return problems.length ? { match, status: 422, problems } : { match, problems };
  }

  /** Problems of a JSON answer the fake sends for `operationId` with `status`. */
  checkResponse(operationId: string, status: number, body: unknown): string[] {
    const operation = this.description.operations[operationId];
    const responses = operation?.responses;
    if (!responses) return [`${operationId} is not an operation the fake serves`];
    if (!(String(status) in responses)) {
      // GitHub answers 401, 403, 404 and 422 on most operations without listing them all.
      return status >= 400 ? [] : [`GitHub's description lists no ${status} answer for ${operationId}`];
    }
    if (responses[String(status)] === null || body === undefined) return [];
    const validate = this.#validator(
      `response:${operationId}:${status}`,
      () => ({ $ref: `github#/operations/${pointerPart(operationId)}/responses/${status}` }),
      this.#ajv,
    );
    return validate(body) ? [] : describeErrors(`${operationId} ${status} answer`, validate.errors);
  }

  #checkParameters(
    operation: SlimOperation,
    where: "path" | "query",
    values: Record<string, unknown>,
  ): string[] {
    const declared = operation.parameters.filter((p) => p.in === where);
    const problems: string[] = [];
    if (where === "query") {
      const known = new Set(declared.map((p) => p.name));
      for (const name of Object.keys(values)) {
        // GitHub ignores a query parameter it does not know: a misspelt `per_page` silently does nothing.
        if (!known.has(name)) problems.push(`query parameter ${name} is not one ${operation.id} takes`);
      }
    }
    const validate = this.#validator(
      `${where}:${operation.id}`,
      () => ({
        type: "object",
        properties: Object.fromEntries(declared.map((p) => [p.name, p.schema])),
        required: declared.filter((p) => p.required).map((p) => p.name),
      }),
      this.#params,
    );
    const copy = structuredClone(values);
    if (!validate(copy)) problems.push(...describeErrors(`${where} parameter`, validate.errors));
    return problems;
  }

  #checkBody(operation: SlimOperation, body: unknown): string[] {
    if (body === undefined) {
      return operation.body?.required ? [`${operation.id} needs a JSON body`] : [];
    }
    if (!operation.body) {
      const empty = body === null || (typeof body === "object" && Object.keys(body as object).length === 0);
      return empty ? [] : [`${operation.id} takes no request body`];
    }
    const validate = this.#validator(
      `body:${operation.id}`,
      () => ({
        allOf: [
          { $ref: `github#/operations/${pointerPart(operation.id)}/body/schema` },
          PROSE_RULES[operation.id] ?? {},
        ],
      }),
      this.#ajv,
    );
    return validate(body) ? [] : describeErrors("body", validate.errors);
  }

  #validator(key: string, schema: () => object, ajv: Ajv): ValidateFunction {
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema());
      this.#compiled.set(key, validate);
    }
    return validate;
  }
}

function queryObject(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of new Set(query.keys())) {
    const all = query.getAll(name);
    out[name] = all.length === 1 ? all[0] : all;
  }
  return out;
}
