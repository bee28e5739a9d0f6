// api-proxy: the portal's API proxy. Forwards /api/* to UPSTREAM_URL (default http://127.0.0.1:54321,
// the local Supabase); GET /health answers {"status":"ok"}. Plain node:http, nothing to install.
const http = require('http');

const PORT = Number(process.env.PORT || 3011);
const UPSTREAM = new URL(process.env.UPSTREAM_URL || 'http://127.0.0.1:54321');
const NAME = 'api-proxy';

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/health') {
    sendJson(res, 200, { status: 'ok', service: NAME, port: PORT, upstream: UPSTREAM.origin });
    return;
  }
  if (!req.url || !req.url.startsWith('/api/')) {
    sendJson(res, 404, { error: 'not found', hint: 'this proxy serves /health and /api/*' });
    return;
  }
  try {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const response = await fetch(new URL(req.url.slice('/api'.length), UPSTREAM), {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] || 'application/json' },
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(response.status, { 'Content-Type': response.headers.get('content-type') || 'text/plain' });
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    sendJson(res, 502, { error: 'upstream unreachable', upstream: UPSTREAM.origin, detail: String(error) });
  }
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`[${NAME}] listening on http://localhost:${PORT} -> ${UPSTREAM.origin}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
