// Quick replies and the queue notification. In the reply box, "/" typed at the start (or the "Quick replies" button)
// opens a filterable list (ARIA combobox with a listbox: arrow keys move, Enter inserts, Escape closes) of the shared
// replies from /agent/api/quick-replies and the agent's own, which stay in this browser's local storage under the
// agent's id. console.js reports the waiting count through the "agentconsole:queue" event: the title shows "(N) …"
// while someone waits, and an opt-in sound (WebAudio, no file) plays when the count rises.
(() => {
  const $ = id => document.getElementById(id);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  const me = document.querySelector('meta[name="agent-id"]').content;
  const ownKey = `agentConsole.quickReplies.${me}`, soundKey = `agentConsole.queueSound.${me}`;
  const readOwn = () => { try { const v = JSON.parse(localStorage.getItem(ownKey)); return Array.isArray(v) ? v : []; } catch { return []; } };
  const saveOwn = list => localStorage.setItem(ownKey, JSON.stringify(list));
  let shared = [], shown = [], active = -1, caret = 0;

  const reply = $('reply'), form = $('reply-form');
  const open = el('button', 'Quick replies', 'secondary'); open.type = 'button'; open.id = 'quick-replies-open';
  open.setAttribute('aria-expanded', 'false'); open.setAttribute('aria-controls', 'quick-replies');
  const panel = el('div', undefined, 'quick-replies hidden'); panel.id = 'quick-replies';
  const label = el('label', 'Find a quick reply'); label.htmlFor = 'quick-reply-filter';
  const filter = el('input'); filter.type = 'text'; filter.id = 'quick-reply-filter'; filter.autocomplete = 'off';
  filter.setAttribute('role', 'combobox'); filter.setAttribute('aria-autocomplete', 'list'); filter.setAttribute('aria-expanded', 'false');
  filter.setAttribute('aria-controls', 'quick-reply-list');
  const list = el('ul', undefined, 'quick-reply-list'); list.id = 'quick-reply-list'; list.setAttribute('role', 'listbox'); list.setAttribute('aria-label', 'Quick replies');
  const hint = el('p', 'Arrow keys choose, Enter inserts, Escape closes.', 'meta');

  // The agent's own quick replies: added and removed here, kept in this browser only.
  const own = el('details'); own.append(el('summary', 'Your own quick replies'));
  const ownList = el('ul', undefined, 'own-quick-replies'); ownList.id = 'own-quick-replies';
  const add = el('form'); add.id = 'own-quick-reply-form';
  const titleLabel = el('label', 'Title'); titleLabel.htmlFor = 'own-quick-reply-title';
  const title = el('input'); title.type = 'text'; title.id = 'own-quick-reply-title'; title.maxLength = 80; title.required = true;
  const textLabel = el('label', 'Text'); textLabel.htmlFor = 'own-quick-reply-text';
  const text = el('textarea'); text.id = 'own-quick-reply-text'; text.rows = 2; text.maxLength = 1000; text.required = true;
  const save = el('button', 'Add quick reply', 'secondary'); save.type = 'submit';
  add.append(titleLabel, title, textLabel, text, el('p')); add.lastChild.append(save);
  own.append(ownList, add, el('p', 'These stay in this browser.', 'meta'));
  panel.append(label, filter, hint, list, own);
  form.querySelector('button[type=submit]').after(' ', open);
  // Beside the reply form, not in it (the own-replies form cannot nest); closed when the reply box goes away.
  form.after(panel);
  document.addEventListener('agentconsole:conversation', () => { if (form.classList.contains('hidden')) hide(false); });

  function renderOwn() {
    ownList.replaceChildren();
    readOwn().forEach((r, i) => {
      const remove = el('button', 'Remove', 'secondary'); remove.type = 'button';
      remove.setAttribute('aria-label', `Remove ${r.title}`);
      remove.addEventListener('click', () => { const l = readOwn(); l.splice(i, 1); saveOwn(l); renderOwn(); render(); });
      const li = el('li'); li.append(el('strong', r.title), ' ', remove); ownList.append(li);
    });
  }

  function render() {
    const q = filter.value.trim().toLowerCase();
    shown = [...shared.map(r => ({ ...r, own: false })), ...readOwn().map(r => ({ ...r, own: true }))]
      .filter(r => !q || r.title.toLowerCase().includes(q) || r.text.toLowerCase().includes(q));
    active = shown.length ? Math.min(Math.max(active, 0), shown.length - 1) : -1;
    list.replaceChildren();
    shown.forEach((r, i) => {
      const li = el('li', undefined, 'quick-reply'); li.id = `quick-reply-${i}`; li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.append(el('strong', r.title), el('span', r.own ? ' · yours' : '', 'meta'), el('div', r.text, 'meta'));
      li.addEventListener('mousedown', e => e.preventDefault());
      li.addEventListener('click', () => insert(r));
      list.append(li);
    });
    if (!shown.length) list.append(el('li', 'No quick reply matches.', 'meta'));
    if (active >= 0) { filter.setAttribute('aria-activedescendant', `quick-reply-${active}`); $(`quick-reply-${active}`).scrollIntoView({ block: 'nearest' }); }
    else filter.removeAttribute('aria-activedescendant');
  }

  function show() {
    caret = reply.selectionStart;
    panel.classList.remove('hidden'); open.setAttribute('aria-expanded', 'true'); filter.setAttribute('aria-expanded', 'true');
    filter.value = ''; active = 0; render(); filter.focus();
    window.agentConsoleApi('/quick-replies').then(r => { shared = r || []; render(); }).catch(() => { });
  }
  function hide(back = true) {
    panel.classList.add('hidden'); open.setAttribute('aria-expanded', 'false'); filter.setAttribute('aria-expanded', 'false');
    if (back) { reply.focus(); reply.setSelectionRange(caret, caret); }
  }
  function insert(r) {
    reply.value = reply.value.slice(0, caret) + r.text + reply.value.slice(caret);
    caret += r.text.length; hide();
  }

  // Ahead of console.js's Enter-sends on the reply box: "/" at the start opens the list instead of being typed.
  reply.addEventListener('keydown', ev => {
    if (ev.key === '/' && reply.selectionStart === 0 && reply.selectionEnd === 0 && !ev.ctrlKey && !ev.altKey && !ev.metaKey) { ev.preventDefault(); show(); }
  });
  open.addEventListener('click', () => (panel.classList.contains('hidden') ? show() : hide()));
  filter.addEventListener('input', () => { active = 0; render(); });
  filter.addEventListener('keydown', ev => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (shown.length) { active = (active + (ev.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length; render(); }
    } else if (ev.key === 'Enter') { ev.preventDefault(); if (active >= 0) insert(shown[active]); }
    else if (ev.key === 'Escape') { ev.preventDefault(); hide(); }
  });
  add.addEventListener('submit', ev => {
    ev.preventDefault();
    const t = title.value.trim(), x = text.value.trim(); if (!t || !x) return;
    saveOwn([...readOwn(), { title: t, text: x }]); title.value = ''; text.value = ''; renderOwn(); render(); filter.focus();
  });
  renderOwn();

  // The queue notification.
  const plainTitle = document.title;
  const sound = el('label'); const soundBox = el('input'); soundBox.type = 'checkbox'; soundBox.id = 'queue-sound';
  soundBox.checked = localStorage.getItem(soundKey) === 'on';
  sound.append(soundBox, ' Sound when a customer joins the queue');
  const soundLine = el('p', undefined, 'meta'); soundLine.append(sound);
  $('queue').before(soundLine);
  let audio = null, lastWaiting = null;
  // Browsers let a page make sound only after a gesture: the tick of the box creates (or wakes) the audio context.
  const wake = () => { audio = audio || new AudioContext(); audio.resume(); };
  soundBox.addEventListener('change', () => { localStorage.setItem(soundKey, soundBox.checked ? 'on' : 'off'); if (soundBox.checked) wake(); });
  if (soundBox.checked) document.addEventListener('pointerdown', wake, { once: true });
  function chime() {
    if (!audio) return;
    const tone = audio.createOscillator(), gain = audio.createGain(), t = audio.currentTime;
    tone.frequency.value = 880; gain.gain.setValueAtTime(0.2, t); gain.gain.exponentialRampToValueAtTime(0.001, t + 0.4);
    tone.connect(gain).connect(audio.destination); tone.start(t); tone.stop(t + 0.4);
  }
  document.addEventListener('agentconsole:queue', ev => {
    const waiting = ev.detail.waiting;
    document.title = waiting > 0 ? `(${waiting}) ${plainTitle}` : plainTitle;
    if (lastWaiting !== null && waiting > lastWaiting && soundBox.checked) chime();
    lastWaiting = waiting;
  });
})();
