// The document model's public API: what the engine, the store, the App, the Action and the CLI use.
export {
  type Catalog,
  type CatalogFile,
  catalogFromFiles,
  catalogFromParsed,
  findIdLine,
  type LoadCatalogOptions,
  listMarkdown,
  loadCatalog,
  parseCatalogFile,
} from "./catalog.ts";
export { closest, closestIds } from "./closest.ts";
export {
  DependencyCycleError,
  FilterError,
  PathOutsideWorkspaceError,
  PlaceholderError,
  ScenarioDocumentError,
  UnknownScenarioError,
} from "./errors.ts";
export { applyFilter, applyFilters, sqlIdent, words } from "./filters.ts";
export {
  dependencyOrder,
  findCycles,
  graphProblems,
  type OrderOptions,
  type ScenarioSet,
  scenariosOf,
} from "./graph.ts";
export {
  DEFAULT_LAYOUT,
  EXPORT_STYLES,
  LAYOUT_KEYS,
  LAYOUT_PLACEHOLDERS,
  type Layout,
  type LayoutKey,
  layoutValues,
  PACKAGE_MANAGERS,
} from "./layout.ts";
export { GlobError, globProblem, linearGlob } from "./linear-glob.ts";
export { type LinearRegex, linearRegex, linearRegexProblem, TRIGGER_REGEX } from "./linear-regex.ts";
export { parseMarkdown } from "./markdown.ts";
export { toMermaid } from "./mermaid.ts";
export { parameterFolder } from "./parameter-folder.ts";
export { checkParameterValue, type ValueCheck } from "./parameter-values.ts";
export { type ParseOptions, type ParseResult, parseScenario, parseScenarioOrThrow } from "./parse.ts";
export {
  checkPlaceholders,
  findPlaceholders,
  isInsideWorkspace,
  type Placeholder,
  type PlaceholderValues,
  renderPath,
  renderText,
} from "./placeholders.ts";
export { formatProblem, sortProblems } from "./problems.ts";
export { envVarName, type RenderedShell, renderShell } from "./shell.ts";
export { type ShellContext, type ShellPlaceholder, scanShell } from "./shell-lexer.ts";
export { ENV_NAME, stepEnvNameProblem } from "./step-env-names.ts";
export { fillTriggerParams, type TriggerHit } from "./trigger-params.ts";
export * from "./types.ts";
