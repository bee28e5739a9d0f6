#!/usr/bin/env node
// Starts every local development server on its own port (`pnpm servers`), as dhg-mono's does. Add a
// server to SERVERS and its port to the table in CLAUDE.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Server configuration with dedicated ports
const SERVERS = [
  {
    name: 'API Proxy',
    port: 3011,
    command: 'node',
    args: ['scripts/cli-pipeline/proxy/api-proxy.cjs'],
    cwd: process.cwd(),
    env: { PORT: '3011' },
    description: 'Forwards /api/* to the local Supabase'
  }
];

const running = [];
for (const server of SERVERS) {
  const script = path.join(server.cwd, ...server.args);
  if (!fs.existsSync(script)) {
    console.warn(`${server.name}: ${script} not found, skipped`);
    continue;
  }
  console.log(`Starting ${server.name} on port ${server.port}: ${server.description}`);
  const child = spawn(server.command, server.args, {
    cwd: server.cwd,
    env: { ...process.env, ...(server.env || {}) },
    stdio: 'inherit',
  });
  running.push(child);
}

process.on('SIGINT', () => {
  for (const child of running) child.kill('SIGTERM');
  process.exit(0);
});
