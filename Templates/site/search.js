/* pm's search and filters for the static site: pm's own script, plain ES2017, no framework, no request.
 *
 * It enhances a page only when the page has an element #pm-search and search-index.js has set
 * window.pmSearchIndex; without JavaScript (or without the index) the page stays as pm rendered it.
 * Everything it shows from the index goes into the page through textContent and attributes set one by
 * one (never innerHTML), so a title like <img src=x onerror=alert(1)> shows as text.
 *
 * THE INDEX: search-index.js, written by pm at the site's root (Templates/site/SEARCH-INDEX.md has it all)
 *
 *   window.pmSearchIndex = {"v":1,"base":"incidents/","today":"2026-11-21",
 *     "severities":["critical","high"],"statuses":["draft","published"],  string tables: facets list
 *     "services":["payments"],"tags":["tls"],"owners":["jo"],             values in this order
 *     "words":["certificate","pinned"],   the words of summary, impact and root cause: unique, sorted
 *     "postings":[[0,2],[1]],             the rows having words[k]: first row, then gaps to the next
 *     "incidents":{                       one array per field; row r is incident r; rows newest first
 *       "id":["2026-10-23-payouts"],"title":["Payouts failed"],"date":["2026-10-23"],  "" no date
 *       "severity":[0],"status":[0],      index into severities / statuses, -1 when none
 *       "services":[[0]],"tags":[[0]],"owners":[[0]],   indexes into the tables (owners: of actions)
 *       "open":[3],"overdue":[1],         open action items; of them, past due on "today"
 *       "ttr":[9600],                     time to resolve in seconds (detected to resolved), null unknown
 *       "page":[null]                     optional: the page (from the root) when not base + id + ".html"
 *     }};
 *
 *   Words: the runs of UTF-16 code units that are not separators, each lower-cased and then NFC-normalised.
 *   Separators: ASCII other than letters and digits, U+0080-U+00BF, U+00D7, U+00F7, U+2000-U+2BFF,
 *   U+2E00-U+2E7F, U+3000-U+303F, U+FE10-U+FE1F, U+FE30-U+FE6F, U+FEFF, U+FF00-U+FF0F, U+FF1A-U+FF20,
 *   U+FF3B-U+FF40, U+FF5B-U+FF65. This script splits titles, names, ids and queries the same way.
 *
 * THE PAGE HOOKS
 *   <script src="{{root}}search-index.js" defer></script> then <script src="{{root}}search.js" defer></script>
 *   <div id="pm-search" class="pm-search" data-page="incidents"></div>: where the form goes. data-page is
 *     "incidents" (index.html) or "actions" (actions.html); data-root, the way from the page to the site
 *     root ("" by default), prefixes the result links.
 *   <div id="pm-listing">…</div> around the table pm rendered (and its pager, if any). On the incidents page
 *     it is hidden while a search or filter is active, and this script lists the results itself (also when
 *     there is no #pm-listing). On the actions page its rows are filtered in place and read from
 *     <tr data-incident="ID" data-action="ACTION-ID"> (without them: the incident from the row's link, each
 *     row one action) in <section data-owner="NAME"> (without it: the heading's "@name", else no owner);
 *     rows of class pm-group are headings, not actions. When the page also loads search-actions.js (every
 *     open action of every page: window.pmSearchActions), the actions page searches those instead and lists
 *     the matching rows in a table of its own, as the incidents page lists its results.
 *
 * STATE IN THE URL: #q=cert&severity=critical&service=payments&service=sidekiq&year=2026&owner=jo
 *   &actions=overdue&sort=oldest (names, never positions, so a shared link survives re-renders); with no
 *   such hash, a ?q=… query string is read the same way.
 */
(function () {
  'use strict';

  var data = window.pmSearchIndex;
  var mount = document.getElementById('pm-search');
  if (!mount || !data || data.v !== 1 || !data.incidents || !Array.isArray(data.incidents.id)) return;

  var setupStarted = window.performance ? performance.now() : 0;
  var PAGE_SIZE = 50;
  var STYLED_SEVERITIES = ['critical', 'high', 'medium', 'low'];
  // Points a query term earns in each field: [whole word, prefix of a word].
  var WEIGHTS = { title: [8, 5], meta: [4, 3], text: [2, 1], action: [2, 1] };

  // ---- words -------------------------------------------------------------------------------------

  function isSeparator(c) {
    if (c < 0x80) return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
    return c <= 0xBF || c === 0xD7 || c === 0xF7 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
      (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) || c === 0xFEFF ||
      (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
  }

  var NON_ASCII = /[^\u0000-\u007f]/;
  function normal(word) {
    var lower = word.toLowerCase();
    return lower.normalize && NON_ASCII.test(lower) ? lower.normalize('NFC') : lower;
  }

  // The runs of a text: [{start, end, word}], word lower-cased and normalised.
  function runs(text) {
    var out = [];
    var start = -1;
    for (var i = 0; i <= text.length; i++) {
      var sep = i === text.length || isSeparator(text.charCodeAt(i));
      if (sep && start >= 0) { out.push({ start: start, end: i, word: normal(text.slice(start, i)) }); start = -1; }
      else if (!sep && start < 0) start = i;
    }
    return out;
  }

  function tokens(text) {
    var seen = new Set();
    runs(String(text || '')).forEach(function (run) { seen.add(run.word); });
    return Array.from(seen);
  }

  function lowerBound(sorted, key) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // A field: a sorted vocabulary and, for each word, the rows that have it.
  function fieldFromTokens(tokensPerRow, weights) {
    var map = new Map();
    tokensPerRow.forEach(function (list, row) {
      list.forEach(function (word) {
        var rows = map.get(word);
        if (!rows) map.set(word, rows = []);
        if (rows[rows.length - 1] !== row) rows.push(row);
      });
    });
    var words = Array.from(map.keys()).sort();
    return { words: words, rows: function (k) { return map.get(words[k]); }, weights: weights };
  }

  function fieldFromIndex(words, postings, weights) {
    words = Array.isArray(words) ? words.map(String) : [];
    postings = Array.isArray(postings) ? postings : [];
    var order = words.map(function (_, k) { return k; });
    var sorted = true;
    for (var k = 1; k < words.length && sorted; k++) sorted = words[k - 1] < words[k];
    if (!sorted) order.sort(function (a, b) { return words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0; });
    var cache = new Map();
    return {
      words: order.map(function (k) { return words[k]; }),
      rows: function (k) {
        var rows = cache.get(k);
        if (rows) return rows;
        var gaps = postings[order[k]] || [];
        rows = new Array(gaps.length);
        var row = 0;
        for (var i = 0; i < gaps.length; i++) { row = i === 0 ? gaps[0] : row + gaps[i]; rows[i] = row; }
        cache.set(k, rows);
        return rows;
      },
      weights: weights
    };
  }

  // For one term: the points of each row in each field (0: no word of the field starts with the term).
  function scoreTerm(term, fields, count) {
    var total = new Float64Array(count);
    fields.forEach(function (field) {
      var best = new Uint8Array(count);
      var touched = [];
      for (var k = lowerBound(field.words, term); k < field.words.length && field.words[k].startsWith(term); k++) {
        var points = field.words[k] === term ? field.weights[0] : field.weights[1];
        var rows = field.rows(k);
        for (var i = 0; i < rows.length; i++) {
          var row = rows[i];
          if (row >= 0 && row < count && best[row] < points) {
            if (best[row] === 0) touched.push(row);
            best[row] = points;
          }
        }
      }
      touched.forEach(function (row) { total[row] += best[row]; });
    });
    return total;
  }

  // ---- the index ---------------------------------------------------------------------------------

  var cols = data.incidents;
  var base = typeof data.base === 'string' ? data.base : 'incidents/';
  var count = cols.id.length;
  function table(name) { return Array.isArray(data[name]) ? data[name].map(String) : []; }
  function column(name) { return Array.isArray(cols[name]) ? cols[name] : []; }
  var severities = table('severities'), statuses = table('statuses');
  var services = table('services'), tags = table('tags'), owners = table('owners');

  function names(list, tableValues) {
    return Array.isArray(list) ? list.map(function (i) { return tableValues[i]; }).filter(function (v) { return v !== undefined; }) : [];
  }

  var incidents = [];
  for (var row = 0; row < count; row++) {
    var sev = severities[column('severity')[row]];
    var st = statuses[column('status')[row]];
    var date = String(column('date')[row] || '');
    var ttr = column('ttr')[row];
    var page = column('page')[row];
    incidents.push({
      row: row,
      id: String(cols.id[row]),
      page: typeof page === 'string' && page ? page : base + encodeURIComponent(String(cols.id[row])) + '.html',
      title: String(column('title')[row] || cols.id[row]),
      date: date,
      year: /^\d{4}/.test(date) ? date.slice(0, 4) : '',
      severity: sev === undefined ? '' : sev,
      status: st === undefined ? '' : st,
      services: names(column('services')[row], services),
      tags: names(column('tags')[row], tags),
      owners: names(column('owners')[row], owners),
      open: Number(column('open')[row]) || 0,
      overdue: Number(column('overdue')[row]) || 0,
      ttr: typeof ttr === 'number' && ttr >= 0 ? ttr : null
    });
  }
  var byID = new Map(incidents.map(function (incident) { return [incident.id, incident]; }));
  var byPage = new Map(incidents.map(function (incident) { return [incident.page, incident]; }));

  // Built on the first search, so that a page opened without one is ready sooner.
  var incidentFields = null;
  function searchFields() {
    if (!incidentFields) {
      incidentFields = [
        fieldFromTokens(incidents.map(function (i) { return tokens(i.title); }), WEIGHTS.title),
        fieldFromTokens(incidents.map(function (i) {
          return tokens([i.id, i.severity, i.status].concat(i.services, i.tags, i.owners).join(' '));
        }), WEIGHTS.meta),
        fieldFromIndex(data.words, data.postings, WEIGHTS.text)
      ];
    }
    return incidentFields;
  }

  // ---- the page ----------------------------------------------------------------------------------

  var mode = mount.getAttribute('data-page') === 'actions' ? 'actions' : 'incidents';
  var root = mount.getAttribute('data-root') || '';
  var listing = document.getElementById('pm-listing');

  // The things the page filters: incidents, or the rows of the actions table.
  var items;
  var actionField = null; // the words of each action row, built on the first search
  // The open actions from search-actions.js, when the page loads it: every row of every page of them.
  var actionData = mode === 'actions' ? window.pmSearchActions : null;
  var indexedActions = !!(actionData && actionData.v === 1 && actionData.actions && Array.isArray(actionData.actions.local));
  if (mode === 'incidents') {
    items = incidents.map(function (incident) { return { incident: incident, row: incident.row }; });
  } else if (indexedActions) {
    var acols = actionData.actions;
    var acol = function (name) { return Array.isArray(acols[name]) ? acols[name] : []; };
    var actionOwners = Array.isArray(actionData.owners) ? actionData.owners.map(String) : [];
    var actionKinds = Array.isArray(actionData.kinds) ? actionData.kinds.map(String) : [];
    var shortIDs = Array.isArray(actionData.short) ? actionData.short : [];
    items = acols.local.map(function (local, k) {
      var incident = incidents[acol('incident')[k]] || null;
      local = String(local);
      var id = (incident ? incident.id + '/' : '') + local;
      var owner = actionOwners[acol('owner')[k]];
      var kind = actionKinds[acol('kind')[k]];
      var url = acol('ticketURL')[k];
      return {
        incident: incident,
        owner: owner === undefined ? '' : owner,
        overdue: Number(acol('overdue')[k]) > 0,
        action: id,
        row: k,
        data: {
          id: id, short: (incident ? String(shortIDs[incident.row] || incident.id) + '/' : '') + local,
          text: String(acol('text')[k] || ''),
          due: String(acol('due')[k] || ''), days: Number(acol('overdue')[k]) || 0, kind: kind === undefined ? '' : kind,
          ticket: String(acol('ticket')[k] || ''), ticketURL: typeof url === 'string' && /^https?:\/\//i.test(url) ? url : '',
          anchor: String(acol('anchor')[k] || 'action-' + local)
        }
      };
    });
    if (!items.length) return;
  } else {
    if (!listing) return;
    items = Array.prototype.slice.call(listing.querySelectorAll('tbody tr:not(.pm-group)')).map(function (tr, index) {
      var id = tr.getAttribute('data-incident');
      var incident = id ? byID.get(id) || null : null;
      if (!id) {
        var links = tr.querySelectorAll('a[href]');
        for (var i = links.length - 1; i >= 0 && !incident; i--) {
          incident = byPage.get(links[i].getAttribute('href').replace(/[?#].*$/, '').slice(root.length)) || null;
        }
      }
      var section = tr.closest('[data-owner]') || tr.closest('section');
      var owner = tr.getAttribute('data-owner');
      if (owner === null && section) {
        owner = section.getAttribute('data-owner');
        if (owner === null) {
          var heading = section.querySelector('h2, h3');
          var first = heading && heading.firstChild;
          var headingText = first && first.nodeType === 3 ? first.nodeValue.trim() : '';
          owner = headingText.charAt(0) === '@' ? headingText.slice(1) : '';
        }
      }
      return {
        incident: incident,
        element: tr,
        section: section,
        owner: owner || '',
        overdue: tr.classList.contains('overdue') || tr.hasAttribute('data-overdue'),
        action: tr.getAttribute('data-action') || 'row ' + index,
        row: index
      };
    });
    if (!items.length) return;
  }

  // ---- facets ------------------------------------------------------------------------------------

  function one(value) { return value ? [value] : []; }
  var FACETS = [
    { key: 'severity', label: 'Severity', values: function (it) { return it.incident ? one(it.incident.severity) : []; }, order: severities },
    { key: 'status', label: 'Status', values: function (it) { return it.incident ? one(it.incident.status) : []; }, order: statuses },
    { key: 'service', label: 'Service', values: function (it) { return it.incident ? it.incident.services : []; }, order: services },
    { key: 'tag', label: 'Tag', values: function (it) { return it.incident ? it.incident.tags : []; }, order: tags },
    { key: 'year', label: 'Year', values: function (it) { return it.incident ? one(it.incident.year) : []; }, order: null },
    {
      key: 'owner', label: 'Owner', order: owners, empty: mode === 'actions',
      name: function (v) { return v ? '@' + v : 'no owner'; },
      values: mode === 'actions' ? function (it) { return [it.owner]; } : function (it) { return it.incident ? it.incident.owners : []; }
    },
    mode === 'actions'
      ? { key: 'actions', label: 'Due', single: true, any: 'Any', choices: [['overdue', 'Overdue only']], values: function (it) { return it.overdue ? ['overdue'] : []; } }
      : {
        key: 'actions', label: 'Action items', single: true, any: 'Any',
        choices: [['open', 'With open actions'], ['overdue', 'With overdue actions']],
        values: function (it) { return it.incident.overdue > 0 ? ['open', 'overdue'] : it.incident.open > 0 ? ['open'] : []; }
      }
  ];
  FACETS.forEach(function (facet) {
    facet.byItem = items.map(facet.values);
    if (facet.single) return;
    var present = new Set();
    facet.byItem.forEach(function (list) { list.forEach(function (v) { present.add(v); }); });
    var options = (facet.order || []).filter(function (v) { return present.has(v); });
    var listed = new Set(options);
    var rest = Array.from(present).filter(function (v) { return !listed.has(v); });
    rest.sort(facet.key === 'year' ? function (a, b) { return a < b ? 1 : a > b ? -1 : 0; } : undefined);
    facet.options = options.concat(rest);
  });

  // ---- state -------------------------------------------------------------------------------------

  var state = emptyState();

  function emptyState() {
    var s = { q: '', sort: '', filters: {} };
    FACETS.forEach(function (facet) { s.filters[facet.key] = new Set(); });
    return s;
  }

  function isActive(s) {
    return tokens(s.q).length > 0 || FACETS.some(function (facet) { return s.filters[facet.key].size > 0; });
  }

  function stateFromURL() {
    var hash = location.hash.replace(/^#/, '');
    var source = hash.indexOf('=') >= 0 ? hash : location.search.replace(/^\?/, '');
    var params = new URLSearchParams(source);
    var s = emptyState();
    s.q = params.get('q') || '';
    s.sort = ['newest', 'oldest', 'resolve'].indexOf(params.get('sort')) >= 0 ? params.get('sort') : '';
    FACETS.forEach(function (facet) {
      params.getAll(facet.key).forEach(function (value) {
        if (facet.single) {
          if (facet.choices.some(function (c) { return c[0] === value; })) s.filters[facet.key] = new Set([value]);
        } else if (value || facet.empty) {
          s.filters[facet.key].add(value);
        }
      });
    });
    return s;
  }

  function urlFromState(s) {
    var params = new URLSearchParams();
    if (s.q.trim()) params.append('q', s.q.trim());
    FACETS.forEach(function (facet) { s.filters[facet.key].forEach(function (v) { params.append(facet.key, v); }); });
    if (s.sort) params.append('sort', s.sort);
    var text = params.toString();
    return location.pathname + location.search + (text ? '#' + text : '');
  }

  function writeURL() {
    var url = urlFromState(state);
    if (url === location.pathname + location.search + location.hash) return;
    try {
      history.replaceState(history.state, '', url);
    } catch (error) {
      var hash = url.indexOf('#') >= 0 ? url.slice(url.indexOf('#')) : '';
      if (hash || location.hash.indexOf('=') >= 0) location.hash = hash;
    }
  }

  // ---- building the form (createElement and textContent only) ------------------------------------

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  var noun = mode === 'incidents' ? ['incident', 'incidents'] : ['open action', 'open actions'];
  var queryInput = el('input', {
    id: 'pm-q', type: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-keyshortcuts': '/',
    'aria-describedby': 'pm-q-hint', placeholder: mode === 'incidents' ? 'certificate, payments, 2024…' : 'alert, runbook…'
  });
  var sortSelect = el('select', { id: 'pm-sort' }, [
    el('option', { value: '', text: 'Best match' }),
    el('option', { value: 'newest', text: 'Newest first' }),
    el('option', { value: 'oldest', text: 'Oldest first' }),
    el('option', { value: 'resolve', text: 'Longest to resolve' })
  ]);
  var searchRow = el('div', { class: 'pm-search-row' }, [
    el('div', { class: 'pm-field pm-field-q' }, [
      el('label', { for: 'pm-q', text: mode === 'incidents' ? 'Search incidents' : 'Search open actions' }),
      queryInput,
      el('p', {
        id: 'pm-q-hint', class: 'pm-hint',
        text: mode === 'incidents'
          ? 'Words of the title, summary, impact and root cause, services, tags and owners; every word must match, word starts are enough.'
          : 'Words of the action or of its incident; every word must match, word starts are enough.'
      })
    ]),
    mode === 'incidents' ? el('div', { class: 'pm-field pm-field-sort' }, [el('label', { for: 'pm-sort', text: 'Order' }), sortSelect]) : null
  ]);

  var filterSummaryCount = el('span', { class: 'pm-summary-count' });
  var facetBox = el('div', { class: 'pm-facets' });
  var filters = el('details', { class: 'pm-filters', id: 'pm-filters' }, [
    el('summary', {}, ['Filters', filterSummaryCount]),
    facetBox
  ]);
  var activeBox = el('div', { class: 'pm-active', id: 'pm-active' });
  var countLine = el('p', { id: 'pm-search-count', class: 'pm-count', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  var results = el('ol', { id: 'pm-results', class: 'pm-results', 'aria-label': 'Matching incidents', hidden: true });
  var moreButton = el('button', { type: 'button', class: 'pm-more', hidden: true, text: 'Show more' });
  var form = el('form', { class: 'pm-search-form', role: 'search', 'aria-label': mode === 'incidents' ? 'Search and filter incidents' : 'Search and filter open actions' }, [
    searchRow, filters, activeBox
  ]);

  function optionName(facet, value) { return facet.name ? facet.name(value) : value; }

  var optionNodes = {}; // facet key -> value -> {input, count, item, label}
  FACETS.forEach(function (facet) {
    var list = el('ul', { class: 'pm-options' });
    optionNodes[facet.key] = new Map();
    var legendID = 'pm-facet-' + facet.key;
    var entries = facet.single ? [['', facet.any]].concat(facet.choices) : facet.options.map(function (v) { return [v, optionName(facet, v)]; });
    if (!facet.single && !entries.length) return;
    entries.forEach(function (entry, index) {
      var input = el('input', { type: facet.single ? 'radio' : 'checkbox', name: 'pm-' + facet.key, value: entry[0], id: legendID + '-' + index });
      var countNode = el('span', { class: 'pm-n' });
      var item = el('li', {}, [el('label', { for: input.id }, [input, el('span', { class: 'pm-option-name', text: entry[1] }), countNode])]);
      list.appendChild(item);
      optionNodes[facet.key].set(entry[0], { input: input, count: countNode, item: item, label: entry[1] });
    });
    var children = [el('legend', { id: legendID, text: facet.label })];
    if (!facet.single && entries.length > 12) {
      var finder = el('input', { type: 'search', class: 'pm-find', 'aria-label': 'Find a ' + facet.label.toLowerCase(), placeholder: 'Find…', autocomplete: 'off' });
      finder.addEventListener('input', function () {
        var wanted = normal(finder.value.trim());
        optionNodes[facet.key].forEach(function (node, value) {
          node.item.hidden = wanted !== '' && normal(value).indexOf(wanted) < 0 && !node.input.checked;
        });
      });
      children.push(finder);
    }
    children.push(list);
    facetBox.appendChild(el('fieldset', { class: 'pm-facet', 'data-facet': facet.key }, children));
  });

  clear(mount);
  mount.appendChild(form);
  mount.appendChild(countLine);
  var actionResults = null, actionTable = null;
  if (mode === 'incidents') {
    mount.appendChild(results);
    mount.appendChild(moreButton);
  } else if (indexedActions) {
    actionTable = el('table', { class: 'actions listing pm-action-results' }, [
      el('caption', { text: 'Matching open actions, by owner' }),
      el('thead', {}, [el('tr', {}, ['ID', 'Action', 'Owner', 'Due', 'Kind', 'Ticket', 'Incident'].map(function (h) {
        return el('th', { scope: 'col', text: h });
      }))])
    ]);
    actionResults = el('div', { class: 'table-wrap', id: 'pm-action-results', hidden: true }, [actionTable]);
    mount.appendChild(actionResults);
    mount.appendChild(moreButton);
  }

  // ---- searching ---------------------------------------------------------------------------------

  var textCache = { q: null, match: null, score: null };

  // Which items match the words of the query, and their points (all null: no words, everything matches).
  function textMatch(q) {
    var terms = tokens(q);
    if (textCache.q === terms.join(' ')) return textCache;
    var match = null, score = null;
    if (terms.length) {
      match = new Uint8Array(items.length).fill(1);
      score = new Float64Array(items.length);
      terms.forEach(function (term) {
        var incidentPoints = scoreTerm(term, searchFields(), count);
        if (mode === 'actions' && !actionField) {
          actionField = fieldFromTokens(items.map(function (item) {
            if (!item.data) return tokens(item.element.textContent);
            var d = item.data;
            return tokens([d.short, d.text, d.due, d.kind, d.ticket, item.owner, item.incident ? item.incident.title : ''].join(' '));
          }), WEIGHTS.action);
        }
        var actionPoints = actionField ? scoreTerm(term, [actionField], items.length) : null;
        items.forEach(function (item, i) {
          var points = (item.incident ? incidentPoints[item.incident.row] : 0) + (actionPoints ? actionPoints[i] : 0);
          if (points > 0) score[i] += points; else match[i] = 0;
        });
      });
    }
    textCache = { q: terms.join(' '), terms: terms, match: match, score: score };
    return textCache;
  }

  // The matching items in order, and per facet the number of items each value would give.
  function run(s) {
    var text = textMatch(s.q);
    var selected = FACETS.map(function (facet) { return s.filters[facet.key]; });
    var counts = FACETS.map(function () { return new Map(); });
    var matched = [];
    function tally(f, i) {
      FACETS[f].byItem[i].forEach(function (v) { counts[f].set(v, (counts[f].get(v) || 0) + 1); });
    }
    for (var i = 0; i < items.length; i++) {
      if (text.match && !text.match[i]) continue;
      var failed = -1, failures = 0;
      for (var f = 0; f < FACETS.length && failures < 2; f++) {
        if (!selected[f].size) continue;
        var values = FACETS[f].byItem[i];
        var pass = false;
        for (var v = 0; v < values.length && !pass; v++) pass = selected[f].has(values[v]);
        if (!pass) { failures++; failed = f; }
      }
      if (failures === 0) {
        matched.push(i);
        for (f = 0; f < FACETS.length; f++) tally(f, i);
      } else if (failures === 1) {
        tally(failed, i);
      }
    }
    var sort = s.sort || (text.score ? 'relevance' : 'newest');
    if (mode === 'incidents') {
      matched.sort(function (a, b) {
        if (sort === 'relevance') return (text.score[b] - text.score[a]) || (a - b);
        if (sort === 'oldest') return b - a;
        if (sort === 'resolve') {
          var ta = items[a].incident.ttr, tb = items[b].incident.ttr;
          return ((tb === null ? -1 : tb) - (ta === null ? -1 : ta)) || (a - b);
        }
        return a - b;
      });
    }
    return { items: matched, counts: counts, terms: text.terms };
  }

  // ---- showing -----------------------------------------------------------------------------------

  function plural(n, words) {
    return n.toLocaleString('en-US') + ' ' + (n === 1 ? words[0] : words[1]);
  }

  function duration(seconds) {
    var days = Math.floor(seconds / 86400), hours = Math.floor(seconds / 3600) % 24, minutes = Math.floor(seconds / 60) % 60;
    if (days > 0) return hours > 0 ? days + 'd ' + hours + 'h' : days + 'd';
    if (hours > 0) return minutes > 0 ? hours + 'h ' + minutes + 'm' : hours + 'h';
    if (minutes > 0) return minutes + 'm';
    return seconds + 's';
  }

  // The title as text nodes, with the starts of words that a query term begins marked.
  function highlighted(title, terms) {
    var fragment = document.createDocumentFragment();
    var at = 0;
    runs(title).forEach(function (r) {
      var longest = 0;
      terms.forEach(function (term) { if (r.word.startsWith(term) && term.length > longest) longest = term.length; });
      if (!longest) return;
      var end = r.word.length === r.end - r.start ? r.start + longest : r.end;
      if (r.start > at) fragment.appendChild(document.createTextNode(title.slice(at, r.start)));
      fragment.appendChild(el('mark', { text: title.slice(r.start, end) }));
      at = end;
    });
    if (at < title.length) fragment.appendChild(document.createTextNode(title.slice(at)));
    return fragment;
  }

  function resultItem(incident, terms) {
    var link = el('a', { href: root + incident.page, class: 'pm-result-title' });
    link.appendChild(highlighted(incident.title, terms));
    var meta = el('p', { class: 'pm-meta' });
    if (incident.date) meta.appendChild(el('time', { datetime: incident.date, text: incident.date }));
    if (incident.severity) {
      var cls = STYLED_SEVERITIES.indexOf(incident.severity) >= 0 ? incident.severity : 'other';
      meta.appendChild(el('span', {}, [el('span', { class: 'badge severity-' + cls, text: incident.severity })]));
    }
    if (incident.status) meta.appendChild(el('span', { class: 'pm-status pm-status-' + (incident.status === 'published' ? 'published' : 'other'), text: incident.status }));
    if (incident.services.length) meta.appendChild(el('span', { text: incident.services.join(', ') }));
    if (incident.ttr !== null) meta.appendChild(el('span', { class: 'pm-nowrap', text: 'resolved in ' + duration(incident.ttr) }));
    if (incident.open) {
      var actions = el('span', { class: 'pm-nowrap', text: plural(incident.open, ['open action', 'open actions']) });
      if (incident.overdue) actions.appendChild(el('strong', { class: 'overdue', text: ' (' + incident.overdue.toLocaleString('en-US') + ' overdue)' }));
      meta.appendChild(actions);
    }
    var children = [link, meta];
    if (incident.tags.length) {
      children.push(el('ul', { class: 'pm-tags', 'aria-label': 'Tags' }, incident.tags.map(function (t) { return el('li', { text: t }); })));
    }
    return el('li', { class: 'pm-result', 'data-id': incident.id }, children);
  }

  // One row of the matching open actions, under its owner's heading when the owner changes.
  var lastGroup = null;
  function actionRow(item) {
    var d = item.data, incident = item.incident;
    var page = incident ? root + incident.page : '';
    var idCell = el('td', { class: 'id', 'data-label': 'ID' }, [
      page ? el('a', { href: page + (d.anchor ? '#' + d.anchor : ''), title: d.id }, [el('code', { text: d.short })]) : el('code', { text: d.short })
    ]);
    var dueText = el('span', {}, d.due ? [el('time', { datetime: d.due, text: d.due })] : []);
    if (d.days > 0) {
      dueText.appendChild(document.createTextNode(' '));
      dueText.appendChild(el('strong', { class: 'late', text: 'overdue by ' + plural(d.days, ['day', 'days']) }));
    }
    var due = el('td', { class: 'due', 'data-label': 'Due' }, [dueText]);
    var ticket = el('td', { class: 'ticket', 'data-label': 'Ticket' }, [d.ticketURL ? el('a', { href: d.ticketURL, text: d.ticket }) : d.ticket]);
    return el('tr', { class: item.overdue ? 'overdue' : null, 'data-action': d.id, 'data-incident': incident ? incident.id : null }, [
      idCell,
      el('td', { class: 'text', 'data-label': 'Action', text: d.text }),
      el('td', { class: 'owner', 'data-label': 'Owner', text: item.owner ? '@' + item.owner : '' }),
      due,
      el('td', { 'data-label': 'Kind', text: d.kind }),
      ticket,
      el('td', { class: 'incident', 'data-label': 'Incident' }, incident ? [el('a', { href: page, text: incident.title })] : [])
    ]);
  }

  var last = null;
  var shown = 0;

  function showMore(focusFirst) {
    var next = Math.min(last.items.length, shown + PAGE_SIZE);
    var firstNew = null;
    for (var i = shown; i < next; i++) {
      var item = items[last.items[i]];
      var node;
      if (actionTable) {
        if (!lastGroup || lastGroup.owner !== item.owner) {
          lastGroup = el('tbody', { class: 'owner', 'data-owner': item.owner });
          lastGroup.owner = item.owner;
          lastGroup.appendChild(el('tr', { class: 'pm-group' }, [el('th', { colspan: '7', scope: 'colgroup', text: item.owner ? '@' + item.owner : 'no owner' })]));
          actionTable.appendChild(lastGroup);
        }
        node = actionRow(item);
        lastGroup.appendChild(node);
      } else {
        node = resultItem(item.incident, last.terms);
        results.appendChild(node);
      }
      if (!firstNew) firstNew = node;
    }
    shown = next;
    var left = last.items.length - shown;
    moreButton.hidden = left <= 0;
    moreButton.textContent = 'Show ' + Math.min(left, PAGE_SIZE).toLocaleString('en-US') + ' more (' + left.toLocaleString('en-US') + ' not shown)';
    var firstLink = firstNew && firstNew.querySelector('a');
    if (focusFirst && firstLink) firstLink.focus();
  }

  // How many things: incidents, or actions (an action with two owners has a row in each owner's table).
  function distinct(list) {
    if (mode === 'incidents') return list.length;
    return new Set(list.map(function (i) { return items[i].action; })).size;
  }
  var everything = items.map(function (_, i) { return i; });

  function countText(result, active) {
    var n = distinct(result.items);
    var total = distinct(everything);
    if (!active) return 'All ' + plural(total, noun) + '.';
    if (n === 0) return 'No ' + noun[1] + ' match.';
    var text = n < total ? n.toLocaleString('en-US') + ' of ' + plural(total, noun) + (n === 1 ? ' matches.' : ' match.')
      : total === 1 ? '1 ' + noun[0] + ' matches.' : 'All ' + plural(total, noun) + ' match.';
    if ((mode === 'incidents' || actionTable) && last.items.length > PAGE_SIZE) text += ' Showing the first ' + Math.min(last.items.length, shown).toLocaleString('en-US') + (actionTable ? ' rows.' : '.');
    return text;
  }

  var announceTimer = 0;

  function render(announceNow) {
    var active = isActive(state);
    last = run(state);

    // the facets: counts, checked state
    FACETS.forEach(function (facet, f) {
      optionNodes[facet.key].forEach(function (node, value) {
        var n = value === '' ? null : last.counts[f].get(value) || 0;
        node.input.checked = value === '' ? state.filters[facet.key].size === 0 : state.filters[facet.key].has(value);
        if (n !== null) {
          node.count.textContent = n.toLocaleString('en-US');
          node.item.classList.toggle('pm-zero', n === 0 && !node.input.checked);
        }
      });
    });

    // the active filters, as buttons that remove them
    clear(activeBox);
    var activeCount = 0;
    FACETS.forEach(function (facet) {
      state.filters[facet.key].forEach(function (value) {
        activeCount++;
        var node = optionNodes[facet.key].get(value);
        var label = node ? node.label : optionName(facet, value);
        var chip = el('button', { type: 'button', class: 'pm-chip', 'aria-label': 'Remove the filter ' + facet.label + ': ' + label }, [
          el('span', { class: 'pm-chip-facet', text: facet.label + ': ' }), label, el('span', { 'aria-hidden': 'true', class: 'pm-chip-x', text: ' ×' })
        ]);
        chip.addEventListener('click', function () {
          state.filters[facet.key].delete(value);
          update(true);
          var next = activeBox.querySelector('.pm-chip');
          (next || queryInput).focus();
        });
        activeBox.appendChild(chip);
      });
    });
    if (active) {
      var clearAll = el('button', { type: 'button', class: 'pm-clear', text: activeCount ? 'Clear all' : 'Clear the search' });
      clearAll.addEventListener('click', function () {
        state = emptyState();
        queryInput.value = '';
        update(true);
        queryInput.focus();
      });
      activeBox.appendChild(clearAll);
    }
    activeBox.hidden = !active;
    filterSummaryCount.textContent = activeCount ? ' (' + activeCount + ' active)' : '';

    // the results
    if (mode === 'incidents') {
      var own = active || !listing;
      if (listing) listing.hidden = own;
      results.hidden = !own;
      clear(results);
      shown = 0;
      if (own) showMore(false); else moreButton.hidden = true;
    } else if (actionTable) {
      if (listing) listing.hidden = active;
      actionResults.hidden = !active;
      Array.prototype.slice.call(actionTable.querySelectorAll('tbody')).forEach(function (body) { actionTable.removeChild(body); });
      lastGroup = null;
      shown = 0;
      if (active) showMore(false); else moreButton.hidden = true;
    } else {
      var visible = new Set(last.items);
      var perSection = new Map();
      items.forEach(function (item, i) {
        item.element.hidden = !visible.has(i);
        if (item.section) {
          var c = perSection.get(item.section) || [0, 0];
          c[1]++;
          if (visible.has(i)) c[0]++;
          perSection.set(item.section, c);
        }
      });
      perSection.forEach(function (c, section) {
        section.hidden = c[0] === 0;
        var badge = section.querySelector('.count');
        if (badge) {
          if (!badge.hasAttribute('data-pm-text')) badge.setAttribute('data-pm-text', badge.textContent);
          badge.textContent = active ? '(' + c[0] + ' of ' + c[1] + ')' : badge.getAttribute('data-pm-text');
        }
      });
    }

    // Shown at once; while someone types, screen readers are asked to wait (aria-busy) until a pause.
    countLine.textContent = countText(last, active);
    clearTimeout(announceTimer);
    if (announceNow) countLine.removeAttribute('aria-busy');
    else {
      countLine.setAttribute('aria-busy', 'true');
      announceTimer = setTimeout(function () { countLine.removeAttribute('aria-busy'); }, 500);
    }
  }

  function update(announceNow) {
    render(announceNow);
    writeURL();
  }

  function applyURL() {
    state = stateFromURL();
    queryInput.value = state.q;
    sortSelect.value = state.sort;
    render(true);
  }

  // ---- events ------------------------------------------------------------------------------------

  form.addEventListener('submit', function (event) { event.preventDefault(); update(true); });
  var inputTimer = 0;
  queryInput.addEventListener('input', function () {
    state.q = queryInput.value;
    clearTimeout(inputTimer);
    inputTimer = setTimeout(function () { update(false); }, items.length > 2000 ? 80 : 30);
  });
  queryInput.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && queryInput.value) { queryInput.value = ''; state.q = ''; update(true); }
  });
  sortSelect.addEventListener('change', function () { state.sort = sortSelect.value; update(true); });
  facetBox.addEventListener('change', function (event) {
    var input = event.target;
    var fieldset = input.closest('[data-facet]');
    if (!fieldset || (input.type !== 'checkbox' && input.type !== 'radio')) return;
    var key = fieldset.getAttribute('data-facet');
    var facet = FACETS.filter(function (f) { return f.key === key; })[0];
    if (facet.single) state.filters[key] = input.value ? new Set([input.value]) : new Set();
    else if (input.checked) state.filters[key].add(input.value);
    else state.filters[key].delete(input.value);
    update(true);
  });
  moreButton.addEventListener('click', function () { showMore(true); countLine.textContent = countText(last, isActive(state)); });
  window.addEventListener('hashchange', function () {
    if (location.hash.indexOf('=') >= 0 || location.hash === '') applyURL();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    queryInput.focus();
  });

  applyURL();
  mount.classList.add('pm-search-ready');

  // For tests and benchmarks: the ids (or action rows) a query and filters give, in order, and the time taken.
  window.pmSearch = Object.freeze({
    version: 1,
    setupMs: window.performance ? performance.now() - setupStarted : 0,
    query: function (q, filterValues, sort) {
      var s = emptyState();
      s.q = q || '';
      s.sort = sort || '';
      Object.keys(filterValues || {}).forEach(function (key) {
        if (s.filters[key]) [].concat(filterValues[key]).forEach(function (v) { s.filters[key].add(String(v)); });
      });
      textCache = { q: null };
      var started = performance.now();
      var result = run(s);
      return {
        ms: performance.now() - started,
        ids: result.items.map(function (i) { return items[i].incident ? items[i].incident.id : null; }),
        rows: result.items.map(function (i) { return items[i].row; })
      };
    }
  });
})();
