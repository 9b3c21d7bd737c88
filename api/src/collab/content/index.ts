// A live document's content read and written as data: ProseMirror JSON, Markdown, plain text,
// the templates a new document starts from. Exported as `@staffroom/api/content`.
export { toMarkdown } from "./markdown.ts";
export { toPlainText } from "./plain-text.ts";
export { type PMNode, pm, readActionItems, readContent, replaceRichText, writeProseMirror } from "./prosemirror.ts";
export { writeActionItems } from "./templates.ts";
