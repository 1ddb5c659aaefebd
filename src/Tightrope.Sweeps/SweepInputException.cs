namespace Tightrope.Sweeps;

/// <summary>A sweep definition, plan or shard that is malformed; the message names the option, path or file at fault.</summary>
public sealed class SweepInputException(string message) : ArgumentException(message);
