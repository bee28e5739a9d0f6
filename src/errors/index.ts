// The error family shared by every layer (a leaf: it imports nothing of the project).
export * from "./hints.ts";
export * from "./scenario-bot-error.ts";
