namespace My8x8.SalesBot.Extensions;

/// <summary>Wraps an already registered service in a decorator, keeping its lifetime and however it was registered.</summary>
internal static class ServiceDecoration
{
    /// <summary>
    /// Replaces the last registration of <typeparamref name="T"/> with one that builds the original and hands it to
    /// <paramref name="decorate"/>. Throws when <typeparamref name="T"/> is not registered yet, so a wrong call order
    /// fails at start-up instead of silently leaving the service undecorated.
    /// </summary>
    public static IServiceCollection Decorate<T>(this IServiceCollection services, Func<IServiceProvider, T, T> decorate)
        where T : class
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} must be registered before it is decorated.");
        services.Remove(descriptor);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => decorate(sp, (T)Create(sp, descriptor)), descriptor.Lifetime));
        return services;
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
