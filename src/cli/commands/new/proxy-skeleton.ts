// The proxy skeleton `scenario new --type proxy` starts from while scenarios/templates has no proxy
// template: the shape of the other templates (a server file, a health check, a rollback), minimal.
export const PROXY_SKELETON = `# Scenario: [Proxy scenario name]

[What the proxy serves, which upstream it forwards to, and what a reviewer should look at.]

## Metadata
- **ID**: \`proxy-scenario-template\`
- **Object Type**: proxy
- **Complexity**: simple
- **Automation**: 50%
- **Dependencies**: none
- **Estimated Duration**: 10 minutes
- **Target**: \`name\`

## Parameters
- \`name\` (required): The proxy's folder name in kebab-case. Pattern: \`^[a-z][a-z0-9]*(-[a-z0-9]+)*$\`. Max: 40. Example: \`search-proxy\`
- \`port\` (optional, number): The port it listens on. Min: 1024. Max: 65535. Default: \`8790\`

## Pre-Conditions
1. [ ] No proxy with that name exists yet
   \`\`\`bash check
   test ! -e proxies/{name}
   \`\`\`

## Steps
1. **Write the server** [automated]
   \`\`\`js file=proxies/{name}/server.mjs
   // {name}: [what it proxies]. GET /health answers 200 when it is up.
   import { createServer } from "node:http";

   const port = Number(process.env.PORT ?? {port});
   createServer((req, res) => {
     res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "application/json" });
     res.end(JSON.stringify(req.url === "/health" ? \\{ ok: true } : \\{ error: "not found" }));
   }).listen(port, "127.0.0.1");
   \`\`\`
2. **Review** [manual]
   - [ ] [What a person must check or do by hand]
3. **Ready for review** [checkpoint]

## Post-Validation
1. [ ] The server file exists
   \`\`\`bash check
   test -f proxies/{name}/server.mjs
   \`\`\`

## Health Check
\`\`\`bash
node -e "fetch('http://127.0.0.1:{port}/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
\`\`\`

## Rollback
1. **Remove the proxy folder**
   \`\`\`bash
   rm -rf proxies/{name}
   \`\`\`
`;
