/**
 * The page's styles. Insertions and deletions are told apart by underline and strike-through (and,
 * for screen readers, by announced start and end markers), colour only adds to that. The print
 * styles keep the changes and drop the controls.
 */
export const EDITOR_PAGE_CSS = String.raw`
:root { --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --focus: #0b57d0; --ins-bg: #d8f5dd; --ins-ink: #0a4d17; --del-bg: #fbe0e0; --del-ink: #7a1111; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafafa; }
.page-header, main { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 0.4rem; }
.legend, .help, .caption { color: var(--muted); margin: 0.25rem 0; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
.skip-link:focus { left: 0.5rem; z-index: 1; }
.controls { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); align-items: start; gap: 1rem; margin-top: 1rem; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
label { display: block; font-weight: 600; margin: 0.5rem 0 0.2rem; }
input, select, button { font: inherit; }
input, select { width: 100%; padding: 0.35rem 0.5rem; border: 1px solid #8a8a8a; border-radius: 4px; background: #fff; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.6rem; }
button { padding: 0.4rem 0.9rem; border: 1px solid #333; border-radius: 4px; background: #fff; cursor: pointer; }
button[type="submit"] { background: #1b1b1b; color: #fff; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.version-list { max-height: 18rem; overflow: auto; padding-left: 0; list-style: none; margin: 0; border-top: 1px solid var(--line); }
.version-list li { padding: 0.25rem 0; border-bottom: 1px solid #eee; font-size: 0.92rem; }
.version-number { font-weight: 700; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; margin-left: 0.3rem; padding: 0 0.4rem; border: 1px solid currentColor; border-radius: 3px; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; }
.badge-published { color: #0a4d17; }
.status { min-height: 1.5rem; color: var(--muted); }
.error { color: var(--del-ink); font-weight: 600; }
.error:empty { display: none; }
.diff { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 2rem; }
.diff:focus { outline: none; }
.diff:focus-visible { outline: 3px solid var(--focus); }
.diff-text { font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem; white-space: pre-wrap; margin: 0; }
.diff-text.headline { font-size: 1.35rem; font-weight: 700; }
.diff-text:empty::before { content: "(empty in both versions)"; color: var(--muted); font-style: italic; font-family: system-ui, sans-serif; font-size: 0.9rem; }
ins { text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 2px; background: var(--ins-bg); color: var(--ins-ink); }
del { text-decoration: line-through; text-decoration-thickness: 2px; background: var(--del-bg); color: var(--del-ink); }
ins::before, ins::after, del::before, del::after {
  clip-path: inset(100%); clip: rect(1px, 1px, 1px, 1px); height: 1px; width: 1px; overflow: hidden; position: absolute; white-space: nowrap;
}
ins::before { content: " [insertion start] "; } ins::after { content: " [insertion end] "; }
del::before { content: " [deletion start] "; } del::after { content: " [deletion end] "; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
.figure { font-weight: 700; }
.none { color: var(--muted); font-style: italic; }
.statement-group { margin: 0.25rem 0 0.75rem; }
.statement-group h4 { margin: 0.5rem 0 0.25rem; font-size: 0.95rem; }
.statement-group ul, .notices { margin: 0; padding-left: 1.25rem; }
.statement-group li, .notices li { margin-bottom: 0.35rem; }
.attribution { color: var(--muted); }

@media print {
  body { background: #fff; font-size: 11pt; }
  .skip-link, .controls, .status, .error { display: none !important; }
  .diff { border: 0; padding: 0; }
  .diff[hidden] { display: none; }
  a { color: inherit; }
  ins, del { background: none; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  ins { text-decoration: underline; text-decoration-thickness: 1.5pt; }
  del { text-decoration: line-through; text-decoration-thickness: 1.5pt; }
  table, tr, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;
