// The injection corpus every entry is fed: shell metacharacters, quotes that try to close the
// quoting around them, newlines, heredoc terminators, SQL. Each payload that could execute tries to
// create a canary file; `canaries()` lists the ones that appeared (the tests expect none).
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";

const PREFIX = `pwned-${process.pid}-`;

/** Path of canary `n`: a payload that runs a command creates it. */
export function canary(n: number | string): string {
  return `${tmpdir()}/${PREFIX}${n}`;
}

/** Canary files that exist (any payload of this process that ran). */
export function canaries(): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith(PREFIX));
}

export interface Payload {
  label: string;
  value: string;
}

/** Values that would run `touch <canary>` if a layer ever handed them to a shell or an evaluator. */
export function shellPayloads(): Payload[] {
  return [
    { label: "command substitution", value: `$(touch ${canary(1)})` },
    { label: "backticks", value: `\`touch ${canary(2)}\`` },
    { label: "semicolon", value: `x; touch ${canary(3)}` },
    { label: "closing single quote", value: `' ; touch ${canary(4)} ; '` },
    { label: "closing double quote", value: `" ; touch ${canary(5)} ; "` },
    { label: "newline", value: `x\ntouch ${canary(6)}` },
    { label: "and-list with comment", value: `x && touch ${canary(7)} #` },
    { label: "pipe", value: `| touch ${canary(8)}` },
    { label: "IFS expansion", value: `\${IFS}touch\${IFS}${canary(9)}` },
    { label: "heredoc terminator", value: `EOF\ntouch ${canary(10)}\nEOF` },
    { label: "parameter expansion", value: `\${x:-$(touch ${canary(11)})}` },
    { label: "process substitution", value: `<(touch ${canary(12)})` },
    { label: "SQL", value: `'; DROP TABLE scenario_runs; --` },
    { label: "SQL identifier", value: `users"; DROP TABLE scenario_runs; --` },
    { label: "carriage return and tab", value: "a\r\tb" },
    { label: "unicode", value: "ｔａｂｌｅ ／scenario 💥 \u202e" },
  ];
}

/** 64 KiB of text: fits the environment (Linux allows 128 KiB per string) and must survive whole. */
export const BIG = "A".repeat(64 * 1024);

/** Look-alikes of `/scenario`: none of them is a command. */
export const LOOKALIKES = [
  "／scenario run echo-value name=a value=b", // fullwidth solidus
  "∕scenario run echo-value name=a value=b", // division slash
  "/ѕcenario run echo-value name=a value=b", // Cyrillic dze
  "/scenari\u200bo run echo-value name=a value=b", // zero-width space
  "/ｓｃｅｎａｒｉｏ run echo-value name=a value=b", // fullwidth letters
];
