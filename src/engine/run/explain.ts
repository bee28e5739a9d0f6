// Which lines of a failed block's output say why it failed. A Node exception ends with
// `Node.js v24.x` and a stack, so the last line is rarely the reason: the headline is the last line of
// stderr (else of the whole output) that reads like an error, with a few lines around it as context.

const NOISE = [
  /^\s*$/,
  /^Node\.js v\d+/,
  /^\s+at\s/,
  /^\s*\^+\s*$/,
  /^\s*\.\.\.$/,
  /^npm (?:ERR!|error) (?:A complete log|code|path|command|errno|syscall)/,
];
const ERRORISH =
  /\b(?:error|errors|fatal|exception|failed|failure|cannot|can't|unable|denied|not found|no such|unbound|invalid|refused|missing|panic)\b/i;

const HEADLINE_CHARS = 300;

function meaningful(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => !NOISE.some((re) => re.test(line)));
}

/** The line that names the reason: from stderr first, then from the whole output. */
export function failureHeadline(stderr: string, output: string): string | undefined {
  for (const text of [stderr, output]) {
    const lines = meaningful(text);
    const line = lines.findLast((l) => ERRORISH.test(l)) ?? lines.at(-1);
    if (line) return line.trim().slice(0, HEADLINE_CHARS);
  }
  return undefined;
}

/**
 * The headline with up to `before` lines above and `after` below it (stack frames beyond the first
 * two dropped), from `text` (a stored tail); the last lines when the headline is not in it.
 */
export function failureExcerpt(text: string, headline: string | undefined, before = 3, after = 3): string[] {
  const lines = text.replace(/\n$/, "").split("\n");
  const at = headline ? lines.findLastIndex((l) => l.trim().startsWith(headline.slice(0, 120))) : -1;
  const window = at < 0 ? lines.slice(-6) : lines.slice(Math.max(0, at - before), at + after + 1);
  let frames = 0;
  return window.filter((line) => {
    if (/^\s+at\s/.test(line)) return ++frames <= 2;
    return !/^Node\.js v\d+/.test(line);
  });
}

/**
 * The lines of a failed step's stored output that explain `error` (whose message ends with the
 * headline, see failureHeadline): the headline with its context, else the last lines.
 */
export function explainingLines(error: string, outputTail: string): string[] {
  const lines = outputTail.split("\n");
  const headline = lines
    .map((l) => l.trim())
    .findLast((l) => l.length > 0 && error.endsWith(l.slice(0, HEADLINE_CHARS)));
  return failureExcerpt(outputTail, headline).filter((l) => l.trim() !== "");
}
