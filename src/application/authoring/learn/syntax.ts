// Which of the files a pull request added did not parse as merged (an archived script, a half-written
// example): a learned draft writes them as they were but leaves them out of its syntax check, which
// would otherwise fail every run of the draft, as the merge itself would have.
import { loadParser, syntaxChecked, syntaxErrors } from "../../../syntax/check.ts";
import type { LearnedFile } from "./pull-request.ts";

/** Sets `syntaxError` on each copied file whose text does not parse (the parser loads only if needed). */
export async function noteSyntaxErrors(files: readonly LearnedFile[]): Promise<void> {
  const checked = files.filter((f) => f.content !== undefined && syntaxChecked(f.filename));
  if (checked.length === 0) return;
  await loadParser();
  for (const f of checked) {
    const [first] = syntaxErrors(f.filename, f.content as string) ?? [];
    if (first) f.syntaxError = `${first.line}:${first.column} ${first.message}`;
  }
}
