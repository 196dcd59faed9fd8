/*
 * Campaign report page: reads /api/campaigns, /api/campaigns/{id}/report, /reviews/summary and /unlinked-records
 * and shows them as tables. Read-only; every value is written with textContent, never as HTML.
 */
(function () {
  'use strict';

  var TASKLIST = '/camunda/app/tasklist/';
  var FIRST_ROWS = 200;
  var REVIEW_LIMIT = 1000;      // ReviewController.LIST_LIMIT
  var UNLINKED_LIMIT = 10000;   // CampaignController.unlinkedRecords

  var GROUPS = {
    GROUP_1: 'Group 1: linked to a dataset-1 record',
    GROUP_2: 'Group 2: linked to a dataset-2 record',
    GROUP_3: 'Group 3: everyone else',
    GROUP_4: 'Group 4: GP smear before 2017',
    NOT_NOTIFIED_DECEASED: 'No letter: deceased',
    HELD_FOR_REVIEW: 'Held: waits for a match review'
  };
  var OUTCOMES = {   // end events of bpmn/participant.bpmn
    EndEvent_LetterDelivered: 'Letter delivered',
    EndEvent_NotNotifiedDeceased: 'Not written to: deceased',
    EndEvent_Refused: 'Refused: closed without remail',
    EndEvent_ClosedDeceased: 'Closed: deceased',
    EndEvent_ClosedByStaff: 'Closed by staff'
  };
  var KINDS = {
    CONFLICT: 'Conflict: BSN found, birth date differs',
    AMBIGUOUS: 'Several candidates'
  };

  var numberFormat = new Intl.NumberFormat('en-GB');
  var percentFormat = new Intl.NumberFormat('en-GB',
    { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

  var select = document.getElementById('campaign-select');
  var report = document.getElementById('report');
  var authMessage = document.getElementById('auth-message');
  var errorMessage = document.getElementById('error-message');
  var updated = document.getElementById('updated');
  var autoRefresh = document.getElementById('auto-refresh');
  var timer = null;
  var loading = 0;

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') {
        node.textContent = attrs[key];
      } else if (key === 'className') {
        node.className = attrs[key];
      } else {
        node.setAttribute(key, attrs[key]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function fmt(n) {
    return n === null || n === undefined ? '—' : numberFormat.format(n);
  }

  function pct(part, whole) {
    return whole > 0 ? percentFormat.format(part / whole) : '';
  }

  function num(n, extraClass) {
    return el('td', { className: 'num' + (extraClass ? ' ' + extraClass : ''), text: fmt(n) });
  }

  function head(columns) {
    return el('thead', {}, [el('tr', {}, columns.map(function (c) {
      return el('th', { className: c.num ? 'num' : '', text: c.label });
    }))]);
  }

  function fill(table, columns, rows, emptyText) {
    table.replaceChildren(head(columns));
    var body = el('tbody');
    if (rows.length === 0) {
      body.appendChild(el('tr', { className: 'empty' }, [el('td', { colspan: columns.length, text: emptyText })]));
    }
    rows.forEach(function (row) { body.appendChild(row); });
    table.appendChild(body);
    return body;
  }

  function labelled(label, code) {
    var th = el('th', {}, [label]);
    if (code) {
      th.appendChild(document.createTextNode(' '));
      th.appendChild(el('span', { className: 'code', text: code }));
    }
    return th;
  }

  /** ADDRESS_UNKNOWN -> Address unknown */
  function humanize(code) {
    var words = String(code).toLowerCase().replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function age(iso) {
    var minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
    if (minutes < 60) { return minutes + ' min'; }
    var hours = Math.round(minutes / 60);
    if (hours < 48) { return hours + ' h'; }
    return Math.round(hours / 24) + ' days';
  }

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  function api(path) {
    return fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.ok) { return response.json(); }
        return response.text().then(function (body) {
          var message = 'HTTP ' + response.status;
          try { message = JSON.parse(body).error || message; } catch (ignored) { /* not JSON */ }
          throw new ApiError(response.status, message);
        });
      }, function (e) {
        throw new ApiError(0, 'the application does not answer (' + e.message + ')');
      });
  }

  function showError(e) {
    if (e instanceof ApiError && e.status === 401) {
      if (select.disabled) {
        select.replaceChildren(el('option', { text: 'Not logged in' }));
      }
      authMessage.hidden = false;
      errorMessage.hidden = true;
      report.hidden = true;
      return;
    }
    authMessage.hidden = true;
    errorMessage.hidden = false;
    errorMessage.textContent = 'Could not load the report: ' + (e && e.message ? e.message : e);
  }

  // ---------------------------------------------------------------- sections

  function renderSummary(r) {
    var tasks = r.openTasksByKind || {};
    var cards = [
      ['People in the register', r.participants],
      ['Letters generated', r.letters.generated],
      ['Letters posted', r.letters.posted],
      ['Letters returned', r.letters.returned],
      ['Journeys ended', r.journeys.ended],
      ['Open match reviews', r.matching.openReviews, r.matching.openReviews > 0, '#reviews-section', 'see list'],
      ['Returned letters for staff', tasks.returnedLetter, tasks.returnedLetter > 0, TASKLIST, 'Tasklist'],
      ['Rejected rows', r.rejectedRows, r.rejectedRows > 0,
        '/api/campaigns/' + r.campaignId + '/rejected-rows.csv', 'CSV']
    ];
    var summary = document.getElementById('summary');
    summary.replaceChildren.apply(summary, cards.map(function (c) {
      var card = el('div', { className: 'card' + (c[2] ? ' attention' : '') },
        [el('div', { className: 'value', text: fmt(c[1]) }), el('div', { className: 'label', text: c[0] })]);
      if (c[3]) {
        card.appendChild(el('div', { className: 'action' }, [el('a', { href: c[3], text: c[4] })]));
      }
      return card;
    }));
  }

  function renderGroups(r) {
    var rows = [];
    var classified = 0;
    Object.keys(r.groups).forEach(function (g) {
      classified += r.groups[g];
      rows.push(el('tr', {}, [labelled(GROUPS[g] || g, g), num(r.groups[g]),
        el('td', { className: 'num', text: pct(r.groups[g], r.participants) })]));
    });
    var rest = r.participants - classified;
    if (rest > 0) {
      rows.push(el('tr', {}, [labelled('Not classified yet'), num(rest),
        el('td', { className: 'num', text: pct(rest, r.participants) })]));
    }
    var table = document.getElementById('groups');
    fill(table, [{ label: 'Group' }, { label: 'People', num: true }, { label: 'Share', num: true }], rows,
      'Nobody classified yet.');
    table.appendChild(el('tfoot', {}, [el('tr', {}, [el('th', { text: 'People in the register' }),
      num(r.participants), el('td')])]));
  }

  function renderStages(r) {
    var byStage = Object.assign({}, r.journeys.byStage);
    var labels = r.journeys.stageLabels;   // every stage in journey order, with its label (PersonStage)
    var rows = [];
    Object.keys(labels).forEach(function (stage) {
      if (byStage[stage] !== undefined) {
        rows.push(el('tr', {}, [labelled(labels[stage], stage), num(byStage[stage]),
          el('td', { className: 'num', text: pct(byStage[stage], r.participants) })]));
        delete byStage[stage];
      }
    });
    Object.keys(byStage).forEach(function (stage) {
      rows.push(el('tr', {}, [labelled(stage), num(byStage[stage]),
        el('td', { className: 'num', text: pct(byStage[stage], r.participants) })]));
    });
    var table = document.getElementById('stages');
    fill(table, [{ label: 'Stage' }, { label: 'People', num: true }, { label: 'Share', num: true }], rows,
      'No people yet.');
    table.appendChild(el('tfoot', {}, [
      el('tr', {}, [el('th', { text: 'Journeys started' }), num(r.journeys.started), el('td')])
    ]));
  }

  function renderMatching(r) {
    var m = r.matching;
    var matched = m.linkedByBsn + m.probable + m.conflicts + m.unlinkedWithCandidates + m.unlinkedWithoutCandidates;
    function row(label, value, whole, sub) {
      return el('tr', { className: sub ? 'sub' : '' }, [el('th', { text: label }), num(value),
        el('td', { className: 'num', text: whole === undefined ? '' : pct(value, whole) })]);
    }
    var rows = [
      row('Linked by BSN', m.linkedByBsn, m.leakedRecords),
      row('Probable (same surname and birth date)', m.probable, m.leakedRecords),
      row('Conflict (BSN found, birth date differs)', m.conflicts, m.leakedRecords),
      row('Unlinked, with candidates', m.unlinkedWithCandidates, m.leakedRecords),
      row('Unlinked, no candidate', m.unlinkedWithoutCandidates, m.leakedRecords)
    ];
    if (m.leakedRecords > matched) {
      rows.push(row('Not matched yet', m.leakedRecords - matched, m.leakedRecords));
    }
    rows.push(el('tr', { className: 'group' },
      [el('th', { colspan: 3, text: 'Reviews of conflicts and records with candidates' })]));
    rows.push(row('Linked by staff', m.linkedByStaff, undefined, true));
    rows.push(row('Dismissed by staff', m.dismissed, undefined, true));
    rows.push(row('Still open', m.openReviews, undefined, true));
    var table = document.getElementById('matching');
    fill(table, [{ label: 'Leaked records' }, { label: 'Records', num: true }, { label: 'Share', num: true }], rows);
    table.appendChild(el('tfoot', {}, [el('tr', {}, [el('th', { text: 'Leaked records' }), num(m.leakedRecords),
      el('td')])]));
  }

  function renderLetters(r) {
    var l = r.letters;
    fill(document.getElementById('letters'), [{ label: 'Letters' }, { label: 'Count', num: true }], [
      el('tr', {}, [el('th', { text: 'Generated' }), num(l.generated)]),
      el('tr', {}, [el('th', { text: 'In a print batch (exported)' }), num(l.exported)]),
      el('tr', {}, [el('th', { text: 'Posted' }), num(l.posted)]),
      el('tr', {}, [el('th', { text: 'Returned' }), num(l.returned)]),
      el('tr', {}, [el('th', { text: 'Remailed to a new address' }), num(l.remailed)]),
      el('tr', {}, [el('th', { text: 'Corrective letters (group changed after a letter was sent)' }), num(l.corrective)]),
      el('tr', {}, [el('th', { text: 'Print batches handed to the print house' }), num(r.batches.delivered)]),
      el('tr', {}, [el('th', { text: 'Print batches being written or not yet mailed' }),
        num(r.batches.inProgress)])
    ]);
    function counts(id, map, label, names, empty) {
      fill(document.getElementById(id), [{ label: label }, { label: 'Count', num: true }],
        Object.keys(map).map(function (key) {
          return el('tr', {}, [labelled(names[key] || humanize(key), key), num(map[key])]);
        }), empty);
    }
    counts('returns', r.returnsByReason, 'Reason', {}, 'No returned mail.');
    counts('outcomes', r.journeys.byOutcome, 'Outcome', OUTCOMES, 'No journey has ended yet.');
  }

  function renderFiles(r, campaignId) {
    var rejected = document.getElementById('rejected');
    var link = el('a', { id: 'rejected-csv', href: '/api/campaigns/' + campaignId + '/rejected-rows.csv',
      text: 'Download all rejected rows (CSV: file, line, key, reason)' });
    rejected.replaceChildren(el('strong', { className: r.rejectedRows > 0 ? 'bad' : '', text: fmt(r.rejectedRows) }),
      ' rejected rows in ' + fmt(r.fileCount) + ' files' +
      (r.fileCount > r.files.length ? ' (the latest ' + fmt(r.files.length) + ' are listed below)' : '') + '. ', link);

    var progress = document.getElementById('imports-in-progress');
    progress.replaceChildren.apply(progress, (r.importsInProgress || []).map(function (p) {
      return el('p', { className: 'line' }, ['Importing ' + p.fileName + ' (' + p.type + '): ',
        el('progress', { max: 100, value: p.percent }), ' ' + p.percent + '%']);
    }));

    fill(document.getElementById('files'), [
      { label: 'File' }, { label: 'Type' }, { label: 'Status' }, { label: 'Read', num: true },
      { label: 'Accepted', num: true }, { label: 'Rejected', num: true }, { label: 'Imported' }, { label: 'Note' }
    ], r.files.map(function (f) {
      return el('tr', {}, [el('td', { text: f.fileName }), el('td', { className: 'code', text: f.type }),
        el('td', { className: f.status === 'REFUSED' ? 'bad' : '', text: f.status }), num(f.read), num(f.accepted),
        num(f.rejected, f.rejected > 0 ? 'bad' : ''),
        el('td', { text: f.importedAt ? new Date(f.importedAt).toLocaleString('en-GB') : '' }),
        el('td', { className: 'message', text: f.message || '' })]);
    }), 'No files imported yet.');
  }

  /** Shows the first rows at once and the rest on request, so a long list does not stall the page. */
  function fillLong(table, columns, items, toRow, emptyText, moreButton) {
    var body = fill(table, columns, items.slice(0, FIRST_ROWS).map(toRow), emptyText);
    moreButton.hidden = items.length <= FIRST_ROWS;
    moreButton.textContent = 'Show all ' + fmt(items.length) + ' rows';
    moreButton.onclick = function () {
      items.slice(FIRST_ROWS).forEach(function (item) { body.appendChild(toRow(item)); });
      moreButton.hidden = true;
    };
  }

  function renderReviews(reviews, r) {
    var total = r.matching.openReviews;
    document.getElementById('reviews-note').textContent = total > reviews.length
      ? fmt(total) + ' open reviews; the oldest ' + fmt(reviews.length) + ' are listed.'
      : fmt(reviews.length) + ' open reviews, oldest first.';
    fillLong(document.getElementById('reviews'), [
      { label: 'Review', num: true }, { label: 'Kind' }, { label: 'Dataset', num: true }, { label: 'Lab record id' },
      { label: 'Candidates', num: true }, { label: 'Waiting', num: true }, { label: 'Decide in' }
    ], reviews, function (v) {
      var href = v.taskId ? TASKLIST + 'default/#/?task=' + encodeURIComponent(v.taskId) : TASKLIST;
      return el('tr', {}, [num(v.reviewId),
        el('td', {}, [KINDS[v.kind] || v.kind, ' ', el('span', { className: 'code', text: v.kind })]),
        num(v.dataset), el('td', { text: v.labRecordId }), num(v.candidates),
        el('td', { className: 'num', title: v.createdAt, text: age(v.createdAt) }),
        el('td', {}, [el('a', { href: href, target: '_blank', rel: 'noopener',
          text: v.taskId ? 'Tasklist: open task' : 'Tasklist' })])]);
    }, 'No open reviews.', document.getElementById('reviews-more'));
  }

  function renderUnlinked(records, r) {
    var total = r.matching.unlinkedWithoutCandidates;
    document.getElementById('unlinked-note').textContent = total > records.length
      ? fmt(total) + ' records without a candidate; the first ' + fmt(records.length) + ' are listed.'
      : fmt(records.length) + ' records without a candidate.';
    function yesNo(b) { return el('td', { className: b ? '' : 'muted', text: b ? 'yes' : 'no' }); }
    fillLong(document.getElementById('unlinked'), [
      { label: 'Dataset', num: true }, { label: 'Lab record id' }, { label: 'BSN present' },
      { label: 'Birth date present' }
    ], records, function (u) {
      return el('tr', {}, [num(u.dataset), el('td', { text: u.lab_record_id }), yesNo(u.has_bsn),
        yesNo(u.has_birth_date)]);
    }, 'No leaked records without a candidate.', document.getElementById('unlinked-more'));
  }

  // ---------------------------------------------------------------- loading

  function currentCampaign() {
    return select.value;
  }

  function loadReport() {
    var id = currentCampaign();
    if (!id) { return Promise.resolve(); }
    var ticket = ++loading;
    var base = '/api/campaigns/' + encodeURIComponent(id);
    return Promise.all([api(base + '/report'), api(base + '/reviews/summary'), api(base + '/unlinked-records')])
      .then(function (results) {
        if (ticket !== loading) { return; }   // a newer load has started
        var r = results[0];
        var title = document.getElementById('campaign-title');
        title.replaceChildren(el('strong', { text: r.name }), ' ',
          el('span', { className: 'code', text: '(' + r.code + ', id ' + r.campaignId + ')' }),
          el('span', { className: 'status', text: r.status }));
        if (r.engineCommands && (r.engineCommands.pending > 0 || r.engineCommands.parked > 0)) {
          title.appendChild(el('span', { className: 'muted',
            text: '  · engine commands waiting: ' + fmt(r.engineCommands.pending) +
              (r.engineCommands.parked > 0 ? ', parked: ' + fmt(r.engineCommands.parked) : '') }));
        }
        renderSummary(r);
        renderGroups(r);
        renderStages(r);
        renderMatching(r);
        renderLetters(r);
        renderFiles(r, r.campaignId);
        renderReviews(results[1], r);
        renderUnlinked(results[2], r);
        authMessage.hidden = true;
        errorMessage.hidden = true;
        report.hidden = false;
        updated.textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB');
      })
      .catch(function (e) {
        if (ticket === loading) { showError(e); }
      });
  }

  function loadCampaigns() {
    return api('/api/campaigns').then(function (campaigns) {
      var wanted = new URLSearchParams(location.search).get('campaign');
      select.replaceChildren.apply(select, campaigns.map(function (c) {
        return el('option', { value: String(c.id), text: c.name + ' (' + c.code + ', id ' + c.id + ')' });
      }));
      if (campaigns.length === 0) {
        select.appendChild(el('option', { value: '', text: 'No campaigns yet' }));
        showError('there are no campaigns yet.');
        return;
      }
      select.disabled = false;
      var found = campaigns.some(function (c) { return String(c.id) === wanted; });
      if (found) {
        select.value = wanted;
      }
      return loadReport().then(function () {
        if (wanted && !found && !report.hidden) {
          errorMessage.hidden = false;
          errorMessage.textContent = 'There is no campaign with id ' + wanted + '; showing the first one.';
        }
      });
    }).catch(showError);
  }

  select.addEventListener('change', function () {
    var url = new URL(location.href);
    url.searchParams.set('campaign', currentCampaign());
    history.replaceState(null, '', url);
    loadReport();
  });
  document.getElementById('refresh').addEventListener('click', function () {
    if (select.disabled) { loadCampaigns(); } else { loadReport(); }
  });
  document.getElementById('retry').addEventListener('click', loadCampaigns);
  autoRefresh.addEventListener('change', function () {
    clearInterval(timer);
    timer = autoRefresh.checked ? setInterval(loadReport, 30000) : null;
  });

  loadCampaigns();
}());
