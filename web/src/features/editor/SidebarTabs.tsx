// The document page's tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, one tab stop).
// Wide, the document fills the left column and Feedback / Versions are tabs in the sidebar; at
// phone width the document is a tab too (Document / Feedback / Versions), so the feedback is one
// tap away instead of below the whole document. Every panel stays mounted, in the same place in
// the tree in both layouts, so a half-written reply survives switching tabs and turning a phone.
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export type Tab = { id: string; label: ReactNode; panel: ReactNode };

/** `startOn`: a tool to show first (a link to a feedback thread opens on Feedback, at phone width too). */
export function DocumentTabs({ document, tools, narrow, startOn }: { document: Tab; tools: Tab[]; narrow: boolean; startOn?: string | undefined }) {
  const [selectedTool, setSelectedTool] = useState(startOn ?? tools[0]?.id ?? "");
  const [documentShown, setDocumentShown] = useState(startOn === undefined);
  const baseId = useId();
  // Wide, the document is always shown and the tab list holds the tools only.
  const tabs = narrow ? [document, ...tools] : tools;
  const selected = narrow && documentShown ? document.id : selectedTool;
  const select = (id: string) => {
    setDocumentShown(id === document.id);
    if (id !== document.id) setSelectedTool(id);
  };
  const tabList = <TabList label={narrow ? "Document and its tools" : "Document tools"} tabs={tabs} selected={selected} onSelect={select} baseId={baseId} />;
  const panel = (tab: Tab, shown: boolean, className: string) => {
    // Wide, the document is a plain column, not a tab's panel.
    const asTab = narrow || tab.id !== document.id ? { role: "tabpanel", "aria-labelledby": `${baseId}-${tab.id}-tab`, tabIndex: 0 } : {};
    return (
      <div key={tab.id} id={`${baseId}-${tab.id}-panel`} hidden={!shown} className={className} {...asTab}>
        {tab.panel}
      </div>
    );
  };

  return (
    <div className={narrow ? "document-layout document-layout--tabs" : "document-layout"}>
      {narrow ? tabList : null}
      {panel(document, !narrow || selected === document.id, narrow ? "tabs__panel document-layout__main" : "document-layout__main")}
      <aside className="document-layout__aside" aria-label="Feedback and versions" hidden={narrow && selected === document.id}>
        {narrow ? null : tabList}
        {tools.map((tool) => panel(tool, selected === tool.id, "tabs__panel"))}
      </aside>
    </div>
  );
}

function TabList({
  label,
  tabs,
  selected,
  onSelect,
  baseId,
}: {
  label: string;
  tabs: Tab[];
  selected: string;
  onSelect: (id: string) => void;
  baseId: string;
}) {
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length]!;
    onSelect(next.id);
    buttons.current[next.id]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs__list">
      {tabs.map((tab, index) => (
        <button
          key={tab.id}
          ref={(element) => {
            buttons.current[tab.id] = element;
          }}
          type="button"
          role="tab"
          id={`${baseId}-${tab.id}-tab`}
          aria-controls={`${baseId}-${tab.id}-panel`}
          aria-selected={selected === tab.id}
          tabIndex={selected === tab.id ? 0 : -1}
          className="tabs__tab"
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
