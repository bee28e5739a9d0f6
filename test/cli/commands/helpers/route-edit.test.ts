import { describe, expect, it } from "vitest";
import { addRoute, removeRoute } from "../../../../src/cli/commands/helpers/route-edit.ts";

// Shapes of routes files from raybunnage/dhg-mono's apps (dhg-admin-code, dhg-hub).
const ADMIN = `import { Routes, Route, Navigate } from 'react-router-dom';
import { LoginPage } from './pages/LoginPage';
import { ProtectedRoute } from './components/ProtectedRoute';

function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route 
        path="/tasks" 
        element={
          <ProtectedRoute requireAdmin>
            <TasksPage />
          </ProtectedRoute>
        } 
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

export default App;`;

const HUB = `import { Routes, Route } from "react-router-dom"
import { Home } from "@/pages/Home"

function App() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
    </Routes>
  )
}
`;

const page = { path: "/server-status", component: "ServerStatusPage", from: "./pages/ServerStatusPage" };

describe("addRoute", () => {
  it("puts the route before the catch-all, wrapped like the route above it, and the import after the last one", () => {
    const edit = addRoute(ADMIN, page);
    expect(edit.status).toBe("changed");
    if (edit.status !== "changed") return;
    expect(edit.wrapper).toBe("ProtectedRoute requireAdmin");
    expect(edit.text).toContain(
      "import { ProtectedRoute } from './components/ProtectedRoute';\nimport { ServerStatusPage } from './pages/ServerStatusPage';\n",
    );
    expect(edit.text).toContain(`      />
      <Route
        path="/server-status"
        element={
          <ProtectedRoute requireAdmin>
            <ServerStatusPage />
          </ProtectedRoute>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />`);
  });

  it("changes nothing the second time", () => {
    const first = addRoute(ADMIN, page);
    if (first.status !== "changed") throw new Error(first.status);
    expect(addRoute(first.text, page)).toEqual({ status: "unchanged" });
  });

  it("follows the file's quotes and missing semicolons, and appends before </Routes> without a catch-all", () => {
    const edit = addRoute(HUB, { path: "/easy", component: "Easy", from: "@/pages/Easy" });
    if (edit.status !== "changed") throw new Error(edit.status);
    expect(edit.text).toContain('import { Home } from "@/pages/Home"\nimport { Easy } from "@/pages/Easy"\n');
    expect(edit.text).toContain(
      '      <Route path="/" element={<Home />} />\n      <Route path="/easy" element={<Easy />} />\n    </Routes>',
    );
  });

  it("does not wrap a public page when asked not to", () => {
    const edit = addRoute(ADMIN, { ...page, noWrap: true });
    if (edit.status !== "changed") throw new Error(edit.status);
    expect(edit.text).toContain('<Route path="/server-status" element={<ServerStatusPage />} />');
  });

  it("refuses a path routed to another element, and a file without <Routes>", () => {
    expect(addRoute(ADMIN, { ...page, path: "/tasks" })).toEqual({
      status: "refused",
      reason: 'path "/tasks" is already routed (line 9) to another element',
    });
    expect(addRoute("export const routes = [];\n", page).status).toBe("refused");
  });
});

describe("removeRoute", () => {
  it("gives back the file addRoute started from, and then changes nothing", () => {
    for (const request of [page, { ...page, noWrap: true }]) {
      const added = addRoute(ADMIN, request);
      if (added.status !== "changed") throw new Error(added.status);
      const removed = removeRoute(added.text, request);
      expect(removed).toEqual({ status: "changed", text: ADMIN });
      expect(removeRoute(ADMIN, request)).toEqual({ status: "unchanged" });
    }
  });
});
