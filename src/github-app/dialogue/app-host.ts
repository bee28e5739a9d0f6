// The App's side of the `/scenario` dialogue: GitHub's API for the repository, the shared store, and
// runs handed to the scenario workflow by `workflow_dispatch` (the App never runs steps itself).
import type { DialogueHost, RunControl } from "../../application/dialogue/host.ts";
import type { CollaboratorPermission } from "../../command/index.ts";
import type { RunRecord } from "../../engine/ports.ts";
import { githubAuthoring } from "../../github/draft-branch.ts";
import type { DispatchInputs, GitHubRepository } from "../../github/repository.ts";
import { code, inline } from "../../markdown/index.ts";
import type { AppDeps } from "../deps.ts";
import type { RepoEnvironment, RepoEnvironments } from "../repo-environment.ts";

export interface AppHostOptions {
  api: GitHubRepository;
  /** The delivery was recorded as new (false: a redelivery, nothing is written). */
  admitted?: Promise<boolean>;
  deps: AppDeps;
  envs: RepoEnvironments;
  defaultBranch: string;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface AppHost extends DialogueHost {
  repo(): Promise<RepoEnvironment>;
}

export function appHost(options: AppHostOptions): AppHost {
  const { api, deps, envs, defaultBranch } = options;
  let env: Promise<RepoEnvironment> | undefined;
  // Once loaded, read without a tick: the dispatch then leaves before the reply it goes out with.
  let loaded: RepoEnvironment | undefined;
  const permissions = new Map<string, Promise<CollaboratorPermission>>();
  const repo = () => {
    env ??= envs.load(api, defaultBranch).then((e) => {
      loaded = e;
      return e;
    });
    return env;
  };
  const dispatch = async (
    run: RunRecord,
    command: DispatchInputs["command"],
    say: (body: string) => Promise<void>,
  ) => {
    const { config } = loaded ?? (await repo());
    const inputs: DispatchInputs = {
      scenario: run.scenarioId,
      params: JSON.stringify(run.params),
      "run-id": run.id,
      command,
      "issue-number": run.issueNumber ? String(run.issueNumber) : "",
    };
    try {
      await api.dispatch(config.workflow, defaultBranch, inputs);
      return true;
    } catch (error) {
      const status = (error as { status?: number }).status;
      options.log.error({ err: error, runId: run.id, command }, "workflow dispatch failed");
      if (command === "run")
        await deps.store.updateRun(run.id, { status: "failed", error: "workflow dispatch failed" });
      const workflow = `.github/workflows/${config.workflow}`;
      const why =
        status === 404
          ? inline(
              "the workflow ",
              code(workflow),
              " was not found on ",
              code(defaultBranch),
              ". Add it (see scenario-bot's README), or set ",
              code("workflow:"),
              " in ",
              code(".github/scenarios.yml"),
              ".",
            )
          : status === 422
            ? inline(
                `GitHub refused the dispatch: ${(error as Error).message}. Check that `,
                code(workflow),
                " has a ",
                code("workflow_dispatch"),
                " trigger with the inputs scenario, params, run-id, command and issue-number.",
              )
            : inline(
                `GitHub did not accept the dispatch (${status ?? "no status"}). `,
                command === "run"
                  ? "Start it again"
                  : inline("Try ", code(`/scenario ${command} ${run.id}`), " again"),
                " in a minute.",
              );
      await say(inline("could not start the workflow for run ", code(run.id), ": ") + why);
      return false;
    }
  };
  return {
    repository: api.fullName,
    ...(options.admitted ? { admitted: () => options.admitted as Promise<boolean> } : {}),
    store: deps.store,
    newRunId: deps.newRunId,
    now: deps.now,
    repo,
    permission(login) {
      let pending = permissions.get(login);
      if (!pending) {
        pending = api.permission(login);
        permissions.set(login, pending);
      }
      return pending;
    },
    async forkOf(pullNumber) {
      const pull = await api.pulls.get(pullNumber);
      if (!pull?.headRepo) return "a deleted fork";
      return pull.headRepo.toLowerCase() === api.fullName.toLowerCase() ? undefined : pull.headRepo;
    },
    async comment(issueNumber, body) {
      await api.issues.comment(issueNumber, body);
    },
    react: (commentId, content) => api.issues.react(commentId, content),
    async findRun(runId, issueNumber) {
      if (runId) {
        const run = await deps.store.getRun(runId);
        return run && run.repository.toLowerCase() === api.fullName.toLowerCase() ? run : undefined;
      }
      const runs = await deps.store.listRuns({ repository: api.fullName, limit: 200 });
      return runs
        .filter((r) => r.issueNumber === issueNumber)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    },
    start: (run, say) => dispatch(run, "run", say),
    control: (run, action: RunControl, say) => dispatch(run, action, say),
    // `/scenario learn` writes its draft with the App's token, so the draft's pull request gets CI.
    authoring: githubAuthoring(api),
  };
}
