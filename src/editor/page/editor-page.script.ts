/**
 * The page's script: plain browser JavaScript, no build step, no framework. It keeps the pasted key
 * in sessionStorage (gone when the tab closes), reads the API with it, and builds every element
 * with textContent so no story text is ever parsed as HTML. Written without template literals so it
 * can live in this TypeScript string.
 */
export const EDITOR_PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var KEY_STORAGE = 'newsdesk.editor.key';
  var story = { id: null, headline: '', versions: [] };

  function byId(id) { return document.getElementById(id); }
  function currentKey() { return sessionStorage.getItem(KEY_STORAGE) || ''; }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function say(message) { byId('status').textContent = message; byId('error').textContent = ''; }
  function fail(message) { byId('status').textContent = ''; byId('error').textContent = message; }

  async function api(path) {
    var response = await fetch(path, { headers: { Accept: 'application/json', Authorization: 'Bearer ' + currentKey() } });
    var body = null;
    try { body = await response.json(); } catch (notJson) { body = null; }
    if (!response.ok) {
      var detail = body && (body.detail || body.title) ? (body.detail || body.title) : response.statusText;
      var error = new Error(detail + ' (HTTP ' + response.status + ')');
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function utc(iso) { return iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : ''; }

  function describeFigure(figure) {
    if (figure.wording) return figure.wording;
    if (figure.max === undefined || figure.max === null) return 'at least ' + figure.min;
    return figure.max === figure.min ? String(figure.min) : figure.min + '-' + figure.max;
  }

  function describeSource(source) { return source.via ? source.name + ' (via ' + source.via + ')' : source.name; }
  function describeSpeaker(speaker) {
    var title = speaker.role || speaker.organization;
    return title ? speaker.name + ', ' + title : speaker.name;
  }

  // ---- key ----
  function showKeyState() {
    byId('key-state').textContent = currentKey() ? 'A key is set for this tab.' : 'No key yet.';
  }

  byId('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = byId('api-key');
    sessionStorage.setItem(KEY_STORAGE, input.value.trim());
    input.value = '';
    showKeyState();
    loadStoryChoices();
    if (story.id === null && new URLSearchParams(location.search).get('story')) openFromAddress();
    else byId('story-id').focus();
  });

  byId('forget-key').addEventListener('click', function () {
    sessionStorage.removeItem(KEY_STORAGE);
    showKeyState();
    say('The key is forgotten.');
  });

  // ---- stories ----
  async function loadStoryChoices() {
    try {
      var page = await api('/stories');
      var select = byId('story-select');
      select.replaceChildren(element('option', 'Choose a story…'));
      select.firstChild.value = '';
      (page.items || []).forEach(function (item) {
        var option = element('option', item.headline + (item.status === 'published' ? ' (published)' : ' (draft)'));
        option.value = item.id;
        select.appendChild(option);
      });
      byId('story-choice').hidden = (page.items || []).length === 0;
    } catch (unavailable) {
      // No story list to offer (not reachable with this key, or not served): the id field still works.
      byId('story-choice').hidden = true;
    }
  }

  byId('story-select').addEventListener('change', function (event) { byId('story-id').value = event.target.value; });

  byId('story-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var id = byId('story-id').value.trim();
    if (!id) { fail('Paste a story id, or choose a story.'); byId('story-id').focus(); return; }
    openStory(id, null, null);
  });

  async function openStory(id, from, to) {
    if (!currentKey()) { fail('Paste your key first.'); byId('api-key').focus(); return; }
    say('Loading the versions…');
    try {
      var versions = [];
      for (var after = 0; after !== null; ) {
        var page = await api('/stories/' + encodeURIComponent(id) + '/versions?limit=1000&after=' + after);
        versions = versions.concat(page.items);
        after = page.next;
      }
      var current = await api('/stories/' + encodeURIComponent(id));
      story = { id: id, headline: current.headline, versions: versions };
      byId('story-id').value = id;
      showVersions();
      var pair = defaultPair(from, to);
      byId('from-version').value = String(pair[0]);
      byId('to-version').value = String(pair[1]);
      await showDiff(pair[0], pair[1]);
    } catch (error) {
      fail('Could not open the story: ' + error.message);
    }
  }

  // ---- versions ----
  function versionLabel(item) {
    return 'v' + item.version + (item.published ? ' · published' : '') + ' · ' + utc(item.recordedAt) + ' · ' + item.summary;
  }

  function showVersions() {
    var list = byId('version-list');
    var from = byId('from-version');
    var to = byId('to-version');
    list.replaceChildren();
    from.replaceChildren();
    to.replaceChildren();
    story.versions.slice().reverse().forEach(function (item) {
      var line = element('li');
      line.appendChild(element('span', 'v' + item.version, 'version-number'));
      if (item.published) line.appendChild(element('span', 'Published', 'badge badge-published'));
      line.appendChild(document.createTextNode(' ' + utc(item.recordedAt) + ' · ' + item.actor + ' · ' + item.summary));
      list.appendChild(line);
      [from, to].forEach(function (select) {
        var option = element('option', versionLabel(item));
        option.value = String(item.version);
        select.appendChild(option);
      });
    });
    byId('versions-panel').hidden = false;
  }

  /** The versions named in the address, else the last two published, else the last two. */
  function defaultPair(from, to) {
    var numbers = story.versions.map(function (item) { return item.version; });
    var published = story.versions.filter(function (item) { return item.published; }).map(function (item) { return item.version; });
    var latest = numbers[numbers.length - 1];
    function resolve(reference, fallback) {
      if (reference === 'latest') return latest;
      if (reference === 'latest-published') return published.length ? published[published.length - 1] : fallback;
      if (reference === 'previous-published') return published.length > 1 ? published[published.length - 2] : fallback;
      var number = Number(reference);
      return reference && numbers.indexOf(number) >= 0 ? number : fallback;
    }
    var defaultTo = published.length ? published[published.length - 1] : latest;
    var defaultFrom = published.length > 1 ? published[published.length - 2] : numbers[Math.max(0, numbers.indexOf(defaultTo) - 1)];
    return [resolve(from, defaultFrom), resolve(to, defaultTo)];
  }

  byId('compare-form').addEventListener('submit', function (event) {
    event.preventDefault();
    showDiff(Number(byId('from-version').value), Number(byId('to-version').value));
  });

  // ---- diff ----
  async function showDiff(from, to) {
    say('Comparing version ' + from + ' with version ' + to + '…');
    try {
      var diff = await api('/stories/' + encodeURIComponent(story.id) + '/diff?from=' + from + '&to=' + to);
      renderDiff(diff);
      history.replaceState(null, '', '?story=' + encodeURIComponent(story.id) + '&from=' + diff.from + '&to=' + diff.to);
      say('Showing the changes from version ' + diff.from + ' to version ' + diff.to + '.');
      byId('diff').focus();
    } catch (error) {
      fail('Could not compare the versions: ' + error.message);
    }
  }

  function isPublished(version) {
    return story.versions.some(function (item) { return item.version === version && item.published; });
  }

  function renderDiff(diff) {
    var name = function (version) { return 'version ' + version + (isPublished(version) ? ' (published)' : ''); };
    byId('diff-heading').textContent = 'Changes from version ' + diff.from + ' to version ' + diff.to;
    byId('diff-caption').textContent = story.headline + ': ' + name(diff.from) + ' → ' + name(diff.to) + '.';
    byId('tallies-before').textContent = 'Version ' + diff.from;
    byId('tallies-after').textContent = 'Version ' + diff.to;
    renderRuns(byId('diff-headline'), diff.text.headline);
    renderRuns(byId('diff-dek'), diff.text.dek);
    renderRuns(byId('diff-body'), diff.text.body);
    renderTallies(diff.tallies);
    renderStatements(diff.statements);
    renderNotices(diff.notices.added);
    byId('diff').hidden = false;
  }

  function renderRuns(container, runs) {
    container.replaceChildren();
    runs.forEach(function (run) {
      if (run.op === 'equal') container.appendChild(document.createTextNode(run.text));
      else container.appendChild(element(run.op === 'insert' ? 'ins' : 'del', run.text));
    });
  }

  function tallyCell(tally) {
    var cell = element('td');
    if (!tally || !tally.current) {
      cell.appendChild(element('span', tally ? 'no standing figure (all retracted)' : 'none', 'none'));
      return cell;
    }
    cell.appendChild(element('span', describeFigure(tally.current.figure), 'figure'));
    cell.appendChild(document.createTextNode(' ' + tally.current.status + ', per ' + describeSource(tally.current.source) + ', as of ' + utc(tally.current.asOf)));
    if (tally.sources.length > 1 && tally.range) {
      var range = tally.range.max === null ? 'at least ' + tally.range.min : tally.range.min + '-' + tally.range.max;
      cell.appendChild(element('div', 'Range across ' + tally.sources.length + ' sources: ' + range + (tally.disputed ? ' (disputed)' : '')));
    }
    return cell;
  }

  function renderTallies(changes) {
    var body = byId('tallies').querySelector('tbody');
    body.replaceChildren();
    changes.forEach(function (change) {
      var row = element('tr');
      row.appendChild(element('th', change.party)).setAttribute('scope', 'row');
      row.appendChild(element('td', change.category));
      row.appendChild(tallyCell(change.before));
      row.appendChild(tallyCell(change.after));
      body.appendChild(row);
    });
    byId('tallies').hidden = changes.length === 0;
    byId('tallies-empty').hidden = changes.length !== 0;
  }

  function statementItem(statement, tag) {
    var item = element('li');
    item.appendChild(element(tag || 'span', statement.mode === 'quote' ? '"' + statement.text + '"' : statement.text));
    var via = statement.via ? ' via ' + statement.via : '';
    item.appendChild(element('span', ' ' + describeSpeaker(statement.speaker) + via + (statement.channel ? ', ' + statement.channel : ''), 'attribution'));
    return item;
  }

  function statementGroup(title, items) {
    var group = element('div', null, 'statement-group');
    group.appendChild(element('h4', title));
    var list = element('ul');
    items.forEach(function (item) { list.appendChild(item); });
    group.appendChild(list);
    return group;
  }

  function renderStatements(statements) {
    var container = byId('statements');
    container.replaceChildren();
    if (statements.added.length) container.appendChild(statementGroup('New statements', statements.added.map(function (s) { return statementItem(s, 'ins'); })));
    if (statements.removed.length) container.appendChild(statementGroup('Withdrawn statements', statements.removed.map(function (s) { return statementItem(s, 'del'); })));
    if (statements.corrected.length) {
      container.appendChild(statementGroup('Corrected statements', statements.corrected.map(function (pair) {
        var item = element('li');
        item.appendChild(element('del', pair.before.text));
        item.appendChild(document.createTextNode(' '));
        item.appendChild(element('ins', pair.after.text));
        item.appendChild(element('span', ' ' + describeSpeaker(pair.after.speaker), 'attribution'));
        return item;
      })));
    }
    byId('statements-empty').hidden = container.childElementCount !== 0;
  }

  function renderNotices(notices) {
    var list = byId('notices');
    list.replaceChildren();
    notices.forEach(function (notice) {
      var item = element('li');
      item.appendChild(element('strong', notice.kind === 'correction' ? 'Correction: ' : 'Retraction: '));
      item.appendChild(document.createTextNode(notice.notice + ' '));
      item.appendChild(element('span', '(' + utc(notice.recordedAt) + ')', 'attribution'));
      list.appendChild(item);
    });
    byId('notices-empty').hidden = notices.length !== 0;
  }

  // ---- start ----
  function openFromAddress() {
    var address = new URLSearchParams(location.search);
    if (address.get('story')) openStory(address.get('story'), address.get('from'), address.get('to'));
  }

  showKeyState();
  if (currentKey()) { loadStoryChoices(); openFromAddress(); }
  else if (new URLSearchParams(location.search).get('story')) say('Paste your key to open the story in the address.');
})();
`;
