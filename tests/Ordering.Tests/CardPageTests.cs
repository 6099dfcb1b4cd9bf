using System.Net;
using System.Text;
using My8x8.SalesBot.Ordering.Payments;

namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>The hosted card page over real HTTP: what it stores, what it refuses, and what it never keeps.</summary>
public sealed class CardPageTests : IAsyncLifetime
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
    public async Task The_form_is_labelled_and_accessible()
    {
        var (path, _) = await NewLinkAsync();

        using var response = await Harness.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        foreach (var field in new[] { "number", "expiry", "cvc", "name", "zip" })
        {
            Assert.Contains($"<label for=\"{field}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("autocomplete=\"cc-number\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"number-hint\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_card_is_stored_with_only_brand_last_four_and_expiry_and_the_bot_is_told()
    {
        var (_, token) = await NewLinkAsync("conversation-42");

        using var response = await SubmitAsync(token, Pan, "04/29", "737");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Visa card ending 1111", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Pan, html, StringComparison.Ordinal);
        var card = Assert.Single(await Harness.Service.GetCardsAsync(DemoUsers.Ivy, CancellationToken.None));
        Assert.Equal(("Visa", "1111", 4, 2029, true), (card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear, card.IsValid));
        var added = Assert.Single(Harness.Notifier.Added);
        Assert.Equal(new CardAdded(DemoUsers.Ivy, card.Id, "Visa", "1111", 4, 2029, "conversation-42"), added);
    }

    [Fact]
    public async Task The_card_number_never_reaches_the_database_file()
    {
        var (_, token) = await NewLinkAsync();

        using var response = await SubmitAsync(token, Pan, "04/29", "737");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = Harness.DatabaseBytes();
        Assert.NotEmpty(bytes);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Pan)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes("4111 1111 1111 1111")));
    }

    [Fact]
    public async Task A_customer_without_a_card_can_order_after_adding_one()
    {
        var (_, token) = await NewLinkAsync();
        using var _ = await SubmitAsync(token, Pan, "04/29", "737");
        var service = Harness.Service;
        var cart = await service.GetOpenCartAsync(DemoUsers.Ivy, CancellationToken.None);
        cart = await service.AddToCartAsync(DemoUsers.Ivy, cart.Id, "X2-LINE", 1, CancellationToken.None);
        var quote = await service.QuoteAsync(DemoUsers.Ivy, cart.Id, null, CancellationToken.None);

        var order = await service.PlaceOrderAsync(new PlaceOrderRequest(DemoUsers.Ivy, cart.Id, quote.Id, null, "2025-11", Harness.Time.GetUtcNow()), "ivy-1", CancellationToken.None);

        Assert.Equal("1111", order.Payment.Last4);
    }

    [Theory]
    [InlineData("4111111111111112", "04/29", "737", "number")]
    [InlineData("1234", "04/29", "737", "number")]
    [InlineData("9111111111111111", "04/29", "737", "number")]
    [InlineData(Pan, "02/26", "737", "expiry")]
    [InlineData(Pan, "13/29", "737", "expiry")]
    [InlineData(Pan, "04/29", "73", "cvc")]
    [InlineData(Pan, "04/29", "73a", "cvc")]
    public async Task Invalid_cards_are_refused_with_an_error_summary_and_the_link_stays_usable(string number, string expiry, string cvc, string field)
    {
        var (_, token) = await NewLinkAsync();

        using var response = await SubmitAsync(token, number, expiry, cvc);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{field}\">", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(number, html, StringComparison.Ordinal);
        Assert.Empty(await Harness.Service.GetCardsAsync(DemoUsers.Ivy, CancellationToken.None));
        Assert.Empty(Harness.Notifier.Added);

        using var retry = await SubmitAsync(token, Pan, "04/29", "737");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task The_card_page_carries_the_8x8_header_the_chat_promises()
    {
        var (path, _) = await NewLinkAsync();

        using var card = await Harness.Http.GetAsync(path);

        Assert.Contains("<header class=\"site-header\"><span class=\"logo\" aria-hidden=\"true\">8x8</span><span class=\"site-name\">8x8 secure card page</span></header>",
            await card.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_problem_the_page_says_the_card_number_and_code_must_be_entered_again_and_never_shows_them()
    {
        var (_, token) = await NewLinkAsync();

        using var response = await SubmitAsync(token, Pan, "13/29", "737");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("please enter them again", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"reenter\" id=\"number-reenter\">Please enter the card number again.</span>", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"number-hint number-reenter\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"cvc-hint cvc-reenter\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Pan, html, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", html, StringComparison.Ordinal);
        Assert.DoesNotContain("737", html, StringComparison.Ordinal);
        Assert.Contains("value=\"13/29\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_link_cannot_be_used_again()
    {
        var (path, token) = await NewLinkAsync();
        using var first = await SubmitAsync(token, Pan, "04/29", "737");

        using var again = await SubmitAsync(token, "5555555555554444", "05/30", "123");
        using var reopened = await Harness.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, reopened.StatusCode);
        Assert.Single(await Harness.Service.GetCardsAsync(DemoUsers.Ivy, CancellationToken.None));
    }

    [Fact]
    public async Task A_forged_link_is_refused_and_nothing_is_stored()
    {
        using var page = await Harness.Http.GetAsync($"{CardPage.Path}?token=forged-token-123");
        using var missing = await Harness.Http.GetAsync(CardPage.Path);
        using var post = await SubmitAsync("forged-token-123", Pan, "04/29", "737");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Harness.Notifier.Added);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var (path, token) = await NewLinkAsync();
        Harness.Time.Advance(TimeSpan.FromMinutes(30));

        using var page = await Harness.Http.GetAsync(path);
        using var post = await SubmitAsync(token, Pan, "04/29", "737");

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Empty(await Harness.Service.GetCardsAsync(DemoUsers.Ivy, CancellationToken.None));
    }

    private async Task<(string PathAndQuery, string Token)> NewLinkAsync(string? hint = null)
    {
        var link = await Harness.Service.CreateCardSetupLinkAsync(DemoUsers.Ivy, hint, CancellationToken.None);
        var token = link.Url.Query["?token=".Length..];
        return (link.Url.PathAndQuery, Uri.UnescapeDataString(token));
    }

    private Task<HttpResponseMessage> SubmitAsync(string token, string number, string expiry, string cvc) =>
        Harness.Http.PostAsync(CardPage.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["number"] = number,
            ["expiry"] = expiry,
            ["cvc"] = cvc,
            ["name"] = "Ivy Chen",
            ["zip"] = "98101",
        }));
}
