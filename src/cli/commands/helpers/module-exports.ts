// Where a TypeScript/JavaScript module's exports are declared, read from the files alone: the module a
// path names (as an import names it: `x` is `x.ts`, ..., or `x/index.ts`), then each export followed
// through `export * from`, `export { a as b } from` and imports it re-exports, to its declaration. So a
// document can ask "does this service export its class and instance?" whatever its shape: one file, a
// folder whose index holds it, or an index re-exporting another folder (dhg-mono's `-refactored` ones).
// Syntax only (Babel's parser): nothing of the target repository needs to be installed.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { loadParser, parserModule } from "../../../syntax/check.ts";

type Program = ReturnType<ReturnType<typeof parserModule>["parse"]>["program"];
type Statement = Program["body"][number];
type Node = { type: string; loc?: { start: { line: number } } | null };

/** Extensions an import without one may name, in TypeScript's order; then `index` with each. */
export const MODULE_EXTENSIONS = [".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** Files read while following one question, at most: an index of a large workspace stays bounded. */
export const MAX_FILES = 400;
const MAX_BYTES = 2 * 1024 * 1024;

export interface Declaration {
  /** Absolute path of the file that declares it. */
  file: string;
  line: number;
  /** `class`, `function`, `const`, `interface`, `type`, `enum`, `namespace`, `default`, `static method`, ... */
  kind: string;
  /** The name asked for (`FormatterService`, `FormatterService.getInstance`). */
  name: string;
}

/** Why a name is not found, as the rest of a sentence that starts with the module's file. */
export class ExportNotFound extends Error {
  override name = "ExportNotFound";
  /** The name is not exported at all (so a list of what is exported helps). */
  readonly absent: boolean;
  constructor(message: string, absent = false) {
    super(message);
    this.absent = absent;
  }
}

/** The module file `specifier` names from `fromDir`, as TypeScript resolves a relative import; undefined when none. */
export async function resolveModule(fromDir: string, specifier: string): Promise<string | undefined> {
  const base = path.resolve(fromDir, specifier);
  for (const candidate of moduleCandidates(base)) if (await isFile(candidate)) return candidate;
  return undefined;
}

/** The files tried for `base`, in order (`x.js` also as `x.ts`, as TypeScript's ESM imports are written). */
export function moduleCandidates(base: string): string[] {
  const ext = path.extname(base);
  const swapped: Record<string, string[]> = {
    ".js": [".ts", ".tsx"],
    ".jsx": [".tsx"],
    ".mjs": [".mts"],
    ".cjs": [".cts"],
  };
  const stem = base.slice(0, base.length - ext.length);
  return [
    ...(MODULE_EXTENSIONS.includes(ext) ? [base, ...(swapped[ext] ?? []).map((e) => stem + e)] : []),
    ...MODULE_EXTENSIONS.map((e) => base + e),
    ...MODULE_EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
}

interface ModuleInfo {
  /** Exported name -> where it comes from. */
  named: Map<string, Origin>;
  /** `export * from` specifiers, in order. */
  stars: string[];
}

type Origin = { local: Node; kind: string } | { from: string; imported: string } | { localName: string };

/** Reads and follows modules for one question; every file parsed once. */
export class ModuleReader {
  readonly #cache = new Map<string, ModuleInfo>();
  /** How a file is named in a message (the command: relative to its working directory). */
  readonly #display: (file: string) => string;
  constructor(display: (file: string) => string = (file) => file) {
    this.#display = display;
  }
  /** Bare specifiers met on the way (`@dhg/shared`): not followed, said when a name is missing. */
  readonly unfollowed = new Set<string>();

  async find(moduleFile: string, name: string): Promise<Declaration> {
    const [exported, member] = splitMember(name);
    const found = await this.#resolve(moduleFile, exported, new Set());
    if (!found) throw new ExportNotFound(this.#missing(exported), true);
    if (member === undefined) return { file: found.file, line: line(found.node), kind: found.kind, name };
    if (found.node.type !== "ClassDeclaration")
      throw new ExportNotFound(`exports ${exported} as a ${found.kind}, not a class with a static ${member}`);
    const static_ = staticMember(found.node, member);
    if (!static_)
      throw new ExportNotFound(
        `exports class ${exported} (${this.#display(found.file)}:${line(found.node)}), which declares no static member ${member} (inherited ones are not followed)`,
      );
    return { file: found.file, line: line(static_.node), kind: static_.kind, name };
  }

  /** The names a module exports (own, then through `export *`), for a message. */
  async exportedNames(moduleFile: string): Promise<string[]> {
    const names = new Set<string>();
    const seen = new Set<string>();
    const walk = async (file: string): Promise<void> => {
      if (seen.has(file) || seen.size >= MAX_FILES) return;
      seen.add(file);
      const info = await this.#read(file);
      for (const n of info.named.keys()) names.add(n);
      for (const star of info.stars) {
        const next = await this.#follow(file, star);
        if (next) await walk(next);
      }
    };
    await walk(moduleFile);
    return [...names].filter((n) => n !== "default");
  }

  async #resolve(
    file: string,
    name: string,
    seen: Set<string>,
  ): Promise<{ file: string; node: Node; kind: string } | undefined> {
    const key = `${file}\0${name}`;
    if (seen.has(key) || seen.size >= MAX_FILES) return undefined;
    seen.add(key);
    const info = await this.#read(file);
    const origin = info.named.get(name);
    if (origin) return this.#origin(file, info, origin, seen);
    if (name === "default") return undefined;
    for (const star of info.stars) {
      const next = await this.#follow(file, star);
      const found = next === undefined ? undefined : await this.#resolve(next, name, seen);
      if (found) return found;
    }
    return undefined;
  }

  async #origin(
    file: string,
    info: ModuleInfo,
    origin: Origin,
    seen: Set<string>,
  ): Promise<{ file: string; node: Node; kind: string } | undefined> {
    if ("local" in origin) return { file, node: origin.local, kind: origin.kind };
    if ("from" in origin) {
      const next = await this.#follow(file, origin.from);
      return next === undefined ? undefined : this.#resolve(next, origin.imported, seen);
    }
    // `export { a as b }`: a is declared here or imported.
    const local = await this.#localBinding(file, origin.localName);
    if (!local) return undefined;
    return this.#origin(file, info, local, seen);
  }

  async #localBinding(file: string, localName: string): Promise<Origin | undefined> {
    const program = await this.#program(file);
    for (const statement of program.body) {
      const declared = declarationsOf(statement).find((d) => d.name === localName);
      if (declared) return { local: declared.node, kind: declared.kind };
      if (statement.type === "ImportDeclaration") {
        for (const s of statement.specifiers) {
          if (s.local.name !== localName) continue;
          if (s.type === "ImportNamespaceSpecifier") return { local: s, kind: "namespace" };
          const imported =
            s.type === "ImportDefaultSpecifier"
              ? "default"
              : s.imported.type === "Identifier"
                ? s.imported.name
                : s.imported.value;
          return { from: statement.source.value, imported };
        }
      }
    }
    return undefined;
  }

  /** The module a specifier in `file` names; a bare one (a package) is noted and not followed. */
  async #follow(file: string, specifier: string): Promise<string | undefined> {
    if (!specifier.startsWith(".") && !specifier.startsWith("/")) {
      this.unfollowed.add(specifier);
      return undefined;
    }
    return resolveModule(path.dirname(file), specifier);
  }

  async #read(file: string): Promise<ModuleInfo> {
    const cached = this.#cache.get(file);
    if (cached) return cached;
    const info: ModuleInfo = { named: new Map(), stars: [] };
    for (const statement of (await this.#program(file)).body) collectExports(statement, info);
    this.#cache.set(file, info);
    return info;
  }

  readonly #programs = new Map<string, Program>();

  async #program(file: string): Promise<Program> {
    const cached = this.#programs.get(file);
    if (cached) return cached;
    if (this.#programs.size >= MAX_FILES)
      throw new ExportNotFound(`is not followed further: ${MAX_FILES} files read`);
    const size = (await stat(file)).size;
    if (size > MAX_BYTES)
      throw new ExportNotFound(`leads to ${this.#display(file)}, larger than ${MAX_BYTES} bytes`);
    await loadParser();
    const text = await readFile(file, "utf8");
    const ext = path.extname(file);
    const program = parserModule().parse(text, {
      sourceType: "module",
      errorRecovery: true,
      plugins: [
        ...(ext === ".js" || ext === ".jsx" || ext === ".mjs" || ext === ".cjs"
          ? (["jsx"] as const)
          : ext === ".tsx"
            ? (["typescript", "jsx"] as const)
            : (["typescript"] as const)),
        "decorators-legacy",
      ],
    }).program;
    this.#programs.set(file, program);
    return program;
  }

  #missing(name: string): string {
    const packages = [...this.unfollowed];
    return `does not export ${name}${packages.length ? ` (re-exports of packages are not followed: ${packages.slice(0, 5).join(", ")})` : ""}`;
  }
}

function collectExports(statement: Statement, info: ModuleInfo): void {
  switch (statement.type) {
    case "ExportAllDeclaration":
      info.stars.push(statement.source.value);
      return;
    case "ExportDefaultDeclaration":
      info.named.set("default", { local: statement, kind: "default" });
      return;
    case "ExportNamedDeclaration": {
      if (statement.declaration) {
        for (const d of declarationsOf(statement.declaration))
          info.named.set(d.name, { local: d.node, kind: d.kind });
      }
      for (const s of statement.specifiers) {
        const exported = s.exported.type === "Identifier" ? s.exported.name : s.exported.value;
        if (s.type === "ExportNamespaceSpecifier") {
          info.named.set(exported, { local: s, kind: "namespace" });
        } else if (s.type === "ExportDefaultSpecifier") {
          if (statement.source)
            info.named.set(exported, { from: statement.source.value, imported: "default" });
        } else if (statement.source) {
          info.named.set(exported, { from: statement.source.value, imported: s.local.name });
        } else {
          info.named.set(exported, { localName: s.local.name });
        }
      }
      return;
    }
    default:
      return;
  }
}

/** Names a top-level statement declares, with their kind (destructured consts give each name). */
function declarationsOf(statement: Node): { name: string; node: Node; kind: string }[] {
  const s = statement as Statement;
  switch (s.type) {
    case "ExportNamedDeclaration":
      return s.declaration ? declarationsOf(s.declaration) : [];
    case "ClassDeclaration":
      return s.id ? [{ name: s.id.name, node: s, kind: "class" }] : [];
    case "FunctionDeclaration":
    case "TSDeclareFunction":
      return s.id ? [{ name: s.id.name, node: s, kind: "function" }] : [];
    case "TSInterfaceDeclaration":
      return [{ name: s.id.name, node: s, kind: "interface" }];
    case "TSTypeAliasDeclaration":
      return [{ name: s.id.name, node: s, kind: "type" }];
    case "TSEnumDeclaration":
      return [{ name: s.id.name, node: s, kind: "enum" }];
    case "TSModuleDeclaration":
      return s.id.type === "Identifier" ? [{ name: s.id.name, node: s, kind: "namespace" }] : [];
    case "VariableDeclaration":
      return s.declarations.flatMap((d) =>
        bindingNames(d.id).map((name) => ({ name, node: d as Node, kind: s.kind })),
      );
    default:
      return [];
  }
}

function bindingNames(pattern: Node): string[] {
  const p = pattern as { type: string; name?: string; properties?: Node[]; elements?: (Node | null)[] };
  switch (p.type) {
    case "Identifier":
      return p.name ? [p.name] : [];
    case "ObjectPattern":
      return (p.properties ?? []).flatMap((prop) => {
        const q = prop as { type: string; value?: Node; argument?: Node };
        return q.type === "RestElement" && q.argument
          ? bindingNames(q.argument)
          : q.value
            ? bindingNames(q.value)
            : [];
      });
    case "ArrayPattern":
      return (p.elements ?? []).flatMap((e) => (e ? bindingNames(e) : []));
    case "AssignmentPattern":
      return bindingNames((p as unknown as { left: Node }).left);
    case "RestElement":
      return bindingNames((p as unknown as { argument: Node }).argument);
    default:
      return [];
  }
}

/** A class's own static member named `member` (inherited ones are not followed). */
function staticMember(classNode: Node, member: string): { node: Node; kind: string } | undefined {
  const body = (classNode as unknown as { body: { body: Node[] } }).body.body;
  for (const m of body) {
    const item = m as {
      type: string;
      static?: boolean;
      key?: { type: string; name?: string; value?: string };
    };
    if (!item.static || !item.key) continue;
    const key = item.key.type === "Identifier" ? item.key.name : item.key.value;
    if (key !== member) continue;
    const kind = /Method/.test(item.type) ? "static method" : "static property";
    return { node: m, kind };
  }
  return undefined;
}

function splitMember(name: string): [string, string | undefined] {
  const dot = name.indexOf(".");
  return dot === -1 ? [name, undefined] : [name.slice(0, dot), name.slice(dot + 1)];
}

function line(node: Node): number {
  return node.loc?.start.line ?? 1;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
