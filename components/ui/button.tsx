import type { ButtonHTMLAttributes } from "react";

// The shape and colours are in app/globals.css (.btn, .btn-<variant>): a table repeats its row
// buttons on every row. Padding and text size stay utilities, resolved with a caller's own as before.
export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" }) {
  return <button className={`btn btn-${variant} px-4 py-2 text-sm ${className}`} {...props} />;
}
