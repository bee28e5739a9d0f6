import { describe, expect, it } from "vitest";
import { type Suggestible, suggest } from "../../src/command/index.ts";

const catalog: Suggestible[] = [
  {
    id: "add-rls-policies",
    title: "Add RLS policies",
    description: "Protect a table with row level security policies.",
    objectType: "database",
    parameters: [{ name: "table", description: "Table to protect" }],
  },
  {
    id: "create-shared-service",
    title: "Create a shared service",
    description: "A new service package with tests and a health endpoint.",
    objectType: "service",
    parameters: [{ name: "name", description: "Service name" }],
  },
  {
    id: "add-cli-command",
    title: "Add a CLI command",
    description: "A new subcommand of the monorepo CLI.",
    objectType: "cli",
    parameters: [{ name: "command_name", description: "Name of the command" }],
  },
  {
    id: "template-x",
    title: "Template",
    description: "table",
    objectType: "database",
    parameters: [],
    template: true,
  },
];

describe("suggest", () => {
  it("ranks by id, title, description and parameters", () => {
    expect(suggest("protect the users table with security policy", catalog).map((s) => s.id)).toEqual([
      "add-rls-policies",
    ]);
    expect(suggest("new service with a health check", catalog)[0]?.id).toBe("create-shared-service");
    expect(suggest("cli subcommand", catalog)[0]).toMatchObject({
      id: "add-cli-command",
      matched: ["cli", "subcommand"],
    });
  });

  it("returns nothing for text that matches nothing, and never templates", () => {
    expect(suggest("quantum teleportation", catalog)).toEqual([]);
    expect(suggest("the a of", catalog)).toEqual([]);
    expect(suggest("template", catalog)).toEqual([]);
  });
});
