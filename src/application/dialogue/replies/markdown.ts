// The frame of every dialogue reply: the command it answers, quoted (so the reply is never read as a
// command itself, and text in it is escaped so it can never forge one of the bot's hidden markers),
// then the author mentioned and the answer.
import { mention, paragraph, render } from "../../../markdown/index.ts";

/** Quote the command a reply answers: one line, bounded. */
export function quoteCommand(text: string): string {
  const line = text.replace(/[\r\n]+/g, " ").slice(0, 300);
  return render([{ type: "blockquote", children: [paragraph(line)] }]);
}

export function reply(author: string, command: string, body: string): string {
  return `${quoteCommand(command)}\n\n${mention(author)} ${body}`;
}
