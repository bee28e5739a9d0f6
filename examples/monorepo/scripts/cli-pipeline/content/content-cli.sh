#!/usr/bin/env bash
# content pipeline: documents and their metadata.
# Usage: content-cli.sh <command> [args...]; `help` lists the commands registered in commands.tsv.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DOMAIN="content"

usage() {
  echo "Usage: $DOMAIN-cli.sh <command> [args...]"
  echo
  echo "Commands:"
  while IFS=$'\t' read -r NAME DESCRIPTION; do
    [ -n "$NAME" ] && printf '  %-24s %s\n' "$NAME" "$DESCRIPTION"
  done < "$SCRIPT_DIR/commands.tsv"
}

COMMAND="${1:-help}"
if [ "$COMMAND" = "help" ] || [ "$COMMAND" = "--help" ]; then
  usage
  exit 0
fi
shift

if ! cut -f1 "$SCRIPT_DIR/commands.tsv" | grep -xF -- "$COMMAND" > /dev/null; then
  echo "$DOMAIN-cli: unknown command \"$COMMAND\". Run \`$DOMAIN-cli.sh help\` for the list." >&2
  exit 2
fi
exec node "$SCRIPT_DIR/commands/$COMMAND.ts" "$@"
