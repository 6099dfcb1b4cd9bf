using My8x8.SalesBot.Dialogs.Understanding.Trainer;

// dotnet run -c Release --project dialogs/Understanding/Trainer                 rebuild every language's model
// dotnet run -c Release --project dialogs/Understanding/Trainer -- --compare    also compare learners (docs/understanding.md)
return ModelTrainer.Run(args, Console.Out);
