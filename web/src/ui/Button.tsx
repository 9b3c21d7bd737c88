import type { ComponentPropsWithRef, ReactNode } from "react";
import { Link, type LinkProps } from "react-router-dom";

type Variant = "primary" | "secondary" | "danger" | "quiet";
type Size = "normal" | "small";

function buttonClass(variant: Variant, size: Size, extra?: string) {
  return ["button", variant !== "primary" && `button--${variant}`, size === "small" && "button--small", extra].filter(Boolean).join(" ");
}

export type ButtonProps = ComponentPropsWithRef<"button"> & {
  variant?: Variant;
  size?: Size;
  /** Disables the button and says why in its text while an action runs. */
  busy?: boolean;
  busyLabel?: ReactNode;
};

/** A real <button> (type="button" unless told otherwise, so it never submits a form by accident). */
export function Button({
  variant = "primary",
  size = "normal",
  busy = false,
  busyLabel,
  className,
  type = "button",
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button {...rest} type={type} className={buttonClass(variant, size, className)} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** A link that looks like a button, for navigation ("Open the meeting"). */
export function ButtonLink({ variant = "primary", size = "normal", className, ...rest }: LinkProps & { variant?: Variant; size?: Size }) {
  return <Link {...rest} className={buttonClass(variant, size, className)} />;
}
