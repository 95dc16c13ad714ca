/*
 * Leadline chat widget. Embed with one tag:
 *   <script src="https://<leadline-host>/widget/leadline-widget.js" data-flow="website-lead" async></script>
 * Optional attributes: data-locale (else the page's lang, else the browser's), data-api (API origin,
 * else the script's own origin), data-source (campaign source; else the page's utm_source).
 *
 * Safety: everything the visitor or the server says is put in the page with textContent, never as
 * HTML. The widget lives in a shadow root so the host page's CSS cannot disturb it.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.__leadlineWidget) { return; }
  window.__leadlineWidget = true;

  var UI = {
    en: { open: 'Chat with us', title: 'Chat', close: 'Close chat', forget: 'Forget me', send: 'Send',
      placeholder: 'Type your answer…', kept: 'Kept for {days} days', privacy: 'Privacy notice',
      consentHeading: 'Your consent', retry: 'Try again', offline: 'We could not reach the server. Please try again.',
      forgetConfirm: 'Erase this conversation and everything you told us?', forgotten: 'Your data has been erased.',
      restart: 'Start a new chat', you: 'You', bot: 'Assistant', ended: 'This chat has ended.', tooLong: 'Please keep it under {max} characters.',
      privacyButton: 'Privacy', privacyTitle: 'Your consents', noConsents: 'You have not been asked for consent yet.',
      granted: 'agreed', declined: 'declined', withdrawn: 'withdrawn', withdraw: 'Withdraw', download: 'Download receipt',
      back: 'Back to chat', purposeLabel: 'Purpose', orType: 'or type your answer…' },
    vi: { open: 'Trò chuyện với chúng tôi', title: 'Trò chuyện', close: 'Đóng', forget: 'Xóa dữ liệu', send: 'Gửi',
      placeholder: 'Nhập câu trả lời…', kept: 'Lưu trong {days} ngày', privacy: 'Chính sách bảo mật',
      consentHeading: 'Sự đồng ý của bạn', retry: 'Thử lại', offline: 'Không kết nối được máy chủ. Bạn vui lòng thử lại.',
      forgetConfirm: 'Xóa cuộc trò chuyện này và mọi thông tin bạn đã cung cấp?', forgotten: 'Dữ liệu của bạn đã được xóa.',
      restart: 'Bắt đầu cuộc trò chuyện mới', you: 'Bạn', bot: 'Trợ lý', ended: 'Cuộc trò chuyện đã kết thúc.', tooLong: 'Bạn viết dưới {max} ký tự nhé.',
      privacyButton: 'Quyền riêng tư', privacyTitle: 'Sự đồng ý của bạn', noConsents: 'Bạn chưa được hỏi ý kiến đồng ý nào.',
      granted: 'đã đồng ý', declined: 'đã từ chối', withdrawn: 'đã rút lại', withdraw: 'Rút lại', download: 'Tải biên nhận',
      back: 'Quay lại trò chuyện', purposeLabel: 'Mục đích', orType: 'hoặc nhập câu trả lời…' },
    zh: { open: '和我们聊天', title: '聊天', close: '关闭', forget: '删除我的数据', send: '发送',
      placeholder: '请输入您的回答…', kept: '保存{days}天', privacy: '隐私声明',
      consentHeading: '您的同意', retry: '重试', offline: '无法连接服务器，请重试。',
      forgetConfirm: '删除本次对话以及您提供的所有信息？', forgotten: '您的数据已删除。',
      restart: '开始新的对话', you: '您', bot: '助手', ended: '对话已结束。', tooLong: '请控制在{max}个字符以内。',
      privacyButton: '隐私', privacyTitle: '您的同意记录', noConsents: '尚未向您征求任何同意。',
      granted: '已同意', declined: '已拒绝', withdrawn: '已撤回', withdraw: '撤回', download: '下载回执',
      back: '返回聊天', purposeLabel: '目的', orType: '或输入您的回答…' }
  };
  var scriptUrl = new URL(script.src, document.baseURI);
  var apiBase = (script.getAttribute('data-api') || scriptUrl.origin).replace(/\/+$/, '');
  var flowId = script.getAttribute('data-flow') || 'website-lead';
  var locale = pickLocale(script.getAttribute('data-locale') || document.documentElement.lang || navigator.language || 'en');
  var source = script.getAttribute('data-source') || utmSource();
  var storageKey = 'leadline:' + apiBase + ':' + flowId;
  var MAX_TEXT = 1000;

  var t = UI[locale] || UI.en;

  var INPUT_TYPES = { text: 'text', name: 'text', email: 'email', phone: 'tel' };
  var AUTOCOMPLETE = { name: 'name', email: 'email', phone: 'tel', text: 'off' };

  // ---- DOM -------------------------------------------------------------------------------------
  var host = document.createElement('div');
  host.className = 'leadline-widget-host';
  host.setAttribute('data-leadline', '');
  var root = host.attachShadow({ mode: 'open' });
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('leadline-widget.css', scriptUrl).href;
  root.appendChild(css);

  var launcher = el('button', 'launcher', t.open);
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'leadline-panel');

  var panel = el('section', 'panel');
  panel.id = 'leadline-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', t.title);
  panel.setAttribute('lang', locale);

  var header = el('header', 'header');
  var heading = el('h2', 'title', t.title);
  var privacyButton = el('button', 'privacy', t.privacyButton);
  privacyButton.type = 'button';
  privacyButton.hidden = true;
  var forgetButton = el('button', 'forget', t.forget);
  forgetButton.type = 'button';
  forgetButton.hidden = true;
  var closeButton = el('button', 'close', '×');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', t.close);
  header.append(heading, privacyButton, forgetButton, closeButton);

  var log = el('div', 'log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  var promptArea = el('div', 'prompt');
  var status = el('p', 'status');
  status.setAttribute('role', 'status');
  var privacyView = el('div', 'privacy-view');
  privacyView.hidden = true;
  panel.append(header, log, promptArea, status, privacyView);
  root.append(launcher, panel);
  (document.body || document.documentElement).appendChild(host);

  // Honeypot against form bots (why and how: functions/chat/.../Honeypot.java). A field people never meet:
  // off-screen rather than display:none (which form bots skip), inert (never focused, out of the accessibility
  // tree, left alone by autofill and password managers), aria-hidden, tabindex -1, autocomplete off. Placed in
  // every answer form; its value, empty for people, goes with every message. The layout is set through the
  // CSSOM, so the field stays out of sight even if the stylesheet fails to load.
  var trap = document.createElement('input');
  trap.type = 'text';
  trap.name = 'website';
  trap.tabIndex = -1;
  trap.autocomplete = 'off';
  var trapBox = el('div', 'hp');
  trapBox.setAttribute('aria-hidden', 'true');
  trapBox.setAttribute('inert', '');
  trapBox.style.position = 'absolute';
  trapBox.style.left = '-10000px';
  trapBox.style.width = '1px';
  trapBox.style.height = '1px';
  trapBox.style.overflow = 'hidden';
  var trapLabel = el('label', null, 'Website');
  trapLabel.appendChild(trap);
  trapBox.appendChild(trapLabel);

  var session = loadSession();
  var busy = false;
  var pending = null; // the last request, kept to retry with the same clientMessageId

  launcher.addEventListener('click', function () { open(); });
  closeButton.addEventListener('click', function () { close(); });
  forgetButton.addEventListener('click', forgetMe);
  privacyButton.addEventListener('click', showPrivacy);
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') { close(); } });

  if (session) { open(); }

  // ---- Behaviour -------------------------------------------------------------------------------
  function open() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    launcher.hidden = true;
    if (!session) {
      start();
    } else if (!log.hasChildNodes()) {
      resume();
    }
  }

  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  function start() {
    clear();
    var body = { flowId: flowId, locale: locale };
    if (source) { body.source = source; }
    request('POST', '/chat/conversations', body, null).then(function (r) {
      if (!r.ok) { return failed(r); }
      session = { id: r.body.conversationId, token: r.body.token, locale: r.body.locale };
      saveSession();
      forgetButton.hidden = false;
      privacyButton.hidden = false;
      render(r.body);
    }, offline);
  }

  function resume() {
    request('GET', '/chat/conversations/' + encodeURIComponent(session.id), null, session.token).then(function (r) {
      if (r.status === 404) { dropSession(); start(); return; }
      if (!r.ok) { return failed(r); }
      forgetButton.hidden = false;
      privacyButton.hidden = false;
      (r.body.history || []).forEach(function (h) { bubble(h.from === 'visitor' ? 'visitor' : 'bot', h.text); });
      showPrompt(r.body.prompt);
    }, offline);
  }

  function send(payload, echo) {
    if (busy || !session) { return; }
    payload.clientMessageId = newId();
    payload.website = trap.value;
    if (echo !== null) { bubble('visitor', echo); }
    pending = payload;
    deliver(payload, 0);
  }

  function deliver(payload, attempt) {
    busy = true;
    setStatus('');
    disablePrompt();
    request('POST', '/chat/conversations/' + encodeURIComponent(session.id) + '/messages', payload, session.token)
      .then(function (r) {
        busy = false;
        if (r.status === 404) { dropSession(); setStatus(t.ended); showRestart(); return; }
        if ((r.status >= 500 || r.status === 429 || r.status === 409) && attempt < 2) {
          // Same clientMessageId: the server answers a retry exactly once.
          setTimeout(function () { deliver(payload, attempt + 1); }, 400 * (attempt + 1));
          busy = true;
          return;
        }
        if (!r.ok) { return failed(r); }
        pending = null;
        render(r.body);
      }, function () {
        busy = false;
        if (attempt < 2) { busy = true; setTimeout(function () { deliver(payload, attempt + 1); }, 400 * (attempt + 1)); return; }
        offline();
      });
  }

  function showPrivacy() {
    if (!session) { return; }
    request('GET', '/chat/conversations/' + encodeURIComponent(session.id) + '/consents', null, session.token).then(function (r) {
      if (!r.ok) { return failed(r); }
      renderPrivacy(r.body);
    }, offline);
  }

  function renderPrivacy(receipt) {
    privacyView.textContent = '';
    privacyView.appendChild(el('h3', 'privacy-title', t.privacyTitle));
    var latest = {};
    (receipt.records || []).forEach(function (rec) { latest[rec.purpose] = rec; });
    var purposes = Object.keys(latest);
    if (!purposes.length) { privacyView.appendChild(el('p', 'privacy-empty', t.noConsents)); }
    var list = el('ul', 'privacy-list');
    purposes.forEach(function (purpose) {
      var rec = latest[purpose];
      var item = el('li', 'privacy-item');
      item.appendChild(el('span', 'privacy-purpose', t.purposeLabel + ': ' + purpose + ' — ' + (t[rec.decision] || rec.decision)
        + ' (' + new Date(rec.recordedAt).toLocaleString(locale) + ')'));
      if (rec.decision === 'granted') {
        var w = el('button', 'withdraw', t.withdraw);
        w.type = 'button';
        w.addEventListener('click', function () {
          hidePrivacy();
          send({ consent: { purpose: purpose, granted: false } }, t.withdraw + ': ' + purpose);
        });
        item.appendChild(w);
      }
      list.appendChild(item);
    });
    privacyView.appendChild(list);
    var download = el('button', 'download-receipt', t.download);
    download.type = 'button';
    download.addEventListener('click', function () {
      var blob = new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' });
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'consent-receipt-' + receipt.conversationId + '.json';
      root.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
    var back = el('button', 'privacy-back', t.back);
    back.type = 'button';
    back.addEventListener('click', hidePrivacy);
    var actions = el('div', 'privacy-actions');
    actions.append(download, back);
    privacyView.appendChild(actions);
    log.hidden = true;
    promptArea.hidden = true;
    privacyView.hidden = false;
    focusFirst(privacyView);
  }

  function hidePrivacy() {
    privacyView.hidden = true;
    log.hidden = false;
    promptArea.hidden = false;
  }

  function forgetMe() {
    if (!session || !window.confirm(t.forgetConfirm)) { return; }
    request('DELETE', '/chat/conversations/' + encodeURIComponent(session.id), null, session.token).then(function (r) {
      if (r.status === 204 || r.status === 404) {
        dropSession();
        clear();
        bubble('bot', t.forgotten);
        showRestart();
      } else {
        failed(r);
      }
    }, offline);
  }

  function render(body) {
    var hint = body.prompt && body.prompt.hint;
    (body.messages || []).forEach(function (m) {
      // A rejected answer's reason is shown next to the input instead of as a chat bubble.
      if (!(hint && m.text === hint)) { bubble('bot', m.text); }
    });
    showPrompt(body.prompt);
  }

  function showPrompt(prompt) {
    promptArea.textContent = '';
    if (!prompt) { return; }
    switch (prompt.type) {
      case 'choice':
        showChoices(prompt.options || []);
        showInput({ type: 'text', maxLength: 200, hint: prompt.hint }, t.orType, false);
        return;
      case 'consent': return showConsent(prompt.purpose);
      case 'end': return showEnd();
      default: return showInput(prompt, t.placeholder, true);
    }
  }

  function showChoices(options) {
    var group = el('div', 'choices');
    group.setAttribute('role', 'group');
    options.forEach(function (o) {
      var b = el('button', 'choice', o.label);
      b.type = 'button';
      b.addEventListener('click', function () { send({ choice: o.id }, o.label); });
      group.appendChild(b);
    });
    promptArea.appendChild(group);
    focusFirst(group);
  }

  function showConsent(purpose) {
    var card = el('div', 'consent');
    card.setAttribute('role', 'group');
    card.setAttribute('aria-labelledby', 'leadline-consent-heading');
    var h = el('h3', 'consent-heading', t.consentHeading);
    h.id = 'leadline-consent-heading';
    var text = el('p', 'consent-text', purpose.text);
    var kept = el('p', 'consent-retention', t.kept.replace('{days}', String(purpose.retentionDays)));
    card.append(h, text, kept);
    var link = safeLink(purpose.privacyUrl);
    if (link) {
      var a = el('a', 'consent-privacy', t.privacy);
      a.href = link;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      card.appendChild(a);
    }
    var buttons = el('div', 'consent-buttons');
    var yes = el('button', 'consent-yes', purpose.yesLabel);
    yes.type = 'button';
    yes.addEventListener('click', function () { send({ consent: { purpose: purpose.id, granted: true } }, purpose.yesLabel); });
    var no = el('button', 'consent-no', purpose.noLabel);
    no.type = 'button';
    no.addEventListener('click', function () { send({ consent: { purpose: purpose.id, granted: false } }, purpose.noLabel); });
    buttons.append(yes, no);
    card.appendChild(buttons);
    promptArea.appendChild(card);
    focusFirst(buttons);
  }

  function showInput(prompt, placeholder, focus) {
    var form = el('form', 'answer');
    // The server checks answers and explains refusals in the visitor's language, next to the input;
    // the browser's own bubbles would speak the browser's language instead.
    form.noValidate = true;
    var input = document.createElement('input');
    input.className = 'answer-input';
    input.type = INPUT_TYPES[prompt.type] || 'text';
    input.autocomplete = AUTOCOMPLETE[prompt.type] || 'off';
    input.placeholder = placeholder;
    input.setAttribute('aria-label', placeholder);
    if (prompt.hint) {
      var hint = el('p', 'hint', prompt.hint);
      hint.id = 'leadline-hint';
      hint.setAttribute('role', 'alert');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'leadline-hint');
      promptArea.appendChild(hint);
    }
    var max = Math.min(prompt.maxLength || MAX_TEXT, MAX_TEXT);
    input.maxLength = max;
    input.required = true;
    var button = el('button', 'send', t.send);
    button.type = 'submit';
    form.append(input, button, trapBox);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var value = input.value.trim();
      if (!value) { return; }
      if (value.length > max) { setStatus(t.tooLong.replace('{max}', String(max))); return; }
      send({ text: value }, value);
    });
    promptArea.appendChild(form);
    if (focus) { input.focus(); }
  }

  function showEnd() {
    showRestart();
  }

  function showRestart() {
    promptArea.textContent = '';
    var b = el('button', 'restart', t.restart);
    b.type = 'button';
    b.addEventListener('click', function () { dropSession(); start(); });
    promptArea.appendChild(b);
  }

  function failed(r) {
    var message = r.body && r.body.error && r.body.error.message ? r.body.error.message : t.offline;
    setStatus(message);
    if (pending) { showRetry(); }
  }

  function offline() {
    busy = false;
    setStatus(t.offline);
    if (pending) { showRetry(); }
  }

  function showRetry() {
    var b = el('button', 'retry', t.retry);
    b.type = 'button';
    b.addEventListener('click', function () { b.remove(); if (pending) { deliver(pending, 0); } });
    status.appendChild(document.createTextNode(' '));
    status.appendChild(b);
  }

  // ---- Helpers ---------------------------------------------------------------------------------
  function bubble(from, text) {
    var row = el('div', 'message ' + from);
    var who = el('span', 'sr-only', (from === 'visitor' ? t.you : t.bot) + ': ');
    var body = el('span', 'text', text); // textContent: visitor text is never parsed as HTML
    row.append(who, body);
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function disablePrompt() {
    promptArea.querySelectorAll('button, input').forEach(function (n) { n.disabled = true; });
  }

  function focusFirst(container) {
    var first = container.querySelector('button, input, a');
    if (first) { first.focus(); }
  }

  function setStatus(text) { status.textContent = text; }

  function clear() {
    log.textContent = '';
    promptArea.textContent = '';
    setStatus('');
  }

  function request(method, path, body, token) {
    var headers = {};
    if (body) { headers['Content-Type'] = 'application/json'; }
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(apiBase + path, {
      method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit', mode: 'cors', cache: 'no-store'
    }).then(function (res) {
      return res.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { ok: res.ok, status: res.status, body: parsed };
      });
    });
  }

  function safeLink(url) {
    if (!url) { return null; }
    try {
      var u = new URL(url, apiBase + '/');
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) { return null; }
  }

  function pickLocale(tag) {
    var lang = String(tag).toLowerCase().split(/[-_]/)[0];
    return UI[lang] ? lang : 'en';
  }

  function utmSource() {
    try {
      var s = new URLSearchParams(window.location.search).get('utm_source');
      return s && /^[A-Za-z0-9._~\/-]{1,100}$/.test(s) ? s : null;
    } catch (e) { return null; }
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // The token lives in sessionStorage: it survives a reload of this tab, not the tab itself.
  function loadSession() {
    try {
      var s = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      return s && s.id && s.token ? s : null;
    } catch (e) { return null; }
  }

  function saveSession() {
    try { sessionStorage.setItem(storageKey, JSON.stringify(session)); } catch (e) { /* private mode: no resume */ }
  }

  function dropSession() {
    session = null;
    forgetButton.hidden = true;
    privacyButton.hidden = true;
    hidePrivacy();
    try { sessionStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
  }
})();
