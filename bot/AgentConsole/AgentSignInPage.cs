using System.Text.Encodings.Web;

namespace My8x8.SalesBot.Handoff;

/// <summary>The console's own sign-in form (used when OpenID Connect is not configured).</summary>
internal static class AgentSignInPage
{
    public static string Render(string antiforgeryToken, string returnUrl, string? error, bool accountsConfigured)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p class="error" role="alert">{html.Encode(error)}</p>""";
        var notConfigured = accountsConfigured
            ? ""
            : """<p class="error" role="alert">No agent sign-in is configured here. Set SalesBot:Handoff:OpenIdConnect (or agent accounts in Development).</p>""";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · 8x8 Sales agent console</title>
              <style>
                body { font-family: system-ui, sans-serif; background: #f4f5f7; display: grid; place-items: center; min-height: 100vh; margin: 0; }
                form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; width: min(22rem, 90vw); }
                label { display: block; margin-top: 1rem; font-weight: 600; }
                input { width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; font-size: 1rem; }
                button { margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #c8102e; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
                :focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
                .error { color: #a00; }
              </style>
            </head>
            <body>
              <main>
                <form method="post" action="/agent/signin">
                  <h1>8x8 Sales agent console</h1>
                  {{message}}{{notConfigured}}
                  <input type="hidden" name="__RequestVerificationToken" value="{{html.Encode(antiforgeryToken)}}">
                  <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
                  <label for="agentId">Agent id</label>
                  <input id="agentId" name="agentId" autocomplete="username" required autofocus>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">Sign in</button>
                </form>
              </main>
            </body>
            </html>
            """;
    }
}
