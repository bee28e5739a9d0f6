// The floor of `scenario validate`: a process that only reads the .md files under a folder and
// remark-parses them with the parser the stack fixes (unified + remark-parse + GFM task list items,
// as src/scenario/markdown.ts sets it up). Plain JavaScript, so it pays no type stripping.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkParse from "remark-parse";
import { unified } from "unified";

function taskLists() {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmTaskListItem()];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), gfmTaskListItemFromMarkdown()];
}

const dir = process.argv[2];
const processor = unified().use(remarkParse).use(taskLists).freeze();
const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith(".md")).sort();
const texts = await Promise.all(names.map((n) => readFile(join(dir, n), "utf8")));
let nodes = 0;
for (const text of texts) nodes += processor.parse(text).children.length;
process.stdout.write(`${names.length} documents, ${nodes} top-level nodes\n`);
