using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.DirectLine;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

public sealed class DirectLineTokenServiceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));

    private DirectLineTokenService Service(string? signingKey = null)
    {
        var options = Options.Create(new DirectLineOptions { SigningKey = signingKey ?? Convert.ToBase64String(new byte[32]) });
        return new DirectLineTokenService(new DirectLineKeys(options), _clock, options);
    }

    [Fact]
    public void An_issued_token_is_valid_for_its_conversation_and_user_for_thirty_minutes()
    {
        var tokens = Service();

        var issued = tokens.Issue("conv-1", "ava.ordering");
        var check = tokens.Validate(issued.Value);

        Assert.Equal(DirectLineTokenStatus.Valid, check.Status);
        Assert.Equal("conv-1", check.Token!.ConversationId);
        Assert.Equal("ava.ordering", check.Token.UserId);
        Assert.Equal(1800, issued.ExpiresInSeconds(_clock.GetUtcNow()));
    }

    [Fact]
    public void A_token_expires_after_its_lifetime()
    {
        var tokens = Service();
        var issued = tokens.Issue("conv-1", "ava.ordering");

        _clock.Advance(TimeSpan.FromMinutes(29));
        var stillValid = tokens.Validate(issued.Value).Status;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var expired = tokens.Validate(issued.Value).Status;

        Assert.Equal(DirectLineTokenStatus.Valid, stillValid);
        Assert.Equal(DirectLineTokenStatus.Expired, expired);
    }

    [Fact]
    public void A_token_signed_by_another_key_is_invalid()
    {
        var issued = Service(Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray())).Issue("conv-1", "ava.ordering");

        Assert.Equal(DirectLineTokenStatus.Invalid, Service().Validate(issued.Value).Status);
    }

    [Theory]
    [InlineData(null, DirectLineTokenStatus.Missing)]
    [InlineData("", DirectLineTokenStatus.Missing)]
    [InlineData("v1.e30.AAAA", DirectLineTokenStatus.Invalid)]
    [InlineData("v2.a.b", DirectLineTokenStatus.Invalid)]
    [InlineData("v1.%%%.!!!", DirectLineTokenStatus.Invalid)]
    public void Missing_or_malformed_tokens_are_refused(string? token, DirectLineTokenStatus expected)
    {
        Assert.Equal(expected, Service().Validate(token).Status);
    }

    [Fact]
    public void Options_refuse_a_signing_key_shorter_than_32_bytes()
    {
        var options = new DirectLineOptions { SigningKey = Convert.ToBase64String(new byte[16]) };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, error => error.MemberNames.Contains(nameof(DirectLineOptions.SigningKey)));
    }
}
