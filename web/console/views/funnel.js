/*
 * The funnel (supervisors): how visitors became leads and customers, from GET /api/analytics/funnel.
 * Filters live in the hash (#/funnel?from&to&flow&source) so a reload or a shared link shows the same.
 * The chart is an inline SVG drawn with DOM calls; a plain table beside it holds the same numbers for
 * screen readers (and tests). Nothing here is personal: counts, dates, flow and campaign ids only.
 */
import { get, query } from '../api.js';
import { h, field, options, replace } from '../dom.js';
import { t, tOr, formatNumber, formatPercent, formatDay, formatDuration } from '../i18n.js';
import { message, errorText, busy, section } from '../ui.js';

/** The flows Leadline ships (there is no API listing them); flows seen in the data are added. */
const FLOWS = ['website-lead', 'support-triage'];
const PRESETS = [7, 30, 90];
const DEFAULT_DAYS = 30; // the API's default range
const NO_SOURCE = '(none)'; // the API's name for visitors who came without a campaign source
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The last answer, so switching the language re-renders it without asking again. */
let remembered = null;

export async function funnelView({ container, query: params, reason, hash }) {
  const filters = { from: params.get('from') || '', to: params.get('to') || '', flow: params.get('flow') || '',
    source: params.get('source') || '' };
  const flash = h('div', { class: 'flash', 'aria-live': 'polite' });
  const results = h('div', { class: 'results funnel-results', 'aria-live': 'polite' }, h('p', { class: 'loading' }, t('loading')));
  // Busy disables the button, which drops the keyboard's focus: give it back when the numbers are in.
  const controls = filterControls(filters, apply, () => busy(controls.refresh, load).then(() => {
    if (document.activeElement === document.body) { controls.refresh.focus({ preventScroll: true }); }
  }));
  container.append(
    h('div', { class: 'view-head' }, h('h1', null, t('funnelTitle'))),
    h('p', { class: 'intro' }, t('funnelIntro')),
    controls.form, flash, results);

  let seq = 0;
  async function load() {
    const mine = ++seq;
    let body;
    try {
      body = await get('/api/analytics/funnel' + query(filters));
    } catch (e) {
      if (mine !== seq || e.status === 401) { return; }
      replace(flash, message('error', errorText(e)));
      replace(results);
      return;
    }
    if (mine !== seq) { return; }
    remembered = { hash: location.hash, body };
    show(body);
  }

  function show(body) {
    replace(flash);
    controls.update(body);
    replace(results, ...report(body));
  }

  /**
   * A filter changed: the address takes it (a reload or a shared link shows the same; Back returns
   * through the hashchange) and the numbers reload here, leaving the form — and the focus — as it is.
   */
  function apply(changes) {
    Object.assign(filters, changes);
    const next = '#/funnel' + query(filters);
    if (next !== location.hash) { history.pushState(null, '', next); }
    load();
  }

  if (reason === 'language' && remembered && remembered.hash === hash) {
    show(remembered.body);
  } else {
    await load();
  }
}

/** The filter form, made once; update(body) shows the range and choices of an answer. */
function filterControls(filters, apply, refresh) {
  let timer = null;
  // A typed date fires a change per digit (0002, 0020, 0202, 2026): wait until the typing stops.
  const dateChange = (key) => (e) => {
    const value = e.target.value;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      apply({ [key]: value });
    }, 600);
  };
  const fromInput = h('input', { type: 'date', id: 'funnel-from', name: 'from', value: filters.from,
    on: { change: dateChange('from') } });
  const toInput = h('input', { type: 'date', id: 'funnel-to', name: 'to', value: filters.to,
    on: { change: dateChange('to') } });
  const presetButtons = PRESETS.map((n) => h('button', { type: 'button', id: 'preset-' + n, class: 'preset',
    data: { days: n }, 'aria-pressed': String(!filters.from && !filters.to && n === DEFAULT_DAYS),
    on: { click: () => {
      clearTimeout(timer);
      timer = null;
      const to = todayIn(zone);
      const range = { from: addDays(to, 1 - n), to };
      fromInput.value = range.from;
      toInput.value = range.to;
      apply(range);
      pressPresets();
    } } }, t('lastDays', { n: formatNumber(n) })));
  const flow = h('select', { id: 'funnel-flow', name: 'flow', on: { change: (e) => apply({ flow: e.target.value }) } });
  const source = h('select', { id: 'funnel-source', name: 'source', on: { change: (e) => apply({ source: e.target.value }) } });
  const refreshButton = h('button', { type: 'button', id: 'funnel-refresh', class: 'refresh-button', on: { click: refresh } },
    t('refresh'));
  const form = h('form', { class: 'filters funnel-filters', 'aria-label': t('filters'), on: { submit: (e) => e.preventDefault() } },
    h('fieldset', { class: 'date-range' }, h('legend', null, t('dateRange')),
      h('div', { class: 'date-fields' }, field(t('fromDate'), fromInput), field(t('toDate'), toInput),
        h('div', { class: 'presets', role: 'group', 'aria-label': t('quickRange') }, presetButtons))),
    field(t('flow'), flow), field(t('source'), source),
    h('div', { class: 'filter-actions' }, refreshButton));
  let zone = 'UTC';

  function pressPresets() {
    const to = todayIn(zone);
    presetButtons.forEach((button, i) => {
      const n = PRESETS[i];
      const pressed = filters.from || filters.to
        ? filters.from === addDays(to, 1 - n) && filters.to === to
        : n === DEFAULT_DAYS;
      button.setAttribute('aria-pressed', String(pressed));
    });
  }

  function choices(select, pairs) {
    replace(select, options(pairs, select === flow ? filters.flow : filters.source));
  }

  function update(body) {
    zone = body.zone;
    // What the API used when the address names no dates, so the inputs show the real range; an
    // earlier answer arriving while a date is being typed leaves it alone.
    if (timer === null) {
      fromInput.value = filters.from || body.from;
      toInput.value = filters.to || body.to;
      fromInput.max = toInput.value;
      toInput.min = fromInput.value;
    }
    pressPresets();
    const flows = new Set([...FLOWS, ...body.dropOff.map((d) => d.flowId), filters.flow].filter(Boolean));
    choices(flow, [['', t('allFlows')], ...[...flows].map((f) => [f, f])]);
    const sources = new Set([...body.sources, filters.source].filter((x) => x && x !== NO_SOURCE));
    choices(source, [['', t('allSources')], [NO_SOURCE, t('noSource')], ...[...sources].sort().map((x) => [x, x])]);
  }

  update({ zone, from: filters.from, to: filters.to, dropOff: [], sources: [] });
  return { form, update, refresh: refreshButton };
}

/** Everything below the filters: the empty state, or the chart, outcomes and drop-off. */
function report(body) {
  const counts = [...body.stages.map((s) => s.count), body.consent.asked, body.leads.captured, body.firstContact.contacted];
  const range = t('rangeNote', { from: formatDay(body.from), to: formatDay(body.to), zone: body.zone });
  if (counts.every((n) => n === 0)) {
    return [h('p', { class: 'range-note muted' }, range), h('div', { class: 'funnel-empty' }, message('info', t('funnelEmpty')))];
  }
  return [
    h('p', { class: 'range-note muted' }, range),
    section(t('stagesTitle'), chart(body), stageTable(body)),
    h('div', { class: 'outcomes' }, consentPanel(body.consent), leadsPanel(body.leads), contactPanel(body.firstContact)),
    dropOffSection(body.dropOff),
  ];
}

const stageName = (stage) => tOr('stage.' + stage, stage);
const rate = (r) => (r === null || r === undefined ? '—' : formatPercent(r));

function stageTable(body) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'funnel-stages' },
    h('caption', { class: 'sr-only' }, t('stagesTitle')),
    h('thead', null, h('tr', null, [t('colStage'), t('colCount'), t('colOverall'), t('colStep')]
      .map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
    h('tbody', null, body.stages.map((s) => h('tr', { class: 'stage-row', data: { stage: s.stage } },
      h('th', { scope: 'row', class: 'stage-name' }, stageName(s.stage)),
      h('td', { class: 'count num' }, formatNumber(s.count)),
      h('td', { class: 'overall-rate num' }, rate(s.overallRate)),
      h('td', { class: 'step-rate num' }, rate(s.stepRate)))))));
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attributes || {})) {
    if (v !== null && v !== undefined) { node.setAttribute(k, String(v)); }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/**
 * One row per stage: its name and count, the bar (width ∝ count, against the largest stage), and under
 * it the share of the step before and of everyone. Widths are percentages so the chart fills any width
 * without scaling its text; two short labels per line leave room for long names on a phone.
 */
function chart(body) {
  const ROW = 66;
  const max = Math.max(1, ...body.stages.map((s) => s.count));
  const titleId = 'funnel-chart-title';
  const descId = 'funnel-chart-desc';
  const rows = body.stages.map((s, i) => {
    const y = i * ROW;
    const width = s.count === 0 ? 0 : Math.max(0.4, (100 * s.count) / max);
    return svg('g', { class: 'chart-row', 'data-stage': s.stage },
      svg('text', { x: 0, y: y + 15, class: 'chart-label' }, stageName(s.stage)),
      svg('text', { x: '100%', y: y + 15, class: 'chart-count', 'text-anchor': 'end' }, formatNumber(s.count)),
      svg('rect', { x: 0, y: y + 22, width: '100%', height: 18, rx: 3, class: 'track' }),
      svg('rect', { x: 0, y: y + 22, width: width.toFixed(2) + '%', height: 18, rx: 3, class: 'bar', 'data-stage': s.stage }),
      s.stepRate === null ? null : svg('text', { x: 0, y: y + 56, class: 'chart-rate' }, t('chartStep', { step: rate(s.stepRate) })),
      svg('text', { x: '100%', y: y + 56, class: 'chart-rate', 'text-anchor': 'end' }, t('chartOverall', { overall: rate(s.overallRate) })));
  });
  const description = body.stages.map((s) => t('chartDescItem', { stage: stageName(s.stage), count: formatNumber(s.count),
    overall: rate(s.overallRate) })).join('; ');
  return h('div', { class: 'funnel-chart' }, svg('svg', {
    role: 'img', 'aria-labelledby': titleId + ' ' + descId, width: '100%', height: body.stages.length * ROW - 4,
    class: 'funnel-svg',
  },
  svg('title', { id: titleId }, t('chartTitle', { from: formatDay(body.from), to: formatDay(body.to) })),
  svg('desc', { id: descId }, description + '.'),
  rows));
}

/** A panel of figures; each value carries data-figure for a stable selector. */
function panel(className, title, pairs) {
  return h('section', { class: ['card', 'outcome', className] }, h('h2', null, title),
    h('dl', { class: 'figures' }, pairs.map(([key, label, value]) => h('div', { class: 'figure' },
      h('dt', null, label), h('dd', { data: { figure: key } }, value)))));
}

function consentPanel(c) {
  return panel('consent-panel', t('consentPanel'), [
    ['asked', t('consentAsked'), formatNumber(c.asked)],
    ['granted', t('consentGranted'), formatNumber(c.granted)],
    ['declined', t('consentDeclined'), formatNumber(c.declined)],
    ['declineRate', t('declineRate'), rate(c.declineRate)],
  ]);
}

function leadsPanel(l) {
  return panel('leads-panel', t('leadsPanel'), [
    ['captured', t('leadsCaptured'), formatNumber(l.captured)],
    ['open', t('leadsOpen'), formatNumber(l.open)],
    ['won', t('leadsWon'), formatNumber(l.won)],
    ['lost', t('leadsLost'), formatNumber(l.lost)],
  ]);
}

function contactPanel(f) {
  // Quantiles are bucket upper bounds: "at most"; past the last bucket the API cannot say.
  const quantile = (m) => {
    if (f.contacted === 0) { return '—'; }
    return m === null || m === undefined ? t('overLongest') : t('atMost', { d: formatDuration(m) });
  };
  return panel('contact-panel', t('contactPanel'), [
    ['contacted', t('contactedCount'), formatNumber(f.contacted)],
    ['median', t('contactMedian'), quantile(f.medianMinutesAtMost)],
    ['p90', t('contactP90'), quantile(f.p90MinutesAtMost)],
  ]);
}

function dropOffSection(flows) {
  const parts = [h('p', { class: 'intro' }, t('dropOffIntro'))];
  if (!flows.length) {
    parts.push(h('p', { class: 'muted' }, t('noDropOff')));
  }
  for (const flow of flows) {
    parts.push(h('div', { class: 'drop-off-flow', data: { flow: flow.flowId } },
      h('h3', null, h('code', null, flow.flowId)),
      h('div', { class: 'table-wrap' }, h('table', { class: 'drop-off' },
        h('thead', null, h('tr', null, [t('colNode'), t('colReached'), t('colStopped'), t('colDropOff')]
          .map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
        h('tbody', null, flow.nodes.map((n) => h('tr', { class: ['node-row', n.end && 'is-end'], data: { node: n.node } },
          h('th', { scope: 'row' }, h('code', null, n.node)),
          h('td', { class: 'reached num' }, formatNumber(n.reached)),
          h('td', { class: 'stopped num' }, formatNumber(n.stoppedHere)),
          h('td', { class: 'drop-off-rate num' }, n.end
            ? h('span', { class: 'badge badge-end', title: t('endHint') }, t('endNode'))
            : rate(n.dropOffRate)))))))));
  }
  return section(t('dropOffTitle'), parts);
}

/** Today's date (YYYY-MM-DD) in the zone the API counts days in. */
function todayIn(zone) {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date());
    const part = (type) => parts.find((p) => p.type === type).value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch (e) {
    return new Date().toISOString().slice(0, 10);
  }
}

function addDays(day, n) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
