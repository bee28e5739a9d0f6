import React from 'react';

export const LoginPage: React.FC = () => {
  return (
    <div className="max-w-md mx-auto p-6">
      <h1 className="text-2xl font-bold text-gray-900 mb-4">Sign in</h1>
      <p className="text-gray-600">Sign in with the email address the portal knows you by.</p>
    </div>
  );
};
