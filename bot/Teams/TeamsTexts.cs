using My8x8.SalesBot.Resources;

namespace My8x8.SalesBot.Teams;

/// <summary>What the bot says only in Microsoft Teams, kept together like <c>SalesTexts</c> (words in <c>HostTexts.resx</c>).</summary>
internal static class TeamsTexts
{
    public static string GroupIntro(string botName) => HostTexts.Texts.Format("Teams.GroupIntro", botName);

    public static string CartIsPrivate(string who, Uri personalChat) => HostTexts.Texts.Format("Teams.CartIsPrivate", who, personalChat);

    public static string CheckoutIsPrivate(string who, Uri personalChat) => HostTexts.Texts.Format("Teams.CheckoutIsPrivate", who, personalChat);
}
