import React from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@shared/components/button';
import { DashboardLayout } from '../components/DashboardLayout';

export const HomePage: React.FC = () => {
  return (
    <DashboardLayout>
      <h1 className="text-2xl font-bold text-gray-900 mb-4">Portal</h1>
      <p className="text-gray-600">Documents and the people who own them.</p>
      <Link to="/documents">
        <Button>Open documents</Button>
      </Link>
    </DashboardLayout>
  );
};
