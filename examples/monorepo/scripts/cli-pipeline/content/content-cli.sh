#!/usr/bin/env bash
# Content CLI - documents and their metadata (modelled on dhg-mono's pipeline wrappers).
# Usage: ./scripts/cli-pipeline/content/content-cli.sh <command> [options]

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$SCRIPT_DIR/../../.." && pwd)"

# Command tracking: the shared tracker runs the command and records it; without it, run it directly
track_command() {
  local pipeline_name="content"
  local command_name="$1"
  shift
  local full_command="$*"

  local TRACKER_TS="$PROJECT_ROOT/packages/shared/services/tracking-service/shell-command-tracker.ts"
  if [ -f "$TRACKER_TS" ]; then
    npx ts-node "$TRACKER_TS" "$pipeline_name" "$command_name" "$full_command"
  else
    eval "$full_command"
  fi
}

show_help() {
  echo "Content CLI - documents and their metadata"
  echo ""
  echo "Usage: $0 <command> [options]"
  echo ""
  echo "Commands:"
  echo "  list-documents            List the documents in a folder with their sizes"
  echo "  health-check              Check that the pipeline can load the shared services"
  echo "  help                      Show this help message"
}

case "$1" in
  "list-documents")
    shift
    track_command "list-documents" "node $SCRIPT_DIR/list-documents.ts $*"
    ;;
  "health-check")
    shift
    track_command "health-check" "node $SCRIPT_DIR/health-check.ts $*"
    ;;
  "help" | "--help" | "-h" | "")
    show_help
    ;;
  *)
    echo "content-cli: unknown command \"$1\". Run '$0 help' for the list." >&2
    exit 2
    ;;
esac
