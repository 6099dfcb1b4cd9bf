using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.DirectLine;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

public sealed class DirectLineTokenServiceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));

    // One key ring, as one host (or several sharing their keys) has.
    private readonly EphemeralDataProtectionProvider _keyRing = new();

    private DirectLineTokenService Service(IDataProtectionProvider? keyRing = null, TimeProvider? clock = null) =>
        new(keyRing ?? _keyRing, clock ?? _clock, Options.Create(new DirectLineOptions()));

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
    public void A_token_expires_after_its_lifetime_and_still_says_whose_conversation_it_was()
    {
        var tokens = Service();
        var issued = tokens.Issue("conv-1", "ava.ordering");

        _clock.Advance(TimeSpan.FromMinutes(29));
        var stillValid = tokens.Validate(issued.Value).Status;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var expired = tokens.Validate(issued.Value);

        Assert.Equal(DirectLineTokenStatus.Valid, stillValid);
        Assert.Equal(DirectLineTokenStatus.Expired, expired.Status);
        Assert.Equal("conv-1", expired.Token!.ConversationId);
        Assert.Equal("ava.ordering", expired.Token.UserId);
    }

    [Fact]
    public void Expiry_follows_the_hosts_clock_even_when_it_is_pinned_far_from_the_wall_clock()
    {
        // A demo pinned to a past Saturday, and one pinned years ahead: the wall clock has no say in either.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(-3));
        var future = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(3));

        var fromThePast = Service(clock: past).Issue("conv-past", "ava.ordering");
        var fromTheFuture = Service(clock: future).Issue("conv-future", "ava.ordering");

        Assert.Equal(DirectLineTokenStatus.Valid, Service(clock: past).Validate(fromThePast.Value).Status);
        Assert.Equal(DirectLineTokenStatus.Valid, Service(clock: future).Validate(fromTheFuture.Value).Status);
        Assert.Equal(DirectLineTokenStatus.Expired, Service(clock: future).Validate(fromThePast.Value).Status);
    }

    [Fact]
    public void A_token_from_another_key_ring_is_invalid()
    {
        var issued = Service(new EphemeralDataProtectionProvider()).Issue("conv-1", "ava.ordering");

        Assert.Equal(DirectLineTokenStatus.Invalid, Service().Validate(issued.Value).Status);
    }

    [Fact]
    public void A_payload_of_the_same_key_ring_for_another_purpose_is_invalid()
    {
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["c"] = "conv-1", ["u"] = "ava.ordering", ["e"] = 4_000_000_000L });
        var otherPurpose = System.Buffers.Text.Base64Url.EncodeToString(_keyRing.CreateProtector("Some.Other.Purpose").Protect(payload));
        var ourPurpose = System.Buffers.Text.Base64Url.EncodeToString(_keyRing.CreateProtector(DirectLineTokenService.Purpose).Protect(payload));

        Assert.Equal(DirectLineTokenStatus.Invalid, Service().Validate(otherPurpose).Status);
        Assert.Equal(DirectLineTokenStatus.Valid, Service().Validate(ourPurpose).Status);
    }

    [Fact]
    public void A_token_changed_anywhere_is_invalid()
    {
        var value = Service().Issue("conv-1", "ava.ordering").Value;

        var original = System.Buffers.Text.Base64Url.DecodeFromChars(value);

        // Every position, changed to another base64url character: none of them is accepted. (The last character may
        // carry only unused bits; a change there that leaves the bytes as they were is no change.)
        var tried = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var tampered = string.Concat(value.AsSpan(0, i), value[i] == 'A' ? "B" : "A", value.AsSpan(i + 1));
            if (DecodesTo(tampered, original))
            {
                continue;
            }

            tried++;
            Assert.Equal(DirectLineTokenStatus.Invalid, Service().Validate(tampered).Status);
        }

        Assert.True(tried >= value.Length - 1);
    }

    private static bool DecodesTo(string value, byte[] bytes)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(value).AsSpan().SequenceEqual(bytes);
        }
        catch (FormatException)
        {
            // Not even base64url any more (trailing bits set): certainly not the same token.
            return false;
        }
    }

    [Fact]
    public void A_token_in_the_former_hand_signed_format_is_refused_whatever_key_signed_it()
    {
        var payload = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, object> { ["c"] = "conv-1", ["u"] = "ava.ordering", ["e"] = 4_000_000_000L }));
        var body = $"v1.{payload}";
        var signature = System.Security.Cryptography.HMACSHA256.HashData(new byte[32], System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(DirectLineTokenStatus.Invalid, Service().Validate($"{body}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}").Status);
    }

    [Theory]
    [InlineData(null, DirectLineTokenStatus.Missing)]
    [InlineData("", DirectLineTokenStatus.Missing)]
    [InlineData("v1.e30.AAAA", DirectLineTokenStatus.Invalid)]
    [InlineData("v2.a.b", DirectLineTokenStatus.Invalid)]
    [InlineData("v1.%%%.!!!", DirectLineTokenStatus.Invalid)]
    [InlineData("AAAA", DirectLineTokenStatus.Invalid)]
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
