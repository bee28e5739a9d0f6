import React from 'react';
import { Link } from 'react-router-dom';

interface DashboardLayoutProps {
  children: React.ReactNode;
}

// The frame every signed-in page sits in: the navigation, then the page.
export const DashboardLayout: React.FC<DashboardLayoutProps> = ({ children }) => {
  return (
    <div className="min-h-screen bg-gray-50">
      <nav className="flex gap-4 border-b border-gray-200 bg-white px-6 py-3">
        <Link to="/">Home</Link>
        <Link to="/documents">Documents</Link>
      </nav>
      <main className="p-6">{children}</main>
    </div>
  );
};
