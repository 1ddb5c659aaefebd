namespace Tightrope.Web;

/// <summary>
/// A bounded queue of concurrent solves: at most <c>MaxConcurrentSolves</c> run at once, at most
/// <c>MaxQueuedSolves</c> wait, and each may take at most <c>SolveTimeLimitSeconds</c>.
/// </summary>
public sealed class SolveQueue(WebServerOptions options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentSolves));
    private int _waiting;

    /// <summary>The time limit per solve.</summary>
    public TimeSpan TimeLimit { get; } = TimeSpan.FromSeconds(options.SolveTimeLimitSeconds);

    /// <summary>Runs <paramref name="work"/> on a worker thread once a slot is free, within the time limit.</summary>
    /// <exception cref="SolveRefusedException">The queue is full or the time limit passed.</exception>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellation)
    {
        if (Interlocked.Increment(ref _waiting) > options.MaxQueuedSolves + options.MaxConcurrentSolves)
        {
            Interlocked.Decrement(ref _waiting);
            throw new SolveRefusedException(503, "Too many solves queued", $"{options.MaxQueuedSolves} solves are already waiting; try again shortly.");
        }

        try
        {
            await _slots.WaitAsync(cancellation);
        }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }

        // The slot is released when the work really ends, even after a time-out, so the bound on concurrent solves holds.
        var clock = new System.Diagnostics.Stopwatch();
        var task = Task.Run(
            () =>
            {
                clock.Start();
                var result = work();
                clock.Stop();
                return result;
            },
            CancellationToken.None);
        _ = task.ContinueWith(
            _ =>
            {
                _slots.Release();
                Interlocked.Decrement(ref _waiting);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            var done = await task.WaitAsync(TimeLimit, cancellation);

            // A busy thread pool can run the timer late; the solve's own clock decides, so the limit holds exactly.
            return clock.Elapsed > TimeLimit ? throw TimedOut() : done;
        }
        catch (TimeoutException)
        {
            throw TimedOut();
        }
    }

    private SolveRefusedException TimedOut() =>
        new(504, "Solve time limit exceeded", $"the solve did not finish within the time limit of {TimeLimit.TotalSeconds:0.###} s.");
}

/// <summary>A solve that was not run or not finished: queue full (503) or time limit (504).</summary>
public sealed class SolveRefusedException(int status, string title, string message) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Problem title.</summary>
    public string Title { get; } = title;
}
