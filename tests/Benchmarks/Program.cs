using System.Globalization;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'   (see docs/performance.md)
// dotnet run -c Release --project tests/Benchmarks -- --storage-bound 100000   (storage before and after the sweep)
if (args is ["--storage-bound", var count])
{
    return await My8x8.SalesBot.Benchmarks.StorageBoundRun.RunAsync(int.Parse(count, CultureInfo.InvariantCulture));
}

BenchmarkSwitcher.FromAssembly(typeof(My8x8.SalesBot.Benchmarks.DialogTurnBenchmarks).Assembly).Run(args);
return 0;
