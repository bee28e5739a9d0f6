// Counts the words of the markdown files given as arguments (or of README.md).
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
let total = 0;
for (const file of files.length > 0 ? files : ["README.md"]) {
  const words = readFileSync(file, "utf8").split(/\s+/).filter(Boolean).length;
  total += words;
  console.log(file + "\t" + String(words));
}
console.log("total\t" + String(total));
