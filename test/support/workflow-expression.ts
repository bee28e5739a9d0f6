// GitHub's workflow expressions (`${{ ... }}`), the part our workflows use, evaluated the way GitHub
// does, so a test can ask what group a job's `concurrency:` lands in for given inputs.
// https://docs.github.com/actions/reference/workflows-and-actions/expressions : literals, `!`, `==`,
// `!=`, `&&`, `||` (which yield an operand, so `a && b || c` picks b or c), strings compared without
// regard to case, a missing property is null, null / false / 0 / '' are falsy, and `format()`.
// Anything else (other functions, `<`, indexes) is refused, so a workflow using it is noticed here.

type Value = string | number | boolean | null;
export type Contexts = Record<string, unknown>;

/** A workflow value as GitHub sees it: each `${{ }}` evaluated, the text around it kept. */
export function evaluateWorkflowValue(text: string, contexts: Contexts): Value {
  const whole = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(text);
  if (whole?.[1] !== undefined && !whole[1].includes("}}")) return evaluate(whole[1], contexts);
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expr: string) => asString(evaluate(expr, contexts)));
}

export function evaluate(expression: string, contexts: Contexts): Value {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const take = (want?: string) => {
    const token = tokens[at++];
    if (token === undefined || (want && token !== want))
      throw new Error(`expected ${want ?? "more"} at token ${at} of: ${expression}`);
    return token;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === "||") {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = equality();
    while (peek() === "&&") {
      take();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): Value => {
    let left = unary();
    while (peek() === "==" || peek() === "!=") {
      const op = take();
      const same = equal(left, unary());
      left = op === "==" ? same : !same;
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === "!") {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const token = take();
    if (token === "(") {
      const value = or();
      take(")");
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (/^-?\d/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    if (peek() === "(") {
      take("(");
      const args: Value[] = [];
      while (peek() !== ")") {
        args.push(or());
        if (peek() === ",") take(",");
      }
      take(")");
      return call(token, args);
    }
    return lookup(token, contexts);
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]} in: ${expression}`);
  return value;
}

function tokenize(expression: string): string[] {
  const pattern = /\s*('(?:[^']|'')*'|&&|\|\||==|!=|!|\(|\)|,|-?\d+(?:\.\d+)?|[A-Za-z_][\w.-]*)/y;
  const tokens: string[] = [];
  let end = 0;
  for (let match = pattern.exec(expression); match; match = pattern.exec(expression)) {
    tokens.push(match[1] as string);
    end = pattern.lastIndex;
  }
  const rest = expression.slice(end).trim();
  if (rest) throw new Error(`unsupported expression text "${rest}" in: ${expression}`);
  return tokens;
}

function call(name: string, args: Value[]): Value {
  if (name !== "format") throw new Error(`function ${name}() is not evaluated here`);
  const [template, ...rest] = args;
  return asString(template ?? null).replace(/\{(\d+)\}/g, (_, i: string) =>
    asString(rest[Number(i)] ?? null),
  );
}

function lookup(path: string, contexts: Contexts): Value {
  let node: unknown = contexts;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return null;
    node = (node as Record<string, unknown>)[key];
  }
  return node === undefined ? null : (node as Value);
}

function truthy(value: Value): boolean {
  return !(value === null || value === false || value === 0 || value === "");
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function asString(value: Value): string {
  return value === null ? "" : String(value);
}
