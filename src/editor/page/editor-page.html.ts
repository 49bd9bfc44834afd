/**
 * The editor's page: plain HTML, no build step. Every dynamic part is filled by editor-page.script.ts
 * with `textContent` (never `innerHTML`), so story text can never inject markup.
 */
export const EDITOR_PAGE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Newsdesk · story versions</title>
  <link rel="stylesheet" href="/editor/editor.css">
  <script src="/editor/editor.js" defer></script>
</head>
<body>
  <a class="skip-link" href="#diff">Skip to the changes</a>
  <header class="page-header">
    <h1>Newsdesk · story versions</h1>
    <p class="legend">Inserted words are <ins>underlined</ins>; deleted words are <del>struck through</del>.</p>
  </header>
  <main>
    <div class="controls">
      <section aria-labelledby="key-heading" class="panel" id="key-panel">
        <h2 id="key-heading">1. Your key</h2>
        <form id="key-form">
          <label for="api-key">API key (editor or consumer)</label>
          <input id="api-key" name="key" type="password" autocomplete="off" spellcheck="false" required aria-describedby="key-help">
          <p id="key-help" class="help">Kept only in this tab's session storage and sent as a Bearer token.</p>
          <div class="buttons">
            <button type="submit">Use this key</button>
            <button type="button" id="forget-key">Forget the key</button>
          </div>
          <p id="key-state" class="help" aria-live="polite"></p>
        </form>
      </section>

      <section aria-labelledby="story-heading" class="panel" id="story-panel">
        <h2 id="story-heading">2. The story</h2>
        <form id="story-form">
          <div id="story-choice" hidden>
            <label for="story-select">Recent stories</label>
            <select id="story-select"></select>
          </div>
          <label for="story-id">Story id</label>
          <input id="story-id" name="story" type="text" autocomplete="off" spellcheck="false" placeholder="e.g. 0b9f4c2e-51a8-4f4e-9d1c-6f3a2b7c8d10">
          <div class="buttons"><button type="submit">Open the story</button></div>
        </form>
      </section>

      <section aria-labelledby="versions-heading" class="panel" id="versions-panel" hidden>
        <h2 id="versions-heading">3. Versions to compare</h2>
        <form id="compare-form">
          <label for="from-version">From version</label>
          <select id="from-version" required></select>
          <label for="to-version">To version</label>
          <select id="to-version" required></select>
          <div class="buttons"><button type="submit">Show the changes</button></div>
        </form>
        <h3 id="version-list-heading">All versions</h3>
        <ol id="version-list" class="version-list" aria-labelledby="version-list-heading"></ol>
      </section>
    </div>

    <p id="status" class="status" role="status" aria-live="polite"></p>
    <p id="error" class="error" role="alert"></p>

    <section id="diff" class="diff" tabindex="-1" aria-labelledby="diff-heading" hidden>
      <h2 id="diff-heading">Changes</h2>
      <p id="diff-caption" class="caption"></p>
      <h3>Headline</h3>
      <p id="diff-headline" class="diff-text headline"></p>
      <h3>Dek</h3>
      <p id="diff-dek" class="diff-text"></p>
      <h3>Body</h3>
      <div id="diff-body" class="diff-text body"></div>

      <h3 id="tallies-heading">Casualty tallies that changed</h3>
      <p id="tallies-empty" class="help" hidden>No tally changed.</p>
      <table id="tallies" aria-labelledby="tallies-heading" hidden>
        <thead><tr><th scope="col">Party</th><th scope="col">Category</th><th scope="col" id="tallies-before">Before</th><th scope="col" id="tallies-after">After</th></tr></thead>
        <tbody></tbody>
      </table>

      <h3>Statements</h3>
      <p id="statements-empty" class="help" hidden>No statement added, withdrawn or corrected.</p>
      <div id="statements"></div>

      <h3>Correction notices</h3>
      <p id="notices-empty" class="help" hidden>No new correction notice.</p>
      <ul id="notices" class="notices"></ul>
    </section>
  </main>
</body>
</html>
`;
