using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Engine;

#pragma warning disable RS0030 // The remark names the banned call to say why it is banned.
/// <summary>
/// A state that makes its own property accessors. The SDK's <see cref="BotState.CreateProperty{T}"/> cannot be
/// overridden, so a state with a different way of keeping properties (the host's JSON conversation state) offers
/// them through this interface, and <see cref="StateProperties.Property{T}"/> picks them up.
/// </summary>
#pragma warning restore RS0030
public interface IStatePropertyFactory
{
    IStatePropertyAccessor<T> CreateStateProperty<T>(string name);
}

public static class StateProperties
{
    /// <summary>
    /// The accessor of the state property <paramref name="name"/>: the state's own when it makes them
    /// (<see cref="IStatePropertyFactory"/>), otherwise the SDK's. Create every property through this.
    /// </summary>
    public static IStatePropertyAccessor<T> Property<T>(this BotState state, string name)
    {
        ArgumentNullException.ThrowIfNull(state);
#pragma warning disable RS0030 // The one place the SDK's accessor is made, for a state that does not make its own.
        return state is IStatePropertyFactory factory ? factory.CreateStateProperty<T>(name) : state.CreateProperty<T>(name);
#pragma warning restore RS0030
    }
}
