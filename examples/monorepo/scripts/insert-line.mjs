#!/usr/bin/env node
// Inserts a line above the first line containing a marker, with the marker's indentation.
// Used by scenarios to register things in shared files (routes, indexes) without a fragile sed.
// Usage: node scripts/insert-line.mjs <file> <marker> <line>
import { readFileSync, writeFileSync } from "node:fs";

const [file, marker, line] = process.argv.slice(2);
if (!file || !marker || line === undefined) {
  console.error("Usage: node scripts/insert-line.mjs <file> <marker> <line>");
  process.exit(2);
}
const lines = readFileSync(file, "utf8").split("\n");
const at = lines.findIndex((text) => text.includes(marker));
if (at === -1) {
  console.error(file + ": no line contains the marker " + JSON.stringify(marker) + "; add it where new lines belong");
  process.exit(1);
}
const indent = lines[at].match(/^\s*/)[0];
if (lines.some((text) => text.trim() === line.trim())) {
  console.error(file + ": already has the line " + JSON.stringify(line.trim()));
  process.exit(1);
}
lines.splice(at, 0, indent + line.trim());
writeFileSync(file, lines.join("\n"));
