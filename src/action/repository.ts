// The repository as the Action sees it: `.github/scenarios.yml` and the scenario catalog read from the
// checkout by the application layer's rules (the owner's `.github` repository through the API when the
// checkout has no config, as the App does), once per job. Broken documents become warnings on their
// lines; they fail a run only when it needs them.
import type { RepoView } from "../application/dialogue/host.ts";
import { apiSource } from "../application/repository/api-source.ts";
import {
  checkoutSource,
  loadRepoCatalog,
  readRepoConfig,
  shippedCatalog,
} from "../application/repository/index.ts";
import type { GitHubClient } from "../github/octokit.ts";
import type { RunnerContext } from "./runner-context.ts";
import type { RunnerIo } from "./runner-io.ts";

export async function readActionRepo(
  runner: RunnerContext,
  octokit: GitHubClient,
  io: RunnerIo,
): Promise<RepoView> {
  const source = checkoutSource(runner.workspace);
  const config = await readRepoConfig(source, apiSource(octokit, { owner: runner.owner, repo: ".github" }));
  const catalog = await loadRepoCatalog(source, {
    dir: config.scenariosDir,
    shipped: () => shippedCatalog(),
  });
  if (catalog.notice) io.info(catalog.notice);
  for (const p of catalog.problems) {
    io.warning(p.hint ? `${p.message} (hint: ${p.hint})` : p.message, {
      title: "scenario document",
      file: p.position.file,
      startLine: p.position.line,
    });
  }
  const repository = runner.payload.repository as { default_branch?: string } | undefined;
  return {
    config,
    catalog,
    defaultBranch: repository?.default_branch ?? "main",
    ...(runner.sha ? { sha: runner.sha } : {}),
  };
}
