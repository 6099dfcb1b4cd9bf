using System.Net;
using My8x8.SalesBot.Ordering.Payments;

namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>
/// The card page and the terms page over real HTTP in the visitor's language: the <c>lang</c> the chat's link carries,
/// else the browser's Accept-Language; Spanish pages say everything in Spanish (and mark the English-only legal text as
/// English), English ones read exactly as before.
/// </summary>
public sealed class PageLanguageTests : IAsyncLifetime
{
    private const string Pan = "4111111111111111";
    private OrderingHarness? _harness;

    private OrderingHarness Harness => _harness ?? throw new InvalidOperationException("The harness is created in InitializeAsync.");

    public async Task InitializeAsync() => _harness = await OrderingHarness.HttpAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_card_page_of_a_link_from_a_spanish_conversation_is_in_spanish()
    {
        var (path, _) = await NewLinkAsync();

        using var response = await Harness.Http.GetAsync(path + "&lang=es-US");
        var html = await HtmlAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Agregar una tarjeta de pago – 8x8</title>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"site-name\">Página segura de tarjetas de 8x8</span>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Agregar una tarjeta de pago</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Ivy Chen, la tarjeta se guarda en su cuenta para compras futuras.", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"number\">Número de tarjeta</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"expiry\">Fecha de vencimiento (MM/AA)</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"zip\">Código postal (ZIP) de facturación</label>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Agregar tarjeta</button>", html, StringComparison.Ordinal);
        // The form remembers the language, so the answer to a submit is Spanish too.
        Assert.Matches("<input type=\"hidden\" name=\"lang\" value=\"es-US\" ?/?>", html);
        Assert.DoesNotContain("Card number", html, StringComparison.Ordinal);
        Assert.Equal("es", response.Content.Headers.ContentLanguage.Single());
    }

    [Fact]
    public async Task A_spanish_submit_with_problems_is_answered_in_spanish_and_a_good_one_confirms_in_spanish()
    {
        var (_, token) = await NewLinkAsync();

        using var refused = await SubmitAsync(token, "4111111111111112", "13/29", "73", "es-US");
        var html = await HtmlAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"error-summary-title\">Hay un problema</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#number\">Escriba un número de tarjeta válido.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#expiry\">Escriba la fecha de vencimiento como MM/AA.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#cvc\">Escriba el código de seguridad de 3 o 4 dígitos.</a>", html, StringComparison.Ordinal);
        Assert.Contains("Vuelva a escribir el número de tarjeta.", html, StringComparison.Ordinal);

        using var added = await SubmitAsync(token, Pan, "04/29", "737", "es-US");
        var confirmation = await HtmlAsync(added);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("<h1>Tarjeta agregada</h1>", confirmation, StringComparison.Ordinal);
        Assert.Contains("Su tarjeta Visa terminada en 1111 (vence 04/29) se agregó a su cuenta", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_lang_the_browsers_preferred_language_decides()
    {
        var (path, _) = await NewLinkAsync();

        using var spanish = await GetAsync(path, "es-MX,es;q=0.9,en;q=0.8");
        using var english = await GetAsync(path, "fr-FR, en-US;q=0.5, es;q=0.1");
        using var unknown = await GetAsync(path, "de-DE");
        using var chosen = await GetAsync(path + "&lang=en-US", "es-US");

        Assert.Contains("<html lang=\"es\">", await HtmlAsync(spanish), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", await HtmlAsync(english), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", await HtmlAsync(unknown), StringComparison.Ordinal);
        Assert.Contains("<label for=\"number\">Card number</label>", await HtmlAsync(chosen), StringComparison.Ordinal);
        Assert.Contains("Accept-Language", spanish.Headers.Vary);
    }

    [Fact]
    public async Task A_refused_link_is_explained_in_the_visitors_language()
    {
        using var forged = await Harness.Http.GetAsync($"{CardPage.Path}?token=forged-token-123&lang=es");
        var html = await HtmlAsync(forged);

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("<h1>Este enlace no es válido</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Pida un enlace nuevo al asistente.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_english_card_page_reads_as_before()
    {
        var (path, _) = await NewLinkAsync();

        using var response = await Harness.Http.GetAsync(path);
        var html = await HtmlAsync(response);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Add a payment card – 8x8</title>", html, StringComparison.Ordinal);
        Assert.Contains("Ivy Chen, the card is kept on your account for future purchases. Only its brand, last four digits and expiry are stored; never type a card number into the chat.", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"cvc\">Security code (CVC)</label>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"hint\" id=\"cvc-hint\">3 digits on the back, or 4 on the front for American Express.</span>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Add card</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_spanish_terms_page_is_in_spanish_and_says_the_legal_text_is_english_only()
    {
        using var response = await Harness.Http.GetAsync("/terms?lang=es-US");
        var html = await HtmlAsync(response);
        var terms = await Harness.Service.GetTermsAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Términos y condiciones – pedidos de autoservicio de 8x8</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Términos y condiciones</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"Versión {terms.Version}, vigente desde el {terms.EffectiveAt.Day} de ", html, StringComparison.Ordinal);
        Assert.Contains("solo están disponibles en inglés", html, StringComparison.Ordinal);
        // The legal text itself is the service's, in English, and marked as English.
        Assert.Contains("<div lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(terms.Summary, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_english_terms_page_reads_as_before()
    {
        using var response = await Harness.Http.GetAsync("/terms");
        var html = await HtmlAsync(response);
        var terms = await Harness.Service.GetTermsAsync(CancellationToken.None);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Terms and Conditions – 8x8 self-service ordering</title>", html, StringComparison.Ordinal);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Version {terms.Version}, in effect since {terms.EffectiveAt:MMMM d, yyyy}."), html, StringComparison.Ordinal);
        Assert.DoesNotContain("English only", html, StringComparison.Ordinal);
    }

    // Razor writes accented letters as character references; the visitor reads the letters.
    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<HttpResponseMessage> GetAsync(string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return await Harness.Http.SendAsync(request);
    }

    private async Task<(string PathAndQuery, string Token)> NewLinkAsync()
    {
        var link = await Harness.Service.CreateCardSetupLinkAsync(DemoUsers.Ivy, null, CancellationToken.None);
        var token = link.Url.Query["?token=".Length..];
        return (link.Url.PathAndQuery, Uri.UnescapeDataString(token));
    }

    private Task<HttpResponseMessage> SubmitAsync(string token, string number, string expiry, string cvc, string lang) =>
        Harness.Http.PostAsync(CardPage.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["number"] = number,
            ["expiry"] = expiry,
            ["cvc"] = cvc,
            ["name"] = "Ivy Chen",
            ["zip"] = "98101",
            ["lang"] = lang,
        }));
}
