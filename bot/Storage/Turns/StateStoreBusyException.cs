namespace My8x8.SalesBot.Turns;

/// <summary>
/// The turn's state could not be saved within <see cref="Storage.StorageOptions.WriteTimeout"/> (another connection held
/// the database, or it answered too slowly). Nothing of the turn's conversation state was written.
/// </summary>
public sealed class StateStoreBusyException(TimeSpan waited, Exception? innerException = null)
    : Exception($"The conversation state could not be saved within {waited.TotalSeconds:0.#} s.", innerException);
