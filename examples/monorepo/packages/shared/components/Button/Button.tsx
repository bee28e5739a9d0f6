// The one button every app uses, so focus and disabled states look the same everywhere.
import type { ButtonHTMLAttributes, ReactNode } from "react";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: "primary" | "secondary";
  children: ReactNode;
}

export function Button({ variant = "primary", children, ...rest }: ButtonProps) {
  return (
    <button type="button" className={"acme-button acme-button--" + variant} {...rest}>
      {children}
    </button>
  );
}
