import { describe, expect, it } from "vitest";
import {
  type Command,
  CommandSyntaxError,
  MAX_COMMANDS_PER_COMMENT,
  MAX_COMMENT_CHARS,
  parseComment,
} from "../../src/command/index.ts";
import { cpuMs } from "../support/cpu-time.ts";

function one(body: string) {
  const commands = parseComment(body);
  expect(commands).toHaveLength(1);
  return commands[0];
}

function errorOf(body: string): string {
  const command = one(body);
  if (command?.kind !== "invalid") throw new Error(`expected an invalid command, got ${command?.kind}`);
  expect(command.error).toBeInstanceOf(CommandSyntaxError);
  return command.error.message;
}

describe("parseComment: finding commands", () => {
  it("finds a command anywhere, several in order, with their lines", () => {
    const body = "Thanks!\n\n/scenario add-rls-policies table=users\nsome text\n  /scenario list database\n";
    expect(parseComment(body).map((c) => [c.kind, c.line])).toEqual([
      ["run", 3],
      ["list", 5],
    ]);
  });

  it("ignores quoted lines, lazy quote continuations, code blocks, indented code and HTML comments", () => {
    const body = [
      "> /scenario quoted table=a",
      "",
      "> quoted",
      "/scenario lazy-continuation table=a",
      "",
      "```",
      "/scenario fenced table=a",
      "```",
      "",
      "~~~md",
      "/scenario tilde table=a",
      "~~~",
      "",
      "    /scenario indented table=a",
      "",
      "<!--",
      "/scenario hidden table=a",
      "-->",
      "",
      "/scenario real table=a",
    ].join("\n");
    expect(parseComment(body).map((c) => (c.kind === "run" ? c.scenarioId : c.kind))).toEqual(["real"]);
  });

  it("handles CRLF bodies", () => {
    expect(parseComment("hi\r\n/scenario list\r\n").map((c) => c.line)).toEqual([2]);
  });

  it("is not fooled by look-alikes or longer words", () => {
    for (const body of [
      "／scenario list", // fullwidth solidus
      "/ѕcenario list", // Cyrillic dze
      "/scenаrio list", // Cyrillic a
      "\u200b/scenario list", // zero-width space before
      "/scenarios list",
      "/scenario-list",
      "text /scenario list",
      "- /scenario list",
    ]) {
      expect(parseComment(body), body).toEqual([]);
    }
  });
});

describe("parseComment: grammar", () => {
  it("parses a run with params, quotes, escapes and --dry-run", () => {
    expect(
      one(
        `/scenario create-shared-service name=billing title="two words" note='it''s' q="say \\"hi\\"" --dry-run`,
      ),
    ).toEqual({
      kind: "run",
      line: 1,
      text: `/scenario create-shared-service name=billing title="two words" note='it''s' q="say \\"hi\\"" --dry-run`,
      scenarioId: "create-shared-service",
      params: { name: "billing", title: "two words", note: "its", q: 'say "hi"' },
      dryRun: true,
    });
  });

  it("keeps = inside values and allows empty values", () => {
    expect(one("/scenario x expr=a=b empty=")).toMatchObject({ params: { expr: "a=b", empty: "" } });
  });

  it("parses every subcommand", () => {
    const lines = [
      "/scenario plan add-rls-policies table=users",
      "/scenario list",
      "/scenario list database",
      "/scenario help",
      "/scenario help add-rls-policies",
      "/scenario status",
      "/scenario status run-42",
      "/scenario resume run-42",
      "/scenario rollback",
      "/scenario cancel run-42",
      "/scenario suggest protect the users   table!",
      "/scenario learn",
      "/scenario",
    ];
    expect(lines.map((l) => one(l) as Command).map(({ line, text, ...rest }) => rest)).toEqual([
      { kind: "plan", scenarioId: "add-rls-policies", params: { table: "users" } },
      { kind: "list" },
      { kind: "list", objectType: "database" },
      { kind: "help" },
      { kind: "help", scenarioId: "add-rls-policies" },
      { kind: "status" },
      { kind: "status", runId: "run-42" },
      { kind: "resume", runId: "run-42" },
      { kind: "rollback" },
      { kind: "cancel", runId: "run-42" },
      { kind: "suggest", query: "protect the users   table!" },
      { kind: "learn" },
      { kind: "help" },
    ]);
  });

  it("treats a quoted subcommand name as a scenario id, not a subcommand", () => {
    expect(one('/scenario "list"')).toMatchObject({ kind: "run", scenarioId: "list" });
  });
});

describe("parseComment: malformed commands get clear errors", () => {
  it("unterminated quote", () => {
    expect(errorOf('/scenario x title="two words')).toMatchInlineSnapshot(
      `"line 1: the quote " in \`title="two words\` is never closed. Close it, e.g. \`title="two words"\`, or escape it with a backslash."`,
    );
  });
  it("=value with no key", () => {
    expect(errorOf("/scenario x =users")).toMatchInlineSnapshot(
      `"line 1: \`=users\` has no parameter name before \`=\`. Write \`name=value\`, e.g. \`/scenario add-rls-policies table=users\`."`,
    );
  });
  it("NUL and other control characters", () => {
    expect(errorOf("/scenario x a=b\u0000c")).toContain("NUL character");
    expect(errorOf("/scenario x a=b\u001bc")).toContain("control character");
  });
  it("bidirectional controls (Trojan Source)", () => {
    expect(errorOf("/scenario x a=\u202eresu")).toContain("bidirectional");
  });
  it("a line over 4 KB", () => {
    expect(errorOf(`/scenario x a=${"v".repeat(4100)}`)).toContain("longer than 4096 bytes");
  });
  it("a word that is not k=v, a bad name, a duplicate, an unknown option, a bad id", () => {
    expect(errorOf("/scenario x users")).toContain("`users` is not a parameter (expected `name=value`)");
    expect(errorOf("/scenario x Table=users")).toContain("`Table` is not a parameter name");
    expect(errorOf("/scenario x a=1 a=2")).toContain("parameter `a` is given twice");
    expect(errorOf("/scenario x --force")).toContain("unknown option `--force`");
    expect(errorOf("/scenario plan x --dry-run")).toContain("`plan` takes no options");
    expect(errorOf("/scenario Drop-Table;")).toContain("`Drop-Table;` is not a scenario id");
    expect(errorOf("/scenario status ../../etc")).toContain("is not a run id");
    expect(errorOf("/scenario plan")).toContain("`plan` needs a scenario id");
    expect(errorOf("/scenario suggest")).toContain("`suggest` needs some text");
    expect(errorOf("/scenario list a b")).toContain("`list` takes at most 1 argument, got 2");
    expect(errorOf("/scenario learn formatter-service")).toContain("`learn` takes no arguments");
    expect(errorOf("/scenario x a=b\\")).toContain("lone backslash");
  });
  it("keeps parsing the commands after a malformed one", () => {
    expect(parseComment('/scenario x a="\n/scenario list').map((c) => c.kind)).toEqual(["invalid", "list"]);
  });
  it("hostile values stay plain data", () => {
    const command = one(
      "/scenario x name='$(rm -rf /)' path=../../etc/passwd sql=\"x'; drop table users; --\"",
    );
    expect(command).toMatchObject({
      params: { name: "$(rm -rf /)", path: "../../etc/passwd", sql: "x'; drop table users; --" },
    });
  });
});

describe("parseComment: bounds", () => {
  it(`reads at most ${MAX_COMMANDS_PER_COMMENT} commands; the others get one combined reply naming their lines`, () => {
    const body = Array.from({ length: 300 }, () => "/scenario help").join("\n");
    const commands = parseComment(body);
    expect(commands.map((c) => c.kind)).toEqual([...Array(MAX_COMMANDS_PER_COMMENT).fill("help"), "invalid"]);
    const last = commands.at(-1);
    if (last?.kind !== "invalid") throw new Error("expected the combined reply");
    expect(last.line).toBe(6);
    expect(last.error.message).toBe(
      "line 6: only the first 5 commands of a comment are read; 295 more were ignored (lines 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ...). Post the others in another comment, at most 5 per comment.",
    );
  });

  it("counts malformed commands too, and says so for one ignored line", () => {
    const body = ["/scenario x a=", ...Array(4).fill("/scenario list"), "/scenario help"].join("\n");
    const commands = parseComment(body);
    expect(commands.map((c) => c.kind)).toEqual(["run", "list", "list", "list", "list", "invalid"]);
    expect((commands[5] as { error: Error }).error.message).toContain("1 more was ignored (line 6)");
  });

  it(`reads no command of a body longer than ${MAX_COMMENT_CHARS} characters, and says why`, () => {
    const body = `${"x".repeat(MAX_COMMENT_CHARS)}\n/scenario help`;
    const commands = parseComment(body);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ kind: "invalid", line: 2, text: "/scenario help" });
    expect((commands[0] as { error: Error }).error.message).toContain("more than GitHub's 65536");
    expect(parseComment(`${"x".repeat(MAX_COMMENT_CHARS)}\nno /scenario command here`)).toEqual([]);
  });

  it("answers a 16 KiB comment of nested `> - ` in milliseconds, reading the command before it", () => {
    for (const body of [
      `/scenario help\n${"> - ".repeat(4096)}`,
      `/scenario help\n${Array.from({ length: 1000 }, (_, i) => "> - ".repeat(i % 30)).join("\n")}`.slice(
        0,
        16_384,
      ),
    ]) {
      expect(cpuMs(() => expect(parseComment(body).map((c) => c.kind)).toEqual(["help"]))).toBeLessThan(100);
    }
  });
});
