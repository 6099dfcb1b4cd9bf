using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Extensions;

/// <summary>Refuses to start a non-development host whose /api/messages would accept unauthenticated activities.</summary>
internal sealed class ChannelAuthenticationValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<HostOptions>
{
    public ValidateOptionsResult Validate(string? name, HostOptions options)
    {
        var hasAppId = !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
        if (hasAppId || environment.IsDevelopment() || options.AllowUnauthenticatedChannels)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            "MicrosoftAppId is not set, so Bot Framework authentication would be off. Set MicrosoftAppId (and its credentials), " +
            "run in the Development environment, or set SalesBot:AllowUnauthenticatedChannels=true to allow this deliberately.");
    }
}
