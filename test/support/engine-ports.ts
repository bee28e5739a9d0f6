// The CLI's adapters over a repository for one run, with the reporter's output collected. No vitest
// import here: child processes of the kill-and-resume test use it too.
import path from "node:path";
import type { EnginePorts, RunStore } from "../../src/engine/ports.ts";
import { ConsoleReporter } from "../../src/local/console-reporter.ts";
import { FileTaskSink } from "../../src/local/file-task-sink.ts";
import { GitWorkspace } from "../../src/local/git-workspace.ts";
import type { Db } from "../../src/store/db.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";

export interface LocalPorts extends EnginePorts {
  workspace: GitWorkspace;
  tasks: FileTaskSink;
  output: string[];
}

/**
 * The CLI's adapters over a repository, for one run id; output of the reporter is collected. The
 * store is the SQL one over `source` when given a database, or `source` itself (a MemoryRunStore).
 */
export async function localPorts(source: Db | RunStore, repo: string, runId: string): Promise<LocalPorts> {
  const output: string[] = [];
  const store = "createRun" in source ? source : new SqlRunStore({ db: source });
  return {
    workspace: await GitWorkspace.open({ repo, runId }),
    store,
    reporter: new ConsoleReporter({ write: (t) => output.push(t), isTTY: false }),
    tasks: new FileTaskSink({ dir: path.join(repo, ".scenario", "tasks"), store }),
    output,
  };
}
