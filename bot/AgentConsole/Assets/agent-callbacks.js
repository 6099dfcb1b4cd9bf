// Callbacks worked from the console: claim one (a second agent is told who has it), finish it with how the call went,
// or move it to another time inside sales hours. The page tells this script which callback is open through the
// "agentconsole:callback" event; /agent/api/callbacks/{id}/… enforces who may do what and explains every refusal.
(() => {
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  // The words agents read beside the API's codes.
  const outcomes = [['Reached', 'Reached the customer'], ['NoAnswer', 'No answer'], ['LeftVoicemail', 'Left a voicemail'], ['WrongNumber', 'Wrong number']];

  document.addEventListener('agentconsole:callback', ev => {
    const { callback: cb, box, me, reload } = ev.detail;
    if (cb.done) return;
    const status = el('p', '', 'meta'); status.id = 'callback-status'; status.setAttribute('role', 'status');
    const call = async (action, body) => {
      status.textContent = '';
      try {
        const updated = await window.agentConsoleApi(`/callbacks/${encodeURIComponent(cb.id)}/${action}`, { method: 'POST', body: body ? JSON.stringify(body) : undefined });
        await reload(updated);
      } catch (e) { status.textContent = e.message; }
    };
    const tools = el('section'); tools.setAttribute('aria-labelledby', 'callback-tools-heading');
    tools.append(el('h3', 'Work this callback', undefined));
    tools.firstChild.id = 'callback-tools-heading';
    const mine = cb.claimedBy && cb.claimedBy.id === me;
    if (!mine) {
      const claim = el('button', 'Claim this callback', 'primary'); claim.type = 'button'; claim.id = 'callback-claim';
      claim.addEventListener('click', () => call('claim'));
      tools.append(el('p', undefined)); tools.lastChild.append(claim);
    }

    const done = el('form'); done.id = 'callback-done-form';
    const fs = el('fieldset'); fs.append(el('legend', 'How did the call go?'));
    for (const [code, words] of outcomes) {
      const label = el('label'); const radio = el('input'); radio.type = 'radio'; radio.name = 'outcome'; radio.value = code; radio.required = true;
      label.append(radio, ' ' + words); fs.append(label, el('br'));
    }
    const finish = el('button', 'Mark as done', 'secondary'); finish.type = 'submit'; fs.append(finish);
    done.append(fs);
    done.addEventListener('submit', e => { e.preventDefault(); const picked = done.querySelector('input[name=outcome]:checked'); if (picked) call('done', { outcome: picked.value }); });

    const move = el('form'); move.id = 'callback-reschedule-form';
    const label = el('label', 'New time, in the sales time zone'); label.htmlFor = 'callback-at';
    const at = el('input'); at.type = 'datetime-local'; at.id = 'callback-at'; at.required = true;
    const moveButton = el('button', 'Reschedule', 'secondary'); moveButton.type = 'submit';
    move.append(label, at, el('p')); move.lastChild.append(moveButton);
    move.addEventListener('submit', e => { e.preventDefault(); if (at.value) call('reschedule', { at: at.value }); });

    tools.append(done, move, status);
    box.append(tools);
  });
})();
