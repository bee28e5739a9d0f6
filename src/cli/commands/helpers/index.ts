// The helpers scenario documents call as `"$SCENARIO_CLI" <helper>` (docs/helpers.md): what steps need
// beyond plain shell ships with scenario-bot, never in the target repository.
import type { RegisterCommand } from "../index.ts";
import { registerAddExport } from "./add-export.ts";
import { registerAddPipelineCommand } from "./add-pipeline-command.ts";
import { registerAddRoute } from "./add-route.ts";
import { registerCheckPipelineCommand } from "./check-pipeline-command.ts";
import { registerCheckSyntax } from "./check-syntax.ts";
import { registerFindExport } from "./find-export.ts";
import { registerInsertLine } from "./insert-line-command.ts";
import { registerNextPage } from "./next-page.ts";
import { registerPipelineScriptsFolder } from "./pipeline-scripts-folder.ts";
import { registerWaitForHealth } from "./wait-for-health.ts";

export const helperCommands: RegisterCommand[] = [
  registerCheckSyntax,
  registerInsertLine,
  registerAddExport,
  registerWaitForHealth,
  registerAddRoute,
  registerAddPipelineCommand,
  registerPipelineScriptsFolder,
  registerCheckPipelineCommand,
  registerFindExport,
  registerNextPage,
];
