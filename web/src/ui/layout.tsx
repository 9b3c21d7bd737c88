// Page building blocks: a page header with the page's single <h1>, and titled sections (<h2>).
import { useEffect, useId, type ReactNode } from "react";

/** The page's <h1>; also sets the browser tab's title to "<title> · Staffroom". */
export function PageHeader({ title, subtitle, actions, breadcrumb }: { title: string; subtitle?: ReactNode; actions?: ReactNode; breadcrumb?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      <div className="page-header__text">
        {breadcrumb ? (
          <nav aria-label="Breadcrumb" className="breadcrumb">
            {breadcrumb}
          </nav>
        ) : null}
        <h1>{title}</h1>
        {subtitle ? <p>{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

/**
 * The heading of a page shown inside a layout that owns the page's <h1> (the school console's
 * sections): an <h2>, so the outline reads School › Invitations, and the tab's title.
 */
export function SectionHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <header className="page-header page-header--section">
      <div className="page-header__text">
        <h2>{title}</h2>
        {subtitle ? <p>{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </header>
  );
}

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Staffroom` : "Staffroom";
  }, [title]);
}

/** A titled region (<section aria-labelledby> + <h2>), so it is a landmark browser tests can find by name. */
export function Section({
  title,
  actions,
  children,
  className,
  id,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string /** For links to this section (#id). */;
  id?: string;
}) {
  const headingId = useId();
  return (
    <section id={id} className={["section", className].filter(Boolean).join(" ")} aria-labelledby={headingId}>
      <div className="section__header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Badge({ tone = "neutral", children }: { tone?: "neutral" | "accent" | "danger" | "warn"; children: ReactNode }) {
  return <span className={tone === "neutral" ? "badge" : `badge badge--${tone}`}>{children}</span>;
}
