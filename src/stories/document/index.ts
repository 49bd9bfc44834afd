/*
 * The story as readers see it, version by version: a pure fold of the story's stored events (no
 * Nest, no SQL), one-line summaries of events, and diffs between two versions.
 */
export type { StoryDocument, StoryDocumentState, UntalliedDocumentState, StoryStatus, DocumentStatement, CorrectionNotice } from './story-document';
export { evolveDocument, foldDocument, foldDocumentFrom, foldUntalliedFrom, withTallies } from './evolve-document';
export type { DocumentEvent } from './evolve-document';
export { summarizeEvent } from './summarize-event';
export { diffDocuments } from './diff-documents';
export type { StoryDiff, TallyChange, StatementCorrection } from './diff-documents';
export { diffText, sideOfDiff } from './text-diff';
export type { TextRun, TextOp } from './text-diff';
export { describeFigure } from './figure-wording';
