// AIGC Mark web page: drop files, POST each to /v1/verify, show what the report says.
// Plain JavaScript, no build step, nothing loaded from elsewhere. Every text from a report is inserted with
// textContent, never as HTML.
'use strict';

const I18N = {
  zh: {
    title: '内容标识核验',
    subtitle: 'GB 45438 标识 · C2PA · 隐式水印',
    intakeTitle: '选择文件',
    dropMain: '把文件拖到这里，或点击选择',
    dropHint: '可一次多个：图片、视频、文本、PDF、Office 文档。文件只在本服务上核验，不会保存。',
    results: '结果',
    footer: 'AIGC Mark 核验服务',
    verifying: n => `正在核验 ${n} 个文件…`,
    done: n => `已核验 ${n} 个文件。`,
    waiting: s => `服务繁忙，${s} 秒后重试…`,
    failed: '核验失败',
    state: { NONE: '未发现标识', INVALID: '验证失败', VALID: '有效', TRUSTED: '可信', UNREADABLE: '无法读取', PENDING: '核验中…', ERROR: '出错' },
    exit: c => `退出码 ${c}`,
    bytes: n => `${n.toLocaleString('zh-CN')} 字节`,
    displayTitle: '应展示的标识',
    labelValue: { 1: '人工智能生成（Label 1）', 2: '可能为人工智能生成（Label 2）', 3: '疑似人工智能生成（Label 3）' },
    basis: { IMPLICIT_LABEL: '依据：文件中完好的隐式标识', C2PA_MANIFEST: '依据：声明生成式 AI 的有效 C2PA 清单', DECLARED: '依据：上传者声明', TRACES: '依据：检测到的痕迹（水印、显式标识、IPTC 类型）' },
    noAi: '未发现人工智能生成的迹象。',
    unreadable: '文件无法完整读取：',
    fieldsTitle: 'GB 45438 隐式标识字段',
    fields: { Label: '标识（Label）', ContentProducer: '生成合成服务提供者', ProduceID: '内容制作编号', ReservedCode1: '预留字段 1（制作方签名）', ContentPropagator: '内容传播服务提供者', PropagateID: '内容传播编号', ReservedCode2: '预留字段 2（传播方签名）' },
    empty: '（空）',
    marksTitle: '标识与状态码',
    kind: { implicitLabel: '隐式标识', c2pa: 'C2PA 清单', iptc: 'IPTC 来源类型', watermark: '隐式水印', explicitLabel: '显式标识' },
    signer: '签名方',
    carrier: '位置',
    noMarks: '没有找到任何标识。',
    code: '状态码', severity: '级别', message: '说明',
    sev: { success: '通过', informational: '信息', warning: '警告', failure: '失败' },
    c2paTitle: 'C2PA 清单结构',
    crossTitle: '交叉核对',
    diagTitle: '容器诊断',
    rawTitle: '原始 JSON（与 aigc verify --json 相同）',
    watermark: '水印',
    confidence: '置信度',
    tiles: '检测到的水印网格',
    noGeometry: '（报告未给出网格位置）',
    previewAlt: name => `${name} 的预览`,
  },
  en: {
    title: 'Content label verification',
    subtitle: 'GB 45438 labels · C2PA · invisible watermarks',
    intakeTitle: 'Choose files',
    dropMain: 'Drop files here, or click to choose',
    dropHint: 'Several at once: pictures, video, text, PDF, Office documents. Files are checked on this service and not kept.',
    results: 'Results',
    footer: 'AIGC Mark verification service',
    verifying: n => `Verifying ${n} file${n === 1 ? '' : 's'}…`,
    done: n => `Verified ${n} file${n === 1 ? '' : 's'}.`,
    waiting: s => `The service is busy; trying again in ${s} s…`,
    failed: 'Verification failed',
    state: { NONE: 'No marks', INVALID: 'Invalid', VALID: 'Valid', TRUSTED: 'Trusted', UNREADABLE: 'Unreadable', PENDING: 'Verifying…', ERROR: 'Error' },
    exit: c => `exit code ${c}`,
    bytes: n => `${n.toLocaleString('en')} bytes`,
    displayTitle: 'Label to display',
    labelValue: { 1: 'AI-generated (Label 1)', 2: 'Possibly AI-generated (Label 2)', 3: 'Suspected AI-generated (Label 3)' },
    basis: { IMPLICIT_LABEL: 'Basis: an intact implicit label in the file', C2PA_MANIFEST: 'Basis: a valid C2PA manifest declaring generative AI', DECLARED: 'Basis: the uploader’s declaration', TRACES: 'Basis: traces found (watermark, visible label, IPTC type)' },
    noAi: 'Nothing points to AI generation.',
    unreadable: 'The file could not be read whole: ',
    fieldsTitle: 'GB 45438 implicit label fields',
    fields: { Label: 'Label', ContentProducer: 'Content producer', ProduceID: 'Produce ID', ReservedCode1: 'Reserved code 1 (producer’s signature)', ContentPropagator: 'Content propagator', PropagateID: 'Propagate ID', ReservedCode2: 'Reserved code 2 (propagator’s signature)' },
    empty: '(empty)',
    marksTitle: 'Marks and status codes',
    kind: { implicitLabel: 'Implicit label', c2pa: 'C2PA manifest', iptc: 'IPTC source type', watermark: 'Invisible watermark', explicitLabel: 'Visible label' },
    signer: 'Signer',
    carrier: 'Where',
    noMarks: 'No marks were found.',
    code: 'Code', severity: 'Severity', message: 'Message',
    sev: { success: 'pass', informational: 'info', warning: 'warning', failure: 'failure' },
    c2paTitle: 'C2PA manifest',
    crossTitle: 'Cross-checks',
    diagTitle: 'Container diagnostics',
    rawTitle: 'Raw JSON (as aigc verify --json prints it)',
    watermark: 'Watermark',
    confidence: 'confidence',
    tiles: 'Detected watermark tiles',
    noGeometry: '(the report gives no tile positions)',
    previewAlt: name => `Preview of ${name}`,
  },
};

const BROWSER_IMAGES = /\.(jpe?g|png|webp|gif|bmp|avif)$/i;
const CONCURRENT = 2;
const MAX_RETRIES = 5;

let lang = chooseLanguage();
const entries = []; // {id, file, url, state: 'pending'|'done'|'error', doc, error}

function chooseLanguage() {
  const saved = localStorage.getItem('aigc.lang');
  if (saved === 'zh' || saved === 'en') return saved;
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function t(key, ...args) {
  const v = I18N[lang][key];
  return typeof v === 'function' ? v(...args) : v;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = 'AIGC Mark · ' + t('title');
  for (const n of document.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll('[data-i18n-aria]')) n.setAttribute('aria-label', t(n.dataset.i18nAria));
  for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  if (statusMessage) status(statusMessage[0], ...statusMessage[1]);
  renderAll();
}

// ---- intake ---------------------------------------------------------------------------------------------

function addFiles(fileList) {
  const files = Array.from(fileList || []);
  if (files.length === 0) return;
  for (const file of files) {
    const entry = { id: entries.length, file, state: 'pending' };
    if (BROWSER_IMAGES.test(file.name) || (file.type || '').startsWith('image/')) entry.url = URL.createObjectURL(file);
    entries.push(entry);
    document.getElementById('results').prepend(card(entry));
  }
  status('verifying', files.length);
  pump();
}

let running = 0;
function pump() {
  const next = entries.filter(e => e.state === 'pending' && !e.started);
  while (running < CONCURRENT && next.length > 0) {
    const entry = next.shift();
    entry.started = true;
    running++;
    verify(entry).finally(() => {
      running--;
      rerender(entry);
      if (entries.every(e => e.state !== 'pending')) status('done', entries.length);
      pump();
    });
  }
}

async function verify(entry) {
  for (let attempt = 0; ; attempt++) {
    const form = new FormData();
    form.append('file', entry.file, entry.file.name);
    let response;
    try {
      response = await fetch('v1/verify', { method: 'POST', body: form });
    } catch (e) {
      entry.state = 'error';
      entry.error = String(e.message || e);
      return;
    }
    if (response.status === 503 && attempt < MAX_RETRIES) {
      const wait = Math.min(30, parseInt(response.headers.get('Retry-After') || '2', 10) || 2);
      status('waiting', wait);
      await new Promise(r => setTimeout(r, wait * 1000));
      continue;
    }
    const body = await response.json().catch(() => null);
    if (response.ok && body && Array.isArray(body.reports)) {
      entry.state = 'done';
      entry.doc = body;
    } else {
      entry.state = 'error';
      entry.error = body && body.message ? `${body.error}: ${body.message}` : `HTTP ${response.status}`;
    }
    return;
  }
}

// The status line is kept as a message key and its arguments, so switching the language rewrites it too.
let statusMessage = null;
function status(key, ...args) {
  statusMessage = [key, args];
  document.getElementById('status').textContent = t(key, ...args);
}

// ---- rendering ------------------------------------------------------------------------------------------

function renderAll() {
  const results = document.getElementById('results');
  results.replaceChildren(...entries.slice().reverse().map(card));
}

function rerender(entry) {
  const old = document.querySelector(`.card[data-entry="${entry.id}"]`);
  if (old) old.replaceWith(card(entry));
}

function card(entry) {
  const node = document.getElementById('card').content.firstElementChild.cloneNode(true);
  const report = entry.doc ? entry.doc.reports[0] : null;
  const state = entry.state === 'pending' ? 'PENDING' : entry.state === 'error' ? 'ERROR'
    : report.exitCode === 4 ? 'UNREADABLE' : report.state;
  node.dataset.entry = entry.id;
  node.dataset.file = entry.file.name;
  node.dataset.state = state;
  node.setAttribute('aria-busy', String(entry.state === 'pending'));
  node.querySelector('.file').textContent = entry.file.name;
  const meta = [t('bytes', entry.file.size)];
  if (report) meta.unshift(report.format || '?'), meta.push(t('exit', report.exitCode));
  node.querySelector('.meta').textContent = meta.join(' · ');
  const verdict = node.querySelector('.verdict');
  verdict.textContent = t('state')[state];
  verdict.classList.add('state-' + state);
  verdict.dataset.state = state;

  const summary = node.querySelector('.summary');
  if (entry.state === 'error') summary.append(el('p', { class: 'error', text: `${t('failed')}: ${entry.error}` }));
  if (report) summary.append(...summaryOf(report));
  if (entry.url) preview(node.querySelector('.preview'), entry, report);
  if (report) node.querySelector('.sections').append(...sectionsOf(report, entry.doc));
  return node;
}

function summaryOf(report) {
  const out = [];
  if (report.error) out.push(el('p', { class: 'error', text: t('unreadable') + report.error }));
  const box = el('div', { class: 'display' }, el('h3', { text: t('displayTitle') }));
  if (report.effectiveLabel) {
    box.classList.add('label-' + report.effectiveLabel);
    box.append(el('p', { class: 'label-value', 'data-label': report.effectiveLabel, text: t('labelValue')[report.effectiveLabel] }));
    const p = report.effectivePrompt || {};
    const first = lang === 'zh' ? p.zh : p.en;
    const second = lang === 'zh' ? p.en : p.zh;
    box.append(el('p', { class: 'prompt', lang: lang === 'zh' ? 'zh-CN' : 'en', text: first || '' }));
    if (second) box.append(el('p', { class: 'prompt-other', lang: lang === 'zh' ? 'en' : 'zh-CN', text: second }));
    if (p.basis) box.append(el('p', { class: 'basis', text: t('basis')[p.basis] || p.basis }));
  } else {
    box.append(el('p', { class: 'label-none', text: t('noAi') }));
  }
  out.push(box);
  return out;
}

function sectionsOf(report, doc) {
  const out = [];
  const labels = report.marks.filter(m => m.kind === 'implicitLabel');
  for (const m of labels) out.push(section(t('fieldsTitle'), fieldsTable(m), 'fields'));
  out.push(section(t('marksTitle'), marksList(report.marks), 'marks'));
  for (const m of report.marks.filter(m => m.kind === 'c2pa')) out.push(section(t('c2paTitle'), tree(manifestOf(m)), 'c2pa'));
  if (report.crossChecks.length) out.push(section(t('crossTitle'), statusTable(report.crossChecks), 'cross'));
  if (report.diagnostics.length) out.push(section(t('diagTitle'), statusTable(report.diagnostics), 'diag'));
  const raw = el('details', { class: 'raw' }, el('summary', { text: t('rawTitle') }),
    el('pre', { text: JSON.stringify(doc, null, 2) }));
  out.push(raw);
  return out;
}

function section(title, content, kind) {
  return el('section', { class: 'part part-' + kind }, el('h3', { text: title }), content);
}

function fieldsTable(mark) {
  const table = el('table', { class: 'kv' });
  const fields = mark.fields || {};
  for (const key of Object.keys(I18N.en.fields)) {
    const value = fields[key];
    const cell = el('td');
    if (value === undefined || value === null || value === '') {
      cell.append(el('span', { class: 'muted', text: t('empty') }));
    } else if (String(value).length > 64) {
      cell.append(el('details', {}, el('summary', { class: 'mono', text: String(value).slice(0, 48) + '…' }),
        el('code', { class: 'long', text: String(value) })));
    } else {
      cell.append(el('code', { text: String(value) }));
    }
    table.append(el('tr', {}, el('th', { scope: 'row' }, el('span', { text: t('fields')[key] }), el('small', { text: key })), cell));
  }
  const note = [mark.placement, mark.schema, mark.form].filter(Boolean).join(' · ');
  return el('div', {}, table, note ? el('p', { class: 'muted small', text: note }) : null);
}

function marksList(marks) {
  if (marks.length === 0) return el('p', { class: 'muted', text: t('noMarks') });
  const list = el('ol', { class: 'marks' });
  for (const m of marks) {
    const head = el('div', { class: 'mark-head' },
      el('span', { class: 'kind', text: t('kind')[m.kind] || m.kind }),
      el('span', { class: 'badge state-' + m.state, 'data-state': m.state, text: t('state')[m.state] || m.state }));
    const facts = el('dl', { class: 'facts' });
    if (m.signer) facts.append(el('dt', { text: t('signer') }), el('dd', { text: m.signer }));
    if (m.carrier) facts.append(el('dt', { text: t('carrier') }), el('dd', { text: m.carrier }));
    if (m.kind === 'watermark') {
      facts.append(el('dt', { text: 'scheme' }), el('dd', { text: m.scheme }));
      facts.append(el('dt', { text: t('confidence') }), el('dd', { text: percent(m.confidence) }));
      if (m.payload) facts.append(el('dt', { text: 'payload' }), el('dd', { class: 'mono', text: m.payload }));
    }
    if (m.kind === 'explicitLabel' || m.kind === 'iptc') {
      for (const [k, v] of Object.entries(m)) {
        if (['kind', 'carrier', 'state', 'signer', 'status'].includes(k) || typeof v === 'object') continue;
        facts.append(el('dt', { text: k }), el('dd', { text: String(v) }));
      }
    }
    list.append(el('li', { class: 'mark', 'data-kind': m.kind }, head, facts, statusTable(m.status)));
  }
  return list;
}

function statusTable(statuses) {
  const table = el('table', { class: 'statuses' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('code') }), el('th', { scope: 'col', text: t('severity') }),
      el('th', { scope: 'col', text: t('message') }))));
  const body = el('tbody');
  for (const s of statuses) {
    body.append(el('tr', { class: 'sev-' + s.severity },
      el('td', {}, el('code', { text: s.code })),
      el('td', {}, el('span', { class: 'sev sev-' + s.severity, text: t('sev')[s.severity] || s.severity })),
      el('td', { text: s.message })));
  }
  table.append(body);
  return table;
}

/** The manifest as the report describes it: everything but the finding's own bookkeeping. */
function manifestOf(mark) {
  const copy = {};
  for (const [k, v] of Object.entries(mark)) {
    if (!['kind', 'carrier', 'state', 'status'].includes(k)) copy[k] = v;
  }
  return copy;
}

function tree(value, depth = 0) {
  if (value === null || typeof value !== 'object') return el('span', { class: 'v', text: String(value) });
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const list = el('ul', { class: depth === 0 ? 'tree' : null });
  for (const [k, v] of entries) {
    if (v !== null && typeof v === 'object' && depth < 12) {
      const size = Array.isArray(v) ? `[${v.length}]` : `{${Object.keys(v).length}}`;
      list.append(el('li', {}, el('details', depth < 1 ? { open: '' } : {},
        el('summary', {}, el('span', { class: 'k', text: k }), el('span', { class: 'muted', text: ' ' + size })),
        tree(v, depth + 1))));
    } else {
      list.append(el('li', {}, el('span', { class: 'k', text: k }), ': ', tree(v, depth + 1)));
    }
  }
  return list;
}

function percent(x) {
  return typeof x === 'number' ? (x * 100).toFixed(1) + '%' : '?';
}

// ---- picture and watermark overlay ------------------------------------------------------------------------

function preview(figure, entry, report) {
  figure.hidden = false;
  const img = figure.querySelector('img');
  const canvas = figure.querySelector('canvas');
  img.alt = t('previewAlt', entry.file.name);
  const marks = report ? report.marks.filter(m => m.kind === 'watermark') : [];
  const caption = figure.querySelector('figcaption');
  if (marks.length) {
    caption.textContent = marks.map(m => `${t('watermark')} ${m.scheme} · ${t('confidence')} ${percent(m.confidence)}`
      + (m.tiles ? '' : ' ' + t('noGeometry'))).join('; ');
  } else {
    caption.remove();
  }
  const draw = () => overlay(img, canvas, marks);
  img.addEventListener('load', draw);
  new ResizeObserver(draw).observe(img);
  img.src = entry.url;
}

/**
 * Draws each watermark finding over the picture: its tile lattice when the finding carries one (`tiles`: the
 * image size it was measured on, a tile corner and the two lattice vectors, in that image's pixels), and a tag
 * with the scheme and confidence.
 */
function overlay(img, canvas, marks) {
  const w = img.clientWidth, h = img.clientHeight;
  if (!w || !h) return;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  canvas.style.width = w + 'px';
  canvas.style.height = h + 'px';
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  marks.forEach((m, index) => {
    const colour = m.state === 'INVALID' ? '#d64545' : '#1f9d74';
    if (m.tiles) grid(ctx, m.tiles, w, h, colour);
    tag(ctx, `${m.scheme} · ${percent(m.confidence)}`, 8, 8 + index * 26, colour);
  });
}

function grid(ctx, tiles, w, h, colour) {
  const sx = w / tiles.imageWidth, sy = h / tiles.imageHeight;
  const o = [tiles.originX * sx, tiles.originY * sy];
  const u = [tiles.u[0] * sx, tiles.u[1] * sy];
  const v = [tiles.v[0] * sx, tiles.v[1] * sy];
  const det = u[0] * v[1] - u[1] * v[0];
  if (Math.abs(det) < 1e-6) return;
  // Lattice coordinates of the picture's corners give the range of lines to draw.
  const coords = [[0, 0], [w, 0], [0, h], [w, h]].map(([x, y]) => {
    const dx = x - o[0], dy = y - o[1];
    return [(dx * v[1] - dy * v[0]) / det, (u[0] * dy - u[1] * dx) / det];
  });
  const aMin = Math.floor(Math.min(...coords.map(c => c[0]))), aMax = Math.ceil(Math.max(...coords.map(c => c[0])));
  const bMin = Math.floor(Math.min(...coords.map(c => c[1]))), bMax = Math.ceil(Math.max(...coords.map(c => c[1])));
  if ((aMax - aMin) * (bMax - bMin) > 40000) return; // a degenerate lattice: do not hang the page
  const at = (a, b) => [o[0] + a * u[0] + b * v[0], o[1] + a * u[1] + b * v[1]];
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, w, h);
  ctx.clip();
  // The tile at the lattice origin, filled, so one tile's extent is plain to see.
  ctx.fillStyle = colour + '33';
  ctx.beginPath();
  [[0, 0], [1, 0], [1, 1], [0, 1]].map(([a, b]) => at(a, b)).forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.closePath();
  ctx.fill();
  ctx.strokeStyle = colour + 'cc';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let a = aMin; a <= aMax; a++) { const p = at(a, bMin), q = at(a, bMax); ctx.moveTo(p[0], p[1]); ctx.lineTo(q[0], q[1]); }
  for (let b = bMin; b <= bMax; b++) { const p = at(aMin, b), q = at(aMax, b); ctx.moveTo(p[0], p[1]); ctx.lineTo(q[0], q[1]); }
  ctx.stroke();
  ctx.restore();
}

function tag(ctx, text, x, y, colour) {
  ctx.font = '600 13px system-ui, sans-serif';
  const width = ctx.measureText(text).width + 14;
  ctx.fillStyle = 'rgba(17, 24, 39, 0.78)';
  ctx.fillRect(x, y, width, 22);
  ctx.fillStyle = colour;
  ctx.fillRect(x, y, 4, 22);
  ctx.fillStyle = '#fff';
  ctx.fillText(text, x + 9, y + 15);
}

// ---- wiring ---------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  const input = document.getElementById('files');
  const drop = document.getElementById('drop');
  input.addEventListener('change', () => { addFiles(input.files); input.value = ''; });
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, e => { e.preventDefault(); drop.classList.add('over'); });
  }
  for (const type of ['dragleave', 'drop']) {
    drop.addEventListener(type, () => drop.classList.remove('over'));
  }
  drop.addEventListener('drop', e => { e.preventDefault(); addFiles(e.dataTransfer.files); });
  // A file dropped next to the zone must not make the browser leave the page to open it.
  window.addEventListener('dragover', e => e.preventDefault());
  window.addEventListener('drop', e => e.preventDefault());
  for (const b of document.querySelectorAll('.lang button')) {
    b.addEventListener('click', () => { lang = b.dataset.lang; localStorage.setItem('aigc.lang', lang); applyLanguage(); });
  }
  applyLanguage();
});
