// The one button every app uses, so focus and disabled states look the same everywhere.
import React from 'react';

export interface ButtonProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary';
  children: React.ReactNode;
}

export const Button: React.FC<ButtonProps> = ({ variant = 'primary', className = '', children, ...rest }) => {
  const colours = variant === 'primary' ? 'bg-blue-600 text-white' : 'bg-white text-gray-900 border border-gray-300';
  return (
    <button type="button" className={`rounded-md px-4 py-2 ${colours} ${className}`.trim()} {...rest}>
      {children}
    </button>
  );
};
