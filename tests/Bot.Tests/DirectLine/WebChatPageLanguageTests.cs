using System.Net;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>
/// The website chat page over real HTTP in the visitor's language: <c>?lang=</c> (its own language link), else the
/// browser's Accept-Language; the Spanish page is Spanish through and through (its words, the words its script shows,
/// the locale it gives Web Chat, <c>html lang</c>), the English one reads as before, and the bot's welcome follows the
/// browser's language before the first message says which.
/// </summary>
public sealed class WebChatPageLanguageTests(LoopbackSalesBotFactory factory) : IClassFixture<LoopbackSalesBotFactory>
{
    [Fact]
    public async Task The_spanish_page_is_spanish()
    {
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/?lang=es-US");
        var html = await HtmlAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Chat de ventas de My 8x8</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Ventas de My 8x8</h1>", html, StringComparison.Ordinal);
        Assert.Contains(">Ir al chat</a>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Chat con ventas de My 8x8\"", html, StringComparison.Ordinal);
        Assert.Contains(">Cargando el chat…</p>", html, StringComparison.Ordinal);
        Assert.Contains(">Elija un usuario de demostración</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">Chatear como este usuario</button>", html, StringComparison.Ordinal);
        // What the script shows, and the locale Web Chat sends with every message, so the bot answers in Spanish.
        Assert.Contains("data-locale=\"es-US\"", html, StringComparison.Ordinal);
        Assert.Contains("data-connecting=\"Conectando…\"", html, StringComparison.Ordinal);
        Assert.Contains("data-switch-user=\"Cambiar de usuario\"", html, StringComparison.Ordinal);
        Assert.Contains("data-could-not-start=\"No se pudo iniciar el chat:\"", html, StringComparison.Ordinal);
        // The way back, in its own language.
        Assert.Contains("href=\"/?lang=en-US\" lang=\"en\" hreflang=\"en\">English</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading the chat", html, StringComparison.Ordinal);
        Assert.Equal("es", response.Content.Headers.ContentLanguage.Single());
    }

    [Fact]
    public async Task The_english_page_reads_as_before()
    {
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/");
        var html = await HtmlAsync(response);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>My 8x8 Sales chat</title>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"description\" content=\"Add lines of service and phones to your 8x8 account by chatting with the My 8x8 sales assistant.\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>My 8x8 Sales</h1>", html, StringComparison.Ordinal);
        Assert.Contains(">Loading the chat…</p>", html, StringComparison.Ordinal);
        Assert.Contains(">Choose a demo user</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"other-user-id\">Or another user id</label>", html, StringComparison.Ordinal);
        Assert.Contains("data-locale=\"en-US\"", html, StringComparison.Ordinal);
        Assert.Contains("data-connecting=\"Connecting…\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?lang=es-US\" lang=\"es\" hreflang=\"es\">Español</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-MX,es;q=0.9,en;q=0.5", "es")]
    [InlineData("en-GB,es;q=0.5", "en")]
    [InlineData("fr-FR,es;q=0.8", "es")]
    [InlineData("de-DE", "en")]
    public async Task Without_a_lang_the_browsers_languages_decide(string acceptLanguage, string lang)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Contains($"<html lang=\"{lang}\">", await HtmlAsync(response), StringComparison.Ordinal);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task The_welcome_is_in_the_browsers_language_before_the_first_message()
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-US,es;q=0.9");
        var spanish = new DirectLineTestClient(http);
        var english = factory.CreateDirectLineClient();

        var (spanishConversation, spanishToken) = await spanish.StartConversationAsync("ava.ordering");
        var (englishConversation, englishToken) = await english.StartConversationAsync("ben.qtc");
        var bienvenida = await spanish.WaitForActivityAsync(spanishConversation, spanishToken, a => (string?)a["from"]?["role"] == "bot");
        var welcome = await english.WaitForActivityAsync(englishConversation, englishToken, a => (string?)a["from"]?["role"] == "bot");

        Assert.StartsWith("Hola, soy el asistente de ventas de My 8x8.", (string?)bienvenida["text"], StringComparison.Ordinal);
        Assert.Equal("es-US", (string?)bienvenida["locale"]);
        Assert.StartsWith("Hi, I'm the My 8x8 sales assistant.", (string?)welcome["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_that_prefers_a_language_the_bot_does_not_speak_gets_the_welcome_in_the_pages_language()
    {
        // French first, Spanish second: the page is Spanish, and so is the welcome (it used to take French, then English).
        const string acceptLanguage = "fr-FR,es;q=0.8,en;q=0.5";
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        var client = new DirectLineTestClient(http);

        var (conversation, token) = await client.StartConversationAsync("ava.ordering");
        var welcome = await client.WaitForActivityAsync(conversation, token, a => (string?)a["from"]?["role"] == "bot");

        Assert.Contains("<html lang=\"es\">", await HtmlAsync(page), StringComparison.Ordinal);
        Assert.Equal("es-US", (string?)welcome["locale"]);
        Assert.StartsWith("Hola, soy el asistente de ventas de My 8x8.", (string?)welcome["text"], StringComparison.Ordinal);
    }

    // Razor writes accented letters as character references; the visitor reads the letters.
    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
