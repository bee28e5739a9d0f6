// API proxy: forwards /api/* to API_UPSTREAM_URL so the portal never holds upstream credentials.
// Plain node:http, no dependencies. GET /health answers 200 {"ok":true} when the proxy is up.
import { createServer } from "node:http";

const port = Number(process.env.API_PROXY_PORT ?? "8787");
const upstream = new URL(process.env.API_UPSTREAM_URL ?? "http://127.0.0.1:54321");
const name = "api-proxy";

const server = createServer(async (req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, proxy: name, upstream: upstream.origin }));
    return;
  }
  if (!req.url?.startsWith("/api/")) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not found", hint: "this proxy serves /health and /api/*" }));
    return;
  }
  try {
    const target = new URL(req.url.slice("/api".length), upstream);
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const response = await fetch(target, {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "text/plain" });
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(502, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "upstream unreachable", upstream: upstream.origin, detail: String(error) }));
  }
});

server.listen(port, "127.0.0.1", () => {
  console.log(name + " listening on http://127.0.0.1:" + port + " -> " + upstream.origin);
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
