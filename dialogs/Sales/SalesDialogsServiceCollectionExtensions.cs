using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Dialogs.Sales;

public static class SalesDialogsServiceCollectionExtensions
{
    /// <summary>The sales conversation: its dialogs (built once), messages, sales hours and the default handoff.</summary>
    public static IServiceCollection AddSalesDialogs(this IServiceCollection services)
    {
        services.AddOptions<SalesHoursOptions>().BindConfiguration(SalesHoursOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SalesDialogOptions>().BindConfiguration(SalesDialogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SalesHours>();
        // The intent model (loaded once, shared by every turn) and the conversation's reading of it.
        services.AddIntentRecognizer();
        services.AddSingleton<SalesUnderstanding>();
        // The turn's language: the customer's choice, remembered per customer, or the channel's locale.
        services.AddSingleton<TurnLanguage>();
        services.TryAddSingleton<IHandoffService, PhoneHandoffService>();
        services.TryAddSingleton(new CardPageFollowUp(ContinuesConversation: false));
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<SubmitTickets>();
        services.AddSingleton<RepeatedFailures>();
        services.AddSingleton<TurnOrdering>();
        services.AddSingleton<SalesMessages>();
        services.AddSingleton<OrderStatusReplies>();
        services.AddSingleton<SalesFlowDialog>();
        services.AddSingleton<ShoppingDialog>();
        services.AddSingleton<PlanAdvisorDialog>();
        services.AddSingleton<PaymentCardDialog>();
        services.AddSingleton<ShippingDialog>();
        services.AddSingleton<QuoteDialog>();
        services.AddSingleton<TermsDialog>();
        services.AddSingleton<SalesDialog>();
        return services;
    }
}
