// State shared by the section parsers while one document is read.

import type { Code, ListItem } from "mdast";
import type { SourceText } from "./markdown.ts";
import type { ProblemList } from "./problems.ts";
import type { Block, SourcePosition } from "./types.ts";

/** A piece of markdown that may hold placeholders, checked once the parameters are known. */
export interface TextToCheck {
  text: string;
  /** Offset of `text` in the document. */
  offset: number;
}

export interface ParseContext {
  src: SourceText;
  problems: ProblemList;
  /** Where each field came from, keyed by its path (`parameters.1.default`): zod issues point here. */
  fields: Map<string, SourcePosition>;
  texts: TextToCheck[];
  /** Field paths (`steps.2.kind`) already reported by the parser: zod's issues there are noise. */
  suppressed: Set<string>;
  blocks: Block[];
  /** Fenced blocks indented too little to belong to the list item above them, read as that item's. */
  strays: Map<ListItem, Code[]>;
}
