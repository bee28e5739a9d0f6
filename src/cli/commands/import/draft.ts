// A recipe as a draft scenario: the data (metadata, parameters, conditions, steps, rollback,
// documentation) decided from the recipe, every guess kept beside what it is about.
import type { RootContent } from "mdast";
import {
  type Draft,
  type DraftCondition,
  type DraftRollback,
  kebabId,
  objectTypeOf,
} from "../../../application/authoring/draft.ts";
import { plainText, textsOf } from "../../../application/authoring/mdast.ts";
import { guessNames } from "../../../application/authoring/names.ts";
import type { Complexity } from "../../../scenario/index.ts";
import type { Recipe, RecipeSection } from "./recipe.ts";
import { draftStep, type StepState, type WrittenFile } from "./steps.ts";

const CHECKLIST = /checklist|verification|validation|success criteria/i;
const ROLLBACK = /rollback|roll back|undo/i;
const KNOWN_SECTIONS = new Set([
  "metadata",
  "parameters",
  "preconditions",
  "steps",
  "postvalidation",
  "rollback",
  "healthcheck",
]);

function complexityOf(fact: string | undefined): Complexity | undefined {
  if (!fact) return undefined;
  if (/low|simple|easy/i.test(fact)) return "simple";
  if (/high|complex|hard/i.test(fact)) return "complex";
  if (/medium|moderate/i.test(fact)) return "medium";
  return undefined;
}

/** `20-40 minutes` -> 40, `2-4 hours depending` -> 240: the longer end, as an estimate to plan by. */
function minutesOf(fact: string | undefined): number | undefined {
  const m = fact && /(\d+)(?:\s*-\s*(\d+))?\s*(minutes?|mins?|hours?|h)\b/i.exec(fact);
  if (!m) return undefined;
  const n = Number(m[2] ?? m[1]);
  return /^h/i.test(m[3] ?? "") ? n * 60 : n;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

function postValidation(sections: RecipeSection[], files: WrittenFile[]): DraftCondition[] {
  const items: DraftCondition[] = [];
  for (const section of sections) {
    for (const list of section.nodes) {
      if (list.type !== "list") continue;
      for (const item of list.children) {
        if (typeof item.checked !== "boolean") continue;
        const text = plainText(item).split("\n")[0]?.trim() ?? "";
        const mentioned = [...text.matchAll(/[\w@{}[\]-]*[./][\w@{}[\]./-]*\w/g)].map((m) => m[0]);
        const file = files.find((f) => mentioned.some((t) => t.includes("/") && f.path.endsWith(t)));
        if (!file) items.push({ text });
        else if (file.append && file.firstLine) {
          items.push({
            text,
            check: `grep -qF ${quote(file.firstLine)} ${file.path}`,
            guess: `checked by looking for the appended line in ${file.path}`,
          });
        } else items.push({ text, check: `test -f ${file.path}`, guess: `checked by the file ${file.path}` });
      }
    }
  }
  const created = files.filter((f) => !f.append).map((f) => f.path);
  if (created.length) {
    items.push({
      text: "The files the steps write exist",
      check: created.map((p) => `test -f ${p}`).join(" && "),
      guess: "derived from the steps' file blocks",
    });
  }
  if (items.length === 0)
    items.push({ text: "The change does what the recipe describes", guess: "no checklist in the recipe" });
  return items;
}

function rollbackOf(sections: RecipeSection[]): DraftRollback[] {
  const items: DraftRollback[] = [];
  for (const section of sections) {
    for (const node of section.nodes) {
      if (node.type === "code" && /^(bash|sh|shell|zsh)$/i.test(node.lang ?? "")) {
        // The engine resets the branch itself; a plain `rm` of a file never written would stop the rollback.
        const script = node.value
          .split("\n")
          .filter((l) => !/^\s*git\s+(reset|checkout|stash|clean)\b/.test(l))
          .map((l) => l.replace(/^(\s*)rm\s+(?!-)/, "$1rm -f "))
          .join("\n");
        if (script.split("\n").some((l) => l.trim() && !l.trim().startsWith("#"))) {
          items.push({
            name: "Undo what the recipe undoes",
            content: [{ type: "code", lang: "bash", value: script }],
          });
        }
      } else if (node.type === "code") {
        items.push({ name: "Undo by hand", content: [node] });
      } else if (node.type === "list") {
        for (const item of node.children) {
          const name = plainText(item).split("\n")[0]?.trim();
          if (name) items.push({ name, content: [] });
        }
      }
    }
  }
  if (items.length === 0) {
    items.push({
      name: "Nothing beyond resetting the branch to its base, which the engine does",
      content: [],
    });
  }
  return items;
}

export function draftOf(recipe: Recipe): Draft {
  const state: StepState = { files: [], dirs: [] };
  const steps = recipe.steps.map((s) => draftStep(s, state));
  const loose = recipe.sections.filter((s) => !recipe.containers.has(s));
  const checklists = loose.filter((s) => CHECKLIST.test(s.title) && s.nodes.some((n) => n.type === "list"));
  const rollbacks = loose.filter((s) => ROLLBACK.test(s.title));
  const overview = loose.filter((s) => /^overview$|^purpose$/i.test(s.title));
  const idSection = loose.filter((s) => /^scenario id\s*:/i.test(s.title));
  const used = new Set([...checklists, ...rollbacks, ...overview, ...idSection]);

  const post = postValidation(checklists, state.files);
  const fresh = [...state.dirs, ...state.files.filter((f) => !f.append).map((f) => f.path)];
  const pre: DraftCondition[] = [];
  const firstNew = fresh.find((p) => guessNames([{ text: p, code: false }]).parameters.length > 0);
  if (firstNew) {
    pre.push({
      text: `\`${firstNew}\` does not exist yet`,
      check: `test ! -e ${firstNew}`,
      guess: "derived from the first folder or file the steps create",
    });
  }
  const rollback = rollbackOf(rollbacks);

  // The names are guessed from what will run or be checked, never from the documentation.
  const texts = [
    ...steps.flatMap((s) => [
      { text: s.name, code: false },
      ...s.content.flatMap(textsOf),
      ...s.checklist.map((text) => ({ text, code: false })),
    ]),
    ...[...pre, ...post].flatMap((c) => [
      { text: c.text, code: false },
      ...(c.check ? [{ text: c.check, code: true }] : []),
    ]),
    ...rollback.flatMap((r) => [{ text: r.name, code: false }, ...r.content.flatMap(textsOf)]),
  ];
  const names = guessNames(texts);

  const haystack = `${recipe.title} ${recipe.declaredId ?? ""} ${recipe.file}`;
  const objectType = objectTypeOf(haystack);
  const complexity = complexityOf(recipe.facts.get("complexity"));
  const minutes = minutesOf(recipe.facts.get("time estimate") ?? recipe.facts.get("estimated time"));
  const stem = recipe.file.split(/[/\\]/).pop()?.replace(/\.md$/i, "") ?? recipe.title;
  const metaGuesses = [
    `object type ${objectType} from the title`,
    ...(complexity ? [] : ["complexity medium: the recipe does not say"]),
    ...(recipe.declaredId ? [] : ["id from the file name"]),
    "dependencies none: list the scenarios this one needs",
  ];
  const description: RootContent[] = [
    ...recipe.intro.filter((n) => n.type === "paragraph"),
    ...overview.flatMap((s) => s.nodes.filter((n) => n.type === "paragraph")),
  ];
  const documentation = loose
    .filter((s) => !used.has(s))
    .map((s) => {
      const key = s.title.toLowerCase().replace(/[^a-z]/g, "");
      return { title: KNOWN_SECTIONS.has(key) ? `${s.title} (recipe)` : s.title, nodes: s.nodes };
    });

  return {
    id: kebabId(recipe.declaredId ?? stem),
    title: recipe.title,
    description,
    objectType,
    complexity: complexity ?? "medium",
    ...(minutes ? { minutes } : {}),
    metaGuesses,
    parameters: names.parameters,
    preConditions: pre,
    steps,
    postValidation: post,
    rollback,
    documentation,
    names,
  };
}
