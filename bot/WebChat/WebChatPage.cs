namespace My8x8.SalesBot.WebChat;

/// <summary>
/// The website chat page served at <c>/</c>. Kept in code rather than a static file so it is part of the assembly and
/// works the same under <c>dotnet run</c>, a published build and the test host. Everything that varies (mode, demo
/// users, token) comes from <c>/webchat/config</c> and <c>/webchat/token</c>; the page never holds a secret.
/// </summary>
internal static class WebChatPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <title>My 8x8 Sales chat</title>
  <link rel="icon" href="data:,">
  <meta name="description" content="Add lines of service and phones to your 8x8 account by chatting with the My 8x8 sales assistant.">
  <style>
    :root {
      --brand: #d50032;
      --brand-dark: #a30026;
      --night: #101820;
      --ink: #1b1f24;
      --muted: #535b66;
      --line: #d0d4da;
      --canvas: #f3f4f6;
      --surface: #ffffff;
      --focus: #1a5fb4;
      font-family: "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif;
    }
    * { box-sizing: border-box; }
    html, body { height: 100%; margin: 0; }
    body { color: var(--ink); background: var(--canvas); display: flex; flex-direction: column; min-height: 100vh; min-height: 100dvh; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip-link { position: absolute; left: -999px; top: 0; background: var(--surface); color: var(--ink); padding: .5rem 1rem; z-index: 10; }
    .skip-link:focus { left: .5rem; top: .5rem; }
    .app-header { background: var(--night); color: #fff; display: flex; align-items: center; gap: .75rem; padding: .65rem 1rem; flex-wrap: wrap; }
    .logo { background: var(--brand); color: #fff; font-weight: 800; letter-spacing: .02em; border-radius: 6px; padding: .15rem .45rem; }
    .app-header h1 { font-size: 1.05rem; font-weight: 600; margin: 0; }
    .whoami { margin-left: auto; display: flex; align-items: center; gap: .5rem; font-size: .9rem; flex-wrap: wrap; }
    .whoami code { background: rgba(255, 255, 255, .12); border-radius: 4px; padding: .05rem .35rem; }
    .header-button { font: inherit; font-size: .85rem; color: #fff; background: transparent; border: 1px solid rgba(255, 255, 255, .6); border-radius: 999px; padding: .25rem .75rem; cursor: pointer; }
    .header-button:hover { background: rgba(255, 255, 255, .12); }
    main { flex: 1; display: flex; justify-content: center; padding: 1rem; min-height: 0; }
    .panel { width: 100%; max-width: 780px; background: var(--surface); border-radius: 12px; box-shadow: 0 2px 12px rgba(16, 24, 32, .12); display: flex; flex-direction: column; overflow: hidden; min-height: 0; height: calc(100dvh - 5.5rem); }
    .panel:focus { outline: none; }
    #webchat { flex: 1; min-height: 0; }
    .status { margin: 0; padding: 1rem 1.25rem; color: var(--muted); }
    .status.error { color: var(--brand-dark); font-weight: 600; }
    .picker { padding: 1.25rem; overflow-y: auto; }
    .picker h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
    .picker h2:focus { outline: none; }
    .picker p.hint { margin: 0 0 1rem; color: var(--muted); }
    .users { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
    .user { width: 100%; height: 100%; text-align: left; font: inherit; color: inherit; background: var(--surface); border: 1px solid var(--line); border-radius: 10px; padding: .75rem .9rem; cursor: pointer; display: flex; flex-direction: column; gap: .2rem; }
    .user:hover { border-color: var(--brand); box-shadow: 0 0 0 1px var(--brand); }
    .user .name { font-weight: 600; }
    .user .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; color: var(--muted); }
    .user .case { font-size: .88rem; color: var(--ink); }
    .other { margin-top: 1rem; display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
    .other input { font: inherit; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 8px; min-width: 12rem; }
    .primary { font: inherit; color: #fff; background: var(--brand); border: 0; border-radius: 8px; padding: .5rem 1rem; cursor: pointer; }
    .primary:hover { background: var(--brand-dark); }
    /* Card buttons, one look per role: primary (style "positive") filled, secondary outlined, destructive (Remove,
       Empty cart) outlined in red, so emptying a cart never looks like the way forward. */
    #webchat .ac-adaptiveCard .ac-pushButton.style-default { background: #fff; color: var(--ink); border: 1px solid var(--muted); }
    #webchat .ac-adaptiveCard .ac-pushButton.style-default:hover { background: var(--canvas); color: var(--ink); }
    #webchat .ac-adaptiveCard .ac-pushButton.style-destructive { background: #fff; color: var(--brand-dark); border: 1px solid var(--brand-dark); }
    #webchat .ac-adaptiveCard .ac-pushButton.style-destructive:hover { background: #fbe9ed; color: var(--brand-dark); }
    /* Web Chat's send box removes the browser's focus outline and draws none of its own: a keyboard user could not
       see that typing goes there. */
    #webchat .webchat__send-box__main:focus-within { box-shadow: inset 0 0 0 2px var(--focus); }
    @media (max-width: 600px) {
      main { padding: 0; }
      .panel { border-radius: 0; box-shadow: none; height: auto; }
      .app-header h1 { font-size: 1rem; }
    }
    @media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; scroll-behavior: auto !important; } }
  </style>
</head>
<body>
  <a class="skip-link" href="#chat-panel">Skip to the chat</a>
  <header class="app-header">
    <span class="logo" aria-hidden="true">8x8</span>
    <h1>My 8x8 Sales</h1>
    <div class="whoami" id="whoami" aria-live="polite"></div>
  </header>
  <main>
    <section class="panel" id="chat-panel" aria-label="Chat with My 8x8 sales" tabindex="-1">
      <p class="status" id="status" role="status">Loading the chat…</p>
      <div class="picker" id="picker" hidden>
        <h2 id="picker-title" tabindex="-1">Choose a demo user</h2>
        <p class="hint">Development only: each demo account shows a different case. The chat runs as the user you pick.</p>
        <ul class="users" id="users" aria-labelledby="picker-title"></ul>
        <form class="other" id="other-user">
          <label for="other-user-id">Or another user id</label>
          <input id="other-user-id" name="userId" autocomplete="off" spellcheck="false" pattern="[A-Za-z0-9._@-]{1,64}" required>
          <button class="primary" type="submit">Chat as this user</button>
        </form>
      </div>
      <div id="webchat" hidden></div>
    </section>
  </main>

  <!-- Served by this host from a local npm copy of botframework-webchat, or redirected to the official CDN. -->
  <script src="/webchat/webchat.js"></script>
  <script>
    (() => {
      'use strict';
      const byId = id => document.getElementById(id);
      let config = null;
      let directLine = null;

      const styleOptions = {
        accent: '#d50032',
        backgroundColor: '#ffffff',
        primaryFont: '"Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
        botAvatarInitials: '8x8',
        botAvatarBackgroundColor: '#101820',
        userAvatarBackgroundColor: '#d50032',
        bubbleBackground: '#f1f2f4',
        bubbleBorderWidth: 0,
        bubbleBorderRadius: 12,
        bubbleFromUserBackground: '#d50032',
        bubbleFromUserTextColor: '#ffffff',
        bubbleFromUserBorderWidth: 0,
        bubbleFromUserBorderRadius: 12,
        suggestedActionLayout: 'flow',
        suggestedActionBackgroundColor: '#ffffff',
        suggestedActionBorderColor: '#d50032',
        suggestedActionTextColor: '#a30026',
        suggestedActionBorderRadius: 16,
        sendBoxButtonColor: '#d50032',
        sendBoxButtonColorOnHover: '#a30026',
        hideUploadButton: true
      };

      function showStatus(text, isError) {
        const status = byId('status');
        status.textContent = text || '';
        status.hidden = !text;
        status.classList.toggle('error', !!isError);
      }

      async function getJson(url, init) {
        const response = await fetch(url, Object.assign({ credentials: 'same-origin', headers: { 'Content-Type': 'application/json' } }, init));
        if (!response.ok) {
          let message = 'HTTP ' + response.status;
          try { message = (await response.json()).error.message || message; } catch (e) { /* not JSON */ }
          throw new Error(message);
        }
        return response.json();
      }

      function initials(name) {
        return (name || '').split(/[\s._-]+/).filter(Boolean).slice(0, 2).map(part => part[0].toUpperCase()).join('') || 'You';
      }

      function showWhoAmI(user, userId) {
        const whoami = byId('whoami');
        whoami.replaceChildren();
        if (!userId) { return; }
        const label = document.createElement('span');
        label.append('Chatting as ' + (user && user.displayName ? user.displayName + ' ' : ''));
        const code = document.createElement('code');
        code.textContent = userId;
        label.append(code);
        whoami.append(label);
        if (config && config.chooseUser) {
          const change = document.createElement('button');
          change.type = 'button';
          change.className = 'header-button';
          change.textContent = 'Switch user';
          change.addEventListener('click', showPicker);
          whoami.append(change);
        }
      }

      function endChat() {
        if (directLine) { try { directLine.end(); } catch (e) { /* already closed */ } directLine = null; }
        const fresh = document.createElement('div');
        fresh.id = 'webchat';
        fresh.hidden = true;
        byId('webchat').replaceWith(fresh);
      }

      function showPicker() {
        endChat();
        showWhoAmI(null, null);
        showStatus('');
        const list = byId('users');
        list.replaceChildren();
        for (const user of config.demoUsers) {
          const item = document.createElement('li');
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'user';
          button.dataset.userId = user.id;
          const name = document.createElement('span'); name.className = 'name'; name.textContent = user.displayName;
          const id = document.createElement('span'); id.className = 'id'; id.textContent = user.id;
          const demonstrates = document.createElement('span'); demonstrates.className = 'case'; demonstrates.textContent = user.demonstrates;
          button.append(name, id, demonstrates);
          button.addEventListener('click', () => connect(user));
          item.append(button);
          list.append(item);
        }
        byId('picker').hidden = false;
        byId('picker-title').focus();
      }

      async function connect(user) {
        byId('picker').hidden = true;
        showStatus('Connecting…');
        try {
          // Coming back to the page continues the same chat (same step, same history) for the same user.
          const resumeKey = 'salesbot.chat.' + (user ? user.id : 'portal');
          const resumeToken = localStorage.getItem(resumeKey);
          const request = Object.assign(user ? { userId: user.id } : {}, resumeToken ? { resumeToken } : {});
          const token = await getJson('/webchat/token', { method: 'POST', body: JSON.stringify(request) });
          localStorage.setItem(resumeKey, token.token);
          endChat();
          directLine = window.WebChat.createDirectLine({ token: token.token, domain: token.domain, webSocket: token.webSocket });
          const host = byId('webchat');
          host.hidden = false;
          window.WebChat.renderWebChat({
            directLine,
            userID: token.userId,
            username: user ? user.displayName : undefined,
            locale: 'en-US',
            styleOptions: Object.assign({ userAvatarInitials: initials(user ? user.displayName : token.userId) }, styleOptions)
          }, host);
          showWhoAmI(user, token.userId);
          showStatus('');
          const sendBox = host.querySelector('input[type="text"], textarea');
          if (sendBox) { sendBox.focus(); }
        } catch (error) {
          showStatus('The chat could not start: ' + error.message, true);
          if (config && config.chooseUser) { byId('picker').hidden = false; }
        }
      }

      byId('other-user').addEventListener('submit', event => {
        event.preventDefault();
        const id = byId('other-user-id').value.trim();
        if (id) { connect({ id, displayName: id, demonstrates: '' }); }
      });

      async function start() {
        if (!window.WebChat) {
          showStatus('Web Chat could not be loaded. If this machine is offline, install a local copy: npm ci --prefix bot/WebChat', true);
          return;
        }
        try {
          config = await getJson('/webchat/config');
        } catch (error) {
          showStatus('The chat is not available: ' + error.message, true);
          return;
        }
        if (config.mode === 'disabled') {
          showStatus('Website chat is not configured on this server.', true);
        } else if (config.chooseUser) {
          showPicker();
        } else {
          connect(null);
        }
      }

      start();
    })();
  </script>
</body>
</html>
""";
}
