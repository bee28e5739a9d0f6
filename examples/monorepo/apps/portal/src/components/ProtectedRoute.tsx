import React from 'react';
import { Navigate } from 'react-router-dom';

interface ProtectedRouteProps {
  children: React.ReactNode;
}

// Sends visitors who are not signed in to /login (the session is kept by Supabase's client).
export const ProtectedRoute: React.FC<ProtectedRouteProps> = ({ children }) => {
  const signedIn = typeof window !== 'undefined' && window.localStorage.getItem('portal-session') !== null;
  return signedIn ? <>{children}</> : <Navigate to="/login" replace />;
};
