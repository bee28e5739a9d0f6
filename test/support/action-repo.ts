// The repository an in-process action job works on, fresh for each test: the example monorepo and the
// shipped scenarios (two replaced by test fixtures, plus `files`) in a bare origin with a runner's checkout, mirrored in the loopback
// GitHub fake under a new name. The fake is shared by the file.
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { filesUnder } from "./files-under.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "./git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  type RepoSeed,
  startGitHubFake,
} from "./github-fake/index.ts";

const root = join(import.meta.dirname, "../..");

/**
 * Fixed documents that replace the shipped ones of the same id in these tests: the Action's tests assert
 * step names, counts and a fully automated run, while the shipped catalog follows dhg-mono's conventions
 * (and is run end to end by test/scenarios). Read once per file.
 */
export const actionFixtureFiles: Record<string, string> = filesUnder(
  join(root, "test/fixtures/action-scenarios"),
  "scenarios",
);

/** What the App reads on GitHub: the shipped documents, with the fixtures in place of their namesakes. */
export function appScenarioFiles(): Record<string, string> {
  return {
    ...filesUnder(join(root, "scenarios"), "scenarios", (n) => n.endsWith(".md")),
    ...actionFixtureFiles,
  };
}

export interface ActionRepo {
  readonly fake: GitHubFake;
  readonly origin: GitOrigin;
  readonly repo: FakeRepo;
}

export function useActionRepo(
  options: { files?: Record<string, string>; roles?: RepoSeed["roles"]; prefix?: string } = {},
): ActionRepo {
  let fake: GitHubFake | undefined;
  let origin: GitOrigin | undefined;
  let repo: FakeRepo | undefined;
  beforeAll(async () => {
    fake = await startGitHubFake();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    origin = createGitOrigin({
      copyDirs: { ".": join(root, "examples/monorepo"), scenarios: join(root, "scenarios") },
      files: { ...actionFixtureFiles, ...options.files },
    });
    const name = `${options.prefix ?? "mono"}${Math.random().toString(36).slice(2, 8)}`;
    repo = addRepo((fake as GitHubFake).state, {
      owner: "acme",
      name,
      ...(options.roles ? { roles: options.roles } : {}),
    });
    repo.branches = new OriginBranches(origin.bare);
    (fake as GitHubFake).requests.length = 0;
  });
  afterEach(() => origin?.dispose());
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} exists only inside a test`);
    return value;
  };
  return {
    get fake() {
      return need(fake, "the GitHub fake");
    },
    get origin() {
      return need(origin, "the origin");
    },
    get repo() {
      return need(repo, "the repository");
    },
  };
}
