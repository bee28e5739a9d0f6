// What a pull request's `scenario docs` check says about the files it changes under the scenarios
// folder, for the App and the Action alike: problems of the changed documents (failures), and notes
// (notices, never failures): a file that is no scenario, documentation sections, and the folder's own
// README.md or index.md, which the catalog does not read.
import type { Catalog } from "../../scenario/catalog-assemble.ts";
import type { DocumentProblem } from "../../scenario/types.ts";
import { isScenarioDocument } from "./catalog.ts";

export interface ChangedFileEntry {
  filename: string;
  status: string;
}

export interface ChangedDocuments {
  /** Markdown files the pull request adds or changes under the folder (folder documentation too). */
  files: string[];
  /** Those the catalog reads as documents. */
  documents: string[];
}

/** The markdown files a pull request adds or changes under `dir`. */
export function changedDocuments(changed: readonly ChangedFileEntry[], dir: string): ChangedDocuments {
  const files = changed
    .filter((f) => f.status !== "removed" && f.filename.startsWith(`${dir}/`) && f.filename.endsWith(".md"))
    .map((f) => f.filename);
  return { files, documents: files.filter(isScenarioDocument) };
}

export interface Findings {
  problems: DocumentProblem[];
  notes: DocumentProblem[];
}

/** The catalog's problems and notes that concern the changed files, and a note per folder document. */
export function findingsFor(
  changed: ChangedDocuments,
  catalog: Pick<Catalog, "problems" | "notes">,
): Findings {
  const mine = new Set(changed.files);
  const folderDocs = changed.files.filter((f) => !isScenarioDocument(f));
  return {
    problems: catalog.problems.filter((p) => mine.has(p.position.file)),
    notes: [...folderDocs.map(folderDocumentNote), ...catalog.notes.filter((p) => mine.has(p.position.file))],
  };
}

function folderDocumentNote(file: string): DocumentProblem {
  return {
    position: { file, line: 1, column: 1 },
    message: `not a scenario: ${file.split("/").pop()} documents the folder, so the catalog does not read it`,
    hint: "scenarios are the other *.md files of the folder, each starting with # Scenario: <title>",
  };
}
