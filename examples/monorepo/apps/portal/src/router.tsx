// The portal's routes. Pages live in src/pages/; add-app-page inserts above the two marker lines.
import { createBrowserRouter, type RouteObject } from "react-router-dom";
import { DocumentsPage } from "./pages/DocumentsPage.tsx";
import { HomePage } from "./pages/HomePage.tsx";
// scenario:page-imports

export const routes: RouteObject[] = [
  { path: "/", element: <HomePage /> },
  { path: "/documents", element: <DocumentsPage /> },
  // scenario:routes
];

export const router = createBrowserRouter(routes);
