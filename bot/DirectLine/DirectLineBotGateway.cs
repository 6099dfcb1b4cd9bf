using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// Hands an activity to the bot through the same door as <c>/api/messages</c>: the adapter's <c>ProcessAsync</c>, so the
/// turn gets the adapter's authentication, middleware (turn lock) and error handler. The SDK keeps its
/// activity-level entry points protected, hence the in-memory request.
/// </summary>
internal sealed class DirectLineBotGateway(IBotFrameworkHttpAdapter adapter, IBot bot, DirectLineKeys keys)
{
    /// <summary>Runs the turn; returns the HTTP status the adapter answered with.</summary>
    public async Task<int> DeliverAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // The bot trusts the sender of this activity because of this proof (see ChannelIdentityResolver).
        activity.Properties ??= new Newtonsoft.Json.Linq.JObject();
        activity.Properties[DirectLineKeys.SenderProofProperty] = keys.ProveSender(activity.Conversation.Id, activity.From.Id);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json; charset=utf-8";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(activity, InMemoryDirectLineStore.SerializerSettings)));
        context.Response.Body = Stream.Null;
        await adapter.ProcessAsync(context.Request, context.Response, bot, cancellationToken);
        return context.Response.StatusCode;
    }
}
