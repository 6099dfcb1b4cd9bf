using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(My8x8.SalesBot.Benchmarks.DialogTurnBenchmarks).Assembly).Run(args);
