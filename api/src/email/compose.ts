// An email's plain text and its short HTML twin, from the same paragraphs. Every word is escaped
// in the HTML (school names, people's names: whatever someone typed), and the only links are the
// ones the email's builder marks as links: a name that looks like a URL stays text.
export type Email = { to: string; subject: string; text: string; html: string };

/** A paragraph (its "\n" become line breaks), or a link on a line of its own. */
export type Paragraph = string | { link: string };

export function composeEmail(to: string, subject: string, paragraphs: readonly Paragraph[]): Email {
  const text = paragraphs.map((p) => (typeof p === "string" ? p : p.link)).join("\n\n");
  const body = paragraphs
    .map((p) =>
      typeof p === "string" ? `<p>${p.split("\n").map(escapeHtml).join("<br>")}</p>` : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>`,
    )
    .join("\n");
  const html = [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;max-width:36em">`,
    body,
    "</body></html>",
  ].join("\n");
  return { to, subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
