import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PlaceholderError } from "../../src/scenario/errors.ts";
import { envVarName, renderShell } from "../../src/scenario/shell.ts";
import { scanShell } from "../../src/scenario/shell-lexer.ts";

const work = mkdtempSync(join(tmpdir(), "scenario-shell-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a rendered script with real bash in `work`; the script writes what it received to files. */
function run(script: string, values: Record<string, string | number | boolean>) {
  const rendered = renderShell(script, values);
  const result = spawnSync("bash", ["--norc", "-euo", "pipefail", "-c", rendered.script], {
    stdio: ["ignore", "pipe", "pipe"],
    cwd: work,
    env: { PATH: process.env.PATH, ...rendered.env },
    encoding: "utf8",
  });
  return { ...result, rendered };
}

const HOSTILE = [
  "$(touch pwned)",
  "`touch pwned`",
  "; touch pwned",
  "a\ntouch pwned\n",
  "'; touch pwned; '",
  '"; touch pwned; "',
  "$'\\x27' && touch pwned",
  "${IFS}touch${IFS}pwned",
  "*",
  "-rf /",
  "EOF\ntouch pwned\nEOF",
  "x[$(touch pwned)]",
  " leading and trailing spaces ",
  "\\\\ back\\slashes \\n",
  "ünïcödé ✓ 🚀",
  "x".repeat(64 * 1024),
];

// Each script writes the value it received to `out` byte for byte.
const CONTEXTS: Record<string, string> = {
  unquoted: "printf '%s' {v} > out",
  "double quotes": "printf '%s' \"{v}\" > out",
  "single quotes": "printf '%s' '{v}' > out",
  "ansi-c quotes": "printf '%s' $'{v}' > out",
  "command substitution": "x=\"$(printf '%s' {v})\"; printf '%s' \"$x\" > out",
  backticks: "x=\"`printf '%s' {v}`\"; printf '%s' \"$x\" > out",
  "unquoted heredoc": "cat > out <<EOF\n{v}\nEOF\n",
  "tab-stripped heredoc": "cat > out <<-EOF\n\t{v}\n\tEOF\n",
  "after a comment with a quote": "# it's fine\nprintf '%s' {v} > out",
  "after a here-string": "cat <<< {v} > /dev/null\nprintf '%s' {v} > out",
};

describe("renderShell with real bash and hostile values", () => {
  for (const [name, script] of Object.entries(CONTEXTS)) {
    it(`delivers every value byte-exact and runs nothing: ${name}`, () => {
      for (const value of HOSTILE) {
        rmSync(join(work, "out"), { force: true });
        const { status, stderr, rendered } = run(script, { v: value });
        expect(stderr).toBe("");
        expect(status).toBe(0);
        expect(rendered.script).not.toContain(value.slice(0, 40));
        const expected = name.includes("heredoc") ? `${value}\n` : value;
        // Command substitution strips trailing newlines: that is bash, not us.
        const got = readFileSync(join(work, "out"), "utf8");
        expect(got).toBe(
          name.includes("substitution") || name === "backticks" ? expected.replace(/\n+$/, "") : expected,
        );
        expect(existsSync(join(work, "pwned"))).toBe(false);
      }
    });
  }

  it("renders each context as the documented reference", () => {
    const { rendered } = run(
      "true {v} \"{v}\" '{v}' $'{v}' <<EOF\n{v}\nEOF\necho $(( {n} + 1 )) {v|pascal} \\{v}",
      { v: "a b", n: 2 },
    );
    expect(rendered.script).toMatchInlineSnapshot(`
      "true "\${SCENARIO_PARAM_V}" "\${SCENARIO_PARAM_V}" ''"\${SCENARIO_PARAM_V}"'' $''"\${SCENARIO_PARAM_V}"$'' <<EOF
      \${SCENARIO_PARAM_V}
      EOF
      echo $(( \${SCENARIO_PARAM_N} + 1 )) "\${SCENARIO_PARAM_V_PASCAL}" {v}"
    `);
    expect(rendered.env).toEqual({
      SCENARIO_PARAM_V: "a b",
      SCENARIO_PARAM_N: "2",
      SCENARIO_PARAM_V_PASCAL: "AB",
    });
  });

  it("passes filtered values and built-ins through their own variables", () => {
    const { stdout, rendered } = run("printf '%s|%s|%s' {name|snake} {name|kebab|snake} {run_id}", {
      name: "BillingService",
      run_id: "r-1",
    });
    expect(stdout).toBe("billing_service|billing_service|r-1");
    expect(Object.keys(rendered.env).sort()).toEqual([
      "SCENARIO_PARAM_NAME",
      "SCENARIO_PARAM_NAME_KEBAB_SNAKE",
      "SCENARIO_PARAM_NAME_SNAKE",
      "SCENARIO_RUN_ID",
    ]);
  });

  it("allows a number in arithmetic and refuses anything else there", () => {
    expect(run("printf '%s' $(( {n} * 2 ))", { n: 21 }).stdout).toBe("42");
    expect(() => renderShell("echo $(( {v} + 1 ))", { v: "x[$(touch pwned)]" })).toThrowError(
      PlaceholderError,
    );
    expect(existsSync(join(work, "pwned"))).toBe(false);
  });

  it("renders a script once, and checks and passes each run's values anew", () => {
    const script = "echo $(( {n} + 1 )) {name|snake}";
    const first = renderShell(script, { n: 1, name: "Billing Service" });
    const second = renderShell(script, { n: 2, name: "Audit Log" });
    expect(second.script).toBe(first.script);
    expect(second.env).toMatchObject({ SCENARIO_PARAM_N: "2", SCENARIO_PARAM_NAME_SNAKE: "audit_log" });
    expect(first.env).toMatchObject({ SCENARIO_PARAM_N: "1", SCENARIO_PARAM_NAME_SNAKE: "billing_service" });
    // The script is known by then; a value that cannot stand in arithmetic is still refused.
    expect(() => renderShell(script, { n: "x[$(touch pwned)]", name: "a" })).toThrowError(PlaceholderError);
    expect(() => renderShell(script, { name: "a" })).toThrowError(/no value for placeholder \{n\}/);
  });

  it("refuses a placeholder in a quoted heredoc", () => {
    expect(() => renderShell("cat <<'EOF'\n{v}\nEOF", { v: "x" })).toThrowErrorMatchingInlineSnapshot(
      `[PlaceholderError: placeholder {v} sits in a quoted heredoc (<<'EOF'), where it cannot expand; unquote the heredoc delimiter (<<EOF), or write the content with a file= block]`,
    );
    expect(() => renderShell('cat <<"EOF"\n{v}\nEOF', { v: "x" })).toThrowError(PlaceholderError);
    expect(() => renderShell("cat <<\\EOF\n{v}\nEOF", { v: "x" })).toThrowError(PlaceholderError);
  });

  it("leaves ${...} as written in every quoting, as it does unquoted (it is never a placeholder)", () => {
    const { stdout, rendered } = run(
      "printf '%s|' '${other}' \"{v}\" $'${other}' '{v}${v}'; w=2; printf '%s' \"$(( 1 + ${w} ))\"",
      { v: "ab" },
    );
    expect(rendered.script).toContain("'${other}'");
    expect(stdout).toBe("${other}|ab|${other}|ab${v}|3");
  });

  it("names a missing value", () => {
    expect(() => renderShell("echo {v}", {})).toThrowErrorMatchingInlineSnapshot(
      `[PlaceholderError: no value for placeholder {v}; pass it as a parameter (v=...)]`,
    );
  });

  it("refuses two placeholders that collide on one variable", () => {
    expect(() => renderShell("echo {a_snake} {a|snake}", { a_snake: "x", a: "Y Z" })).toThrowError(
      /different values/,
    );
  });
});

describe("scanShell", () => {
  // A substitution inside $(( )) stays arithmetic on purpose: its output is evaluated as arithmetic.
  it("tracks nested contexts", () => {
    const script =
      "echo \"$(echo '{a}' \"{a}\")\" `echo {a}` $(( 1 + $(echo {a}) )) (( {a} ))\ncat <<A; cat <<'B'\n{a}\nA\n{a}\nB\n{a}";
    expect(scanShell(script).map((p) => p.context)).toEqual([
      "single",
      "double",
      "unquoted",
      "arithmetic",
      "arithmetic",
      "heredoc",
      "quoted-heredoc",
      "unquoted",
    ]);
  });

  it("names variables after parameters and filters", () => {
    expect(envVarName("table")).toBe("SCENARIO_PARAM_TABLE");
    expect(envVarName("name", ["pascal"])).toBe("SCENARIO_PARAM_NAME_PASCAL");
    expect(envVarName("timestamp")).toBe("SCENARIO_TIMESTAMP");
    expect(envVarName("run_id", ["snake"])).toBe("SCENARIO_RUN_ID_SNAKE");
  });
});
