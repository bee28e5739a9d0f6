// Every command module registers itself here, one line each.
import type { Command } from "commander";
import type { CliIo } from "../main.ts";
import { registerArchive } from "./archive.ts";
import { registerCancel } from "./cancel.ts";
import { registerDb } from "./db.ts";
import { registerGraph } from "./graph.ts";
import { helperCommands } from "./helpers/index.ts";
import { registerImport } from "./import.ts";
import { registerInit } from "./init.ts";
import { registerList } from "./list.ts";
import { registerLogs } from "./logs.ts";
import { registerMigrate } from "./migrate.ts";
import { registerNew } from "./new.ts";
import { registerPlan } from "./plan.ts";
import { registerPrune } from "./prune.ts";
import { registerResume } from "./resume.ts";
import { registerRollback } from "./rollback.ts";
import { registerRun } from "./run.ts";
import { registerRuns } from "./runs.ts";
import { registerScratchDb } from "./scratch-db.ts";
import { registerShow } from "./show.ts";
import { registerStatus } from "./status.ts";
import { registerSync } from "./sync.ts";
import { registerTest } from "./test.ts";
import { registerTick } from "./tick.ts";
import { registerValidate } from "./validate.ts";

/** What a command module gets: where to print, the environment, and how to set the exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode: (code: number) => void;
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

const modules: RegisterCommand[] = [
  registerInit,
  registerMigrate,
  registerDb,
  registerSync,
  registerArchive,
  registerScratchDb,
  registerList,
  registerShow,
  registerValidate,
  registerGraph,
  registerRun,
  registerPlan,
  registerResume,
  registerRollback,
  registerTest,
  registerCancel,
  registerStatus,
  registerRuns,
  registerTick,
  registerLogs,
  registerPrune,
  registerImport,
  registerNew,
  ...helperCommands,
];

export function registerCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const ctx: CommandContext = { io, setExitCode };
  for (const register of modules) register(program, ctx);
}
