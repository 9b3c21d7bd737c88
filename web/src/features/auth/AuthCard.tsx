// The frame of the pages a visitor sees before signing in (sign in, sign up, finish signing up,
// forgot and reset password): the app's name, its promise, and one titled section.
import type { ReactNode } from "react";
import { Section, useDocumentTitle } from "../../ui/layout.tsx";

export function AuthCard({ title, children, after }: { title: string; children: ReactNode; after?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>Staffroom</h1>
        <p>Where teachers improve together.</p>
        <Section title={title}>
          <div className="form">{children}</div>
        </Section>
        {after}
      </div>
    </main>
  );
}

/** The links under a form to the other ways in ("Forgot password?", "Create an account"). */
export function AuthLinks({ children }: { children: ReactNode }) {
  return <p className="auth-links">{children}</p>;
}
