import React, { useState } from 'react';
import { formatUpdatedAt } from '../lib/date-format.ts';
import { DashboardLayout } from '../components/DashboardLayout';

interface DocumentRow {
  id: string;
  title: string;
  updatedAt: string;
}

export const DocumentsPage: React.FC = () => {
  const [documents] = useState<DocumentRow[]>([]);
  return (
    <DashboardLayout>
      <h1 className="text-2xl font-bold text-gray-900 mb-4">Documents</h1>
      {documents.length === 0 ? <p>No documents yet.</p> : null}
      <ul>
        {documents.map((doc) => (
          <li key={doc.id}>
            {doc.title} <small>{formatUpdatedAt(doc.updatedAt)}</small>
          </li>
        ))}
      </ul>
    </DashboardLayout>
  );
};
