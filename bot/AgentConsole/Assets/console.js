// The agent console's script: lists, conversation and callbacks read from /agent/api, kept live by /agent/api/events.
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = id => document.getElementById(id);
  let current = null, currentCallback = null, queue = [], callbacks = [], fetchedAt = Date.now();

  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const two = n => String(n).padStart(2, '0');
  // Seconds matter while someone waits: "45 s", "2 min 05 s", "1 h 03 min".
  const duration = s => s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${two(s % 60)} s` : `${Math.floor(s / 3600)} h ${two(Math.floor(s / 60) % 60)} min`;
  // The server says how long each one had waited when the list was read; the page adds the time since.
  const waited = item => item.waitingSeconds + (item.isWaiting ? Math.max(0, Math.floor((Date.now() - fetchedAt) / 1000)) : 0);
  const waitText = item => `${item.isWaiting ? 'waiting' : 'waited'} ${duration(waited(item))}`;
  const when = iso => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  const money = n => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

  async function api(path, options = {}) {
    const response = await fetch('/agent/api' + path, { credentials: 'same-origin', ...options,
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': csrf, ...(options.headers || {}) } });
    if (response.status === 401) { location.href = '/agent/signin?returnUrl=/agent'; return null; }
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch { }
      throw new Error(detail);
    }
    return response.status === 204 ? null : response.json();
  }
  const report = e => { $('error').textContent = e ? e.message : ''; };
  // The console's own scripts (agent-cart.js) call the API the same way.
  window.agentConsoleApi = api;
  // agent-conversations.js switches between the agent's conversations through the same door as a click.
  window.agentConsoleOpen = id => open(id);

  function facts(dl, pairs) {
    dl.replaceChildren();
    for (const [k, v] of pairs) {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
      const dd = el('dd');
      if (v instanceof Node) dd.append(v);
      else if (Array.isArray(v)) { const ul = el('ul'); for (const x of v) ul.append(el('li', String(x))); dd.append(ul); }
      else dd.textContent = String(v);
      dl.append(el('dt', k), dd);
    }
  }

  function tick() {
    for (const span of document.querySelectorAll('[data-wait-for]')) {
      const item = queue.find(q => q.id === span.dataset.waitFor) || (current && current.handoff.id === span.dataset.waitFor ? current.handoff : null);
      if (item) span.textContent = waitText(item);
    }
  }

  function renderQueue() {
    // Re-rendering must not take the keyboard focus away from the agent.
    const focused = document.activeElement && document.activeElement.closest('#queue, #active') ? document.activeElement.dataset.id : null;
    const waiting = queue.filter(q => q.isWaiting), talking = queue.filter(q => !q.isWaiting);
    renderList($('queue'), waiting, 'Nobody is waiting.');
    renderList($('active'), talking, 'No conversations with agents.');
    // Each badge counts exactly the customers listed under it.
    $('queue-count').textContent = waiting.length;
    $('active-count').textContent = talking.length;
    document.dispatchEvent(new CustomEvent('agentconsole:queue', { detail: { waiting: waiting.length, items: queue } }));
    if (focused) { const again = document.querySelector(`#queue button[data-id="${CSS.escape(focused)}"], #active button[data-id="${CSS.escape(focused)}"]`); if (again) again.focus(); }
  }

  function renderList(list, items, empty) {
    list.replaceChildren();
    for (const item of items) {
      const b = el('button'); b.type = 'button'; b.dataset.id = item.id;
      b.setAttribute('aria-current', current && current.handoff.id === item.id ? 'true' : 'false');
      const wait = el('span', waitText(item)); wait.dataset.waitFor = item.id;
      const line = el('div', undefined, 'meta'); line.append(`${item.reasonText} · ${item.languageText} · `, wait);
      b.append(el('strong', item.customer.name || item.customer.userId || 'Unknown customer'), el('span', item.statusText, 'badge ' + item.status), line,
        el('div', [item.customer.accountName, item.cartSummary].filter(Boolean).join(' · '), 'meta'));
      b.addEventListener('click', () => open(item.id));
      const li = el('li'); li.append(b); list.append(li);
    }
    if (!items.length) list.append(el('li', empty, 'meta'));
  }

  function renderCallbacks() {
    const list = $('callbacks'); list.replaceChildren();
    for (const cb of callbacks) {
      const b = el('button'); b.type = 'button';
      b.dataset.id = cb.id;
      b.append(el('strong', `${cb.customer.name || cb.customer.userId || 'Customer'} · ${cb.phone}`), el('span', cb.statusText, 'badge'),
        el('div', `${cb.preferredTime} · ${cb.reasonText}`, 'meta'));
      b.addEventListener('click', () => showCallback(cb));
      const li = el('li'); li.append(b); list.append(li);
    }
    if (!callbacks.length) list.append(el('li', 'No callback requests.', 'meta'));
  }

  function renderCart(target, cart) {
    target.replaceChildren();
    if (!cart) { target.append(el('p', 'No cart.', 'meta')); return; }
    const ul = el('ul');
    for (const line of cart.lines) ul.append(el('li', `${line.quantity} × ${line.name} (${line.sku}) — ${money(line.unitPrice)}${line.kind === 'Line' ? '/mo' : ''}`));
    target.append(ul, el('p', `${cart.newLines} new lines · ${cart.devices} devices · ${money(cart.oneTimeSubtotal)} one-time · ${money(cart.monthlySubtotal)}/mo`, 'meta'));
    for (const p of cart.problems) target.append(el('p', '⚠ ' + p));
  }

  function renderConversation() {
    if (!current) return;
    const h = current.handoff;
    $('conversation').classList.remove('hidden'); $('callback').classList.add('hidden');
    const sum = current.summary;
    $('detail-heading').textContent = `${h.customer.name || h.customer.userId || 'Unknown customer'} — ${h.statusText}`;
    const wait = el('span', waitText(queue.find(q => q.id === h.id) || h)); wait.dataset.waitFor = h.id;
    facts($('summary'), [['Why', sum.reason], ['Facts', sum.reasonFacts], ['Wait', wait], ['Step reached', sum.stepReached],
      ['Not understood', sum.notUnderstood.length ? sum.notUnderstood.map(t => `“${t}”`) : 'Nothing'],
      ['Language', sum.language], ['Channel', h.channelText], ['Started', when(h.createdAt)]]);
    facts($('customer'), [...sum.customer.map(f => [f.label, f.value]), ...sum.account.map(f => [f.label, f.value]), ['Cards on file', sum.cards]]);
    facts($('eligibility'), [['Self-service', sum.eligibility], ['Why not', sum.eligibilityProblems]]);
    renderCart($('cart'), current.cartNow || current.cartAtHandoff);
    const t = $('transcript'); const atBottom = t.scrollTop + t.clientHeight >= t.scrollHeight - 5; t.replaceChildren();
    for (const line of current.transcript) {
      const li = el('li', undefined, line.role);
      li.append(el('span', `${new Date(line.at).toLocaleTimeString([], { timeStyle: 'short' })} ${line.role === 'Customer' ? 'Customer' : line.name}: `, 'meta'), el('span', line.text));
      t.append(li);
    }
    if (atBottom) t.scrollTop = t.scrollHeight;
    $('accept').classList.toggle('hidden', h.status !== 'Queued');
    const mine = current.assignedToMe && h.status === 'WithAgent';
    $('reply-form').classList.toggle('hidden', !mine);
    $('end-form').classList.toggle('hidden', !mine);
    document.dispatchEvent(new CustomEvent('agentconsole:conversation', { detail: current }));
  }

  function showCallback(cb) {
    current = null; currentCallback = cb; renderQueue();
    $('conversation').classList.add('hidden');
    const box = $('callback'); box.classList.remove('hidden'); box.replaceChildren();
    $('detail-heading').textContent = `Callback ${cb.id}`;
    const dl = el('dl', undefined, 'facts'); box.append(dl);
    facts(dl, [['Call', `${cb.phone} (${cb.dialablePhone})`], ['When', cb.preferredTime], ['Customer', cb.customer.name || cb.customer.userId], ['Account', cb.customer.accountName],
      ['Reason', cb.reasonText], ['Requested', when(cb.createdAt)], ['Status', cb.statusText]]);
    box.append(el('h3', 'Cart')); const cart = el('div'); box.append(cart); renderCart(cart, cb.cart);
    box.append(el('h3', 'Transcript')); const ol = el('ol'); box.append(ol);
    for (const line of cb.transcript) ol.append(el('li', `${line.role === 'Customer' ? 'Customer' : line.name}: ${line.text}`));
    // Claiming, finishing and rescheduling: agent-callbacks.js adds its tools to the box; after a change the list and the box are read again.
    document.dispatchEvent(new CustomEvent('agentconsole:callback', { detail: { callback: cb, box, me: document.querySelector('meta[name="agent-id"]').content,
      reload: async updated => { await loadCallbacks(); showCallback(callbacks.find(c => c.id === updated.id) || updated); } } }));
  }

  async function loadQueue() { queue = await api('/queue') || []; fetchedAt = Date.now(); renderQueue(); }
  async function loadCallbacks() { callbacks = await api('/callbacks') || []; renderCallbacks(); }
  async function open(id) {
    try { report(); currentCallback = null; current = await api(`/conversations/${encodeURIComponent(id)}`); renderQueue(); renderConversation(); }
    catch (e) { report(e); }
  }

  $('accept').addEventListener('click', async () => {
    try { await api(`/conversations/${encodeURIComponent(current.handoff.id)}/accept`, { method: 'POST' }); await open(current.handoff.id); $('reply').focus(); }
    catch (e) { report(e); await loadQueue(); }
  });
  $('reply-form').addEventListener('submit', async ev => {
    ev.preventDefault(); const text = $('reply').value.trim(); if (!text) return;
    try { await api(`/conversations/${encodeURIComponent(current.handoff.id)}/messages`, { method: 'POST', body: JSON.stringify({ text }) }); $('reply').value = ''; await open(current.handoff.id); if (!document.activeElement || !document.activeElement.closest('#quick-replies')) $('reply').focus(); }
    catch (e) { report(e); }
  });
  // Typing both ways: the customer's shows under the transcript for a few seconds; the agent's goes to the customer at
  // most once every 3 s (the server holds the same window).
  let typingShown = 0; let typingSent = 0;
  function customerTyping() {
    $('customer-typing').textContent = 'The customer is typing…'; clearTimeout(typingShown);
    typingShown = setTimeout(() => { $('customer-typing').textContent = ''; }, 6000);
  }
  $('reply').addEventListener('input', () => {
    if (!current || !current.assignedToMe || Date.now() - typingSent < 3000) return;
    typingSent = Date.now();
    api(`/conversations/${encodeURIComponent(current.handoff.id)}/typing`, { method: 'POST' }).catch(() => {});
  });
  $('reply').addEventListener('keydown', ev => { if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); $('reply-form').requestSubmit(); } });
  $('end-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const resume = document.querySelector('input[name=resume]:checked').value === 'true';
    try { await api(`/conversations/${encodeURIComponent(current.handoff.id)}/end`, { method: 'POST', body: JSON.stringify({ note: $('note').value, resume }) }); $('note').value = ''; await open(current.handoff.id); await loadQueue(); }
    catch (e) { report(e); }
  });
  document.addEventListener('keydown', ev => {
    if (!ev.altKey) return;
    if (ev.key === 'q') { ev.preventDefault(); const b = document.querySelector('#queue button'); if (b) b.focus(); }
    if (ev.key === 'r' && !$('reply-form').classList.contains('hidden')) { ev.preventDefault(); $('reply').focus(); }
    if (ev.key === 'a' && current && !$('accept').classList.contains('hidden')) { ev.preventDefault(); $('accept').click(); }
  });

  function connect() {
    const events = new EventSource('/agent/api/events');
    events.onopen = () => { $('live').textContent = 'Live'; loadQueue().catch(report); loadCallbacks().catch(report); };
    events.onerror = () => { $('live').textContent = 'Reconnecting…'; };
    events.addEventListener('queue', () => { loadQueue().catch(report); if (current) open(current.handoff.id); });
    events.addEventListener('callbacks', () => loadCallbacks().catch(report));
    events.addEventListener('typing', ev => { const data = JSON.parse(ev.data); if (current && current.handoff.id === data.sessionId) customerTyping(); });
    events.addEventListener('transcript', ev => { const data = JSON.parse(ev.data); document.dispatchEvent(new CustomEvent('agentconsole:transcript', { detail: data })); if (current && current.conversationKey === data.conversationKey) open(current.handoff.id); });
  }
  setInterval(tick, 1000);
  loadQueue().catch(report); loadCallbacks().catch(report); connect();
})();

