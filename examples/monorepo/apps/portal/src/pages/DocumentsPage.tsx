import { useState } from "react";
import { formatUpdatedAt } from "../lib/date-format.ts";

interface DocumentRow {
  id: string;
  title: string;
  updatedAt: string;
}

export function DocumentsPage() {
  const [documents] = useState<DocumentRow[]>([]);
  return (
    <main>
      <h1>Documents</h1>
      {documents.length === 0 ? <p>No documents yet.</p> : null}
      <ul>
        {documents.map((doc) => (
          <li key={doc.id}>
            {doc.title} <small>{formatUpdatedAt(doc.updatedAt)}</small>
          </li>
        ))}
      </ul>
    </main>
  );
}
